using System.Net.Http.Json;
using Contest.Engine.Leaderboards;
using Contest.Engine.Rounds;
using Contest.Engine.Storage;
using Contest.Testing;
using Contest.Web.LiveCluster;
using StackExchange.Redis;

namespace Contest.Web.Tests.LiveCluster;

/// <summary>
/// Rebuilding Redis from PostgreSQL: the <c>rebuild-live</c> command as a real process, its refusals, and the
/// round live boards coming back by themselves in a running app. Data and hand-worked boards: <see cref="RebuildSeed"/>.
/// </summary>
public class RebuildCommandTests
{
    [Fact]
    public async Task The_command_puts_back_the_round_boards_after_FLUSHALL_and_writes_nothing_of_live_games()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Postgres);
        await using var mux = await ConnectionMultiplexer.ConnectAsync(TestServers.Redis + ",allowAdmin=true");
        var prefix = $"test-{Guid.NewGuid():N}:";
        var keys = new LiveKeys(prefix);
        var redis = mux.GetDatabase();
        var seeded = await RebuildSeed.SeedAsync(db, TimeProvider.System.GetUtcNow());
        await mux.GetServers()[0].FlushAllDatabasesAsync();

        await using var command = ContestProcess.Start(Environment(db, prefix), null, RebuildCommand.Name);
        Assert.True(0 == await command.WaitExitAsync(TimeSpan.FromSeconds(60)), command.Output);
        Assert.Contains("round leaderboards: 1 (3 participants)", command.Output);
        // Live games keep nothing in Redis (their grains hold them, PostgreSQL stores them): nothing of theirs is written.
        Assert.Contains("live games: nothing to rebuild", command.Output);
        // It never started the web server.
        Assert.DoesNotContain("Now listening", command.Output);

        var boards = new RedisLeaderboard(mux, prefix);
        // P3 10; P2 and P1 both 9, P2 finished 10 minutes earlier; P4 voided, P5 unfinished.
        var p = seeded.Participants;
        Assert.Equal([(p[2].ToString(), 10L), (p[1].ToString(), 9L), (p[0].ToString(), 9L)],
            (await boards.TopAsync(RoundBoards.Board(seeded.RoundId), 10)).Select(e => (e.Member, e.Score)).ToArray());
        Assert.Empty(await boards.TopAsync($"live:{seeded.GameId:N}", 10));
        Assert.True(await redis.KeyExistsAsync(keys.Marker));
    }

    [Fact]
    public async Task The_command_refuses_bad_configuration_clearly_and_changes_nothing()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Postgres);
        await using var mux = await ConnectionMultiplexer.ConnectAsync(TestServers.Redis);
        var prefix = $"test-{Guid.NewGuid():N}:";
        await RebuildSeed.SeedAsync(db, TimeProvider.System.GetUtcNow());

        async Task<(int Code, string Output)> RunAsync(Dictionary<string, string> env)
        {
            await using var p = ContestProcess.Start(env, null, RebuildCommand.Name);
            var code = await p.WaitExitAsync(TimeSpan.FromSeconds(60));
            return (code, p.Output);
        }

        var noRedis = Environment(db, prefix);
        noRedis["ConnectionStrings__Redis"] = "";
        var noPostgres = Environment(db, prefix);
        noPostgres["ConnectionStrings__Postgres"] = "";
        // Nothing listens on a port just freed.
        var deadPort = TestServers.FreePort();
        var deadPostgres = Environment(db, prefix);
        deadPostgres["ConnectionStrings__Postgres"] = $"Host=127.0.0.1;Port={deadPort};Username=postgres;Database=contest";
        var deadRedis = Environment(db, prefix);
        // connectTimeout: a refused Redis is otherwise retried for the default 3 s.
        deadRedis["ConnectionStrings__Redis"] = $"127.0.0.1:{deadPort},connectTimeout=500";
        // A reachable database that was never migrated (Contest.Web never started on it).
        await using var empty = await TestDatabase.CreateAsync(StorageProvider.Postgres, migrate: false);
        var unmigrated = Environment(empty, prefix);

        // The five runs at once: each only reads, and each is checked on its own exit code and output; one after the
        // other they cost five process starts plus the dead Redis's 3 s connect timeout.
        var runs = await Task.WhenAll(RunAsync(noRedis), RunAsync(noPostgres), RunAsync(deadPostgres), RunAsync(deadRedis), RunAsync(unmigrated));

        var (code, output) = runs[0];
        Assert.Equal(2, code);
        Assert.Contains("rebuild-live: ConnectionStrings:Redis is not set", output);

        (code, output) = runs[1];
        Assert.Equal(2, code);
        Assert.Contains("rebuild-live: ConnectionStrings:Postgres is not set", output);

        (code, output) = runs[2];
        Assert.Equal(3, code);
        Assert.Contains($"rebuild-live: ConnectionStrings:Postgres: cannot use PostgreSQL at 127.0.0.1:{deadPort}, database 'contest'", output);

        (code, output) = runs[3];
        Assert.Equal(3, code);
        Assert.Contains($"rebuild-live: ConnectionStrings:Redis: cannot connect to Redis at 127.0.0.1:{deadPort}", output);
        Assert.Contains("rebuild-live: nothing was changed.", output);

        (code, output) = runs[4];
        Assert.Equal(3, code);
        Assert.Matches(@"rebuild-live: the database 't_[0-9a-f]+' at 127\.0\.0\.1:\d+ lacks \d+ migration\(s\): start Contest.Web once", output);

        // Not a key written under the prefix by any of the five.
        Assert.Empty(await mux.GetServers()[0].KeysAsync(pattern: prefix + "*").ToListAsync());
    }

    [Fact]
    public async Task Round_boards_come_back_by_themselves_when_Redis_is_emptied_and_on_the_Admin_rebuild()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Postgres);
        await using var mux = await ConnectionMultiplexer.ConnectAsync(TestServers.Redis);
        var prefix = $"test-{Guid.NewGuid():N}:";
        var seeded = await RebuildSeed.SeedAsync(db, TimeProvider.System.GetUtcNow());
        var board = RoundBoards.Board(seeded.RoundId);
        var boards = new RedisLeaderboard(mux, prefix);
        var p = seeded.Participants;
        // As in the command's test: P3 10, then P2 and P1 with 9 each (P2 earlier).
        string[] expected = [p[2].ToString(), p[1].ToString(), p[0].ToString()];
        async Task<string[]> TopAsync() => (await boards.TopAsync(board, 10)).Select(e => e.Member).ToArray();
        try
        {
            await using var app = new ContestApp(db, new Dictionary<string, string> { ["ConnectionStrings:Redis"] = TestServers.Redis, ["Contest:RedisPrefix"] = prefix });
            using var admin = await app.LoginAsync();
            // The first node to find no marker (a fresh prefix counts as an emptied Redis) rebuilds the round boards.
            await WaitForAsync(async () => (await TopAsync()).SequenceEqual(expected), "the round board after start-up");

            // Emptied: everything but the marker first (nothing notices yet), then the marker.
            var keys = new LiveKeys(prefix);
            await foreach (var key in mux.GetServers()[0].KeysAsync(pattern: prefix + "*"))
                if (key != keys.Marker) await mux.GetDatabase().KeyDeleteAsync(key);
            Assert.Empty(await TopAsync());
            await mux.GetDatabase().KeyDeleteAsync(keys.Marker);
            await WaitForAsync(async () => (await TopAsync()).SequenceEqual(expected), "the round board after Redis was emptied");

            await boards.DeleteAsync(board);
            var response = await admin.PostAsync("/api/live/rebuild", null);
            response.EnsureSuccessStatusCode();
            var result = (await response.Content.ReadFromJsonAsync<RebuildResult>())!;
            Assert.Equal((1, 3), (result.Rounds, result.RoundParticipants));
            Assert.Equal(expected, await TopAsync());
        }
        finally
        {
            await TwoNodes.DeleteKeysAsync(mux, prefix);
        }
    }

    private static Dictionary<string, string> Environment(TestDatabase db, string prefix) => new()
    {
        ["Contest__DataDirectory"] = db.DataDirectory,
        ["ConnectionStrings__Postgres"] = db.Settings.ConnectionString,
        ["ConnectionStrings__Redis"] = TestServers.Redis,
        ["Contest__RedisPrefix"] = prefix,
    };

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var until = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(30);
        while (TimeProvider.System.GetUtcNow() < until)
        {
            if (await condition()) return;
            await Task.Delay(100);
        }
        Assert.Fail($"Timed out waiting for {what}.");
    }
}
