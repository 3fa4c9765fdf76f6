using System.Net;
using Contest.Engine.Leaderboards;
using Contest.Engine.Storage;
using Contest.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;

namespace Contest.Web.Tests.Leaderboards;

public class LeaderboardsSetupTests
{
    [Fact]
    public async Task Embedded_mode_uses_the_in_process_leaderboard()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = new ContestApp(db);
        Assert.IsType<InMemoryLeaderboard>(app.Services.GetRequiredService<ILeaderboard>());
    }

    [Fact]
    public async Task With_Redis_configured_the_leaderboard_is_in_Redis_under_the_configured_prefix()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Postgres);
        var prefix = $"test:{Guid.NewGuid():N}:";
        await using var app = new ContestApp(db, Redis(prefix));
        var board = app.Services.GetRequiredService<ILeaderboard>();
        Assert.IsType<RedisLeaderboard>(board);
        await board.SetAsync("quiz", "an", 12, DateTimeOffset.UnixEpoch.AddDays(1));

        // A second leaderboard over the same Redis and prefix (another node) sees the same score.
        using var mux = StackExchange.Redis.ConnectionMultiplexer.Connect(TestServers.Redis);
        Assert.Equal(new LeaderboardEntry("an", 12, 1), await new RedisLeaderboard(mux, prefix).GetAsync("quiz", "an"));
    }

    [Fact]
    public async Task With_Redis_configured_a_login_cookie_from_one_node_opens_the_other()
    {
        // Two nodes over one PostgreSQL database and one Redis, each with its own data folder:
        // the Data Protection key ring must come from Redis for node 2 to read node 1's cookie.
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Postgres);
        var prefix = $"test:{Guid.NewGuid():N}:";
        var otherFolder = Directory.CreateTempSubdirectory("contest-node2-").FullName;
        await using var node1 = new ContestApp(db, Redis(prefix));
        await using var node2 = new ContestApp(db, new Dictionary<string, string>(Redis(prefix)) { ["Contest:DataDirectory"] = otherFolder });

        var cookies = new CookieContainer();
        using var client1 = node1.CreateDefaultClient(new CookieContainerHandler(cookies));
        using var client2 = node2.CreateDefaultClient(new CookieContainerHandler(cookies));
        await AccountFlows.LoginAsync(client1, ContestApp.AdminUser, ContestApp.AdminPassword);

        Assert.Equal(HttpStatusCode.OK, (await client2.GetAsync("/admin")).StatusCode);
        Assert.False(Directory.Exists(Path.Combine(otherFolder, "keys")));
        Directory.Delete(otherFolder, recursive: true);
    }

    [Fact]
    public async Task The_node_name_is_sent_on_every_response_when_configured()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var named = new ContestApp(db, new Dictionary<string, string> { ["Contest:NodeName"] = "web-7" });
        using var client = named.CreateClient();
        foreach (var path in new[] { "/", "/healthz", "/no-such-page" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal("web-7", Assert.Single(response.Headers.GetValues("X-Contest-Node")));
        }
    }

    private static Dictionary<string, string> Redis(string prefix) => new()
    {
        ["ConnectionStrings:Redis"] = TestServers.Redis,
        ["Contest:RedisPrefix"] = prefix,
    };
}
