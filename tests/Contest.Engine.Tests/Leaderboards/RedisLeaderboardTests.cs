using Contest.Engine.Leaderboards;
using Contest.Testing;
using StackExchange.Redis;

namespace Contest.Engine.Tests.Leaderboards;

/// <summary>The contract against the real redis-server of ./test.sh; each test gets its own key prefix.</summary>
public sealed class RedisLeaderboardTests(RedisLeaderboardTests.Connection redis) : LeaderboardContract, IClassFixture<RedisLeaderboardTests.Connection>
{
    protected override ILeaderboard Board { get; } = new RedisLeaderboard(redis.Multiplexer, $"test:{Guid.NewGuid():N}:");

    [Fact]
    public async Task Keys_live_under_the_prefix()
    {
        var prefix = $"test:{Guid.NewGuid():N}:";
        var board = new RedisLeaderboard(redis.Multiplexer, prefix);
        await board.SetAsync("quiz-1", "a", 5, DateTimeOffset.UnixEpoch.AddDays(1));
        var server = redis.Multiplexer.GetServers()[0];
        // Members and member states.
        Assert.Equal(2, server.Keys(pattern: prefix + "*").Count());
        await board.DeleteAsync("quiz-1");
        Assert.Empty(server.Keys(pattern: prefix + "*"));
    }

    [Fact]
    public async Task A_board_in_the_earlier_layout_reads_and_updates_the_same()
    {
        // Earlier versions kept "flag, 19 digits of ticks, unit" per member; a board they wrote must keep working.
        var prefix = $"test:{Guid.NewGuid():N}:";
        var board = new RedisLeaderboard(redis.Multiplexer, prefix);
        var db = redis.Multiplexer.GetDatabase();
        var ticks = new DateTimeOffset(2026, 3, 26, 8, 0, 0, TimeSpan.Zero).UtcTicks.ToString("D19", System.Globalization.CultureInfo.InvariantCulture);
        await db.SortedSetAddAsync($"{prefix}lb:{{g}}m", ticks + "old", -7);
        await db.HashSetAsync($"{prefix}lb:{{g}}s", "old", "z" + ticks + "u1");
        await board.SetAsync("g", "new", 9, new DateTimeOffset(2026, 3, 26, 8, 0, 1, TimeSpan.Zero));

        Assert.Equal(new LeaderboardEntry("old", 7, 2), await board.GetAsync("g", "old"));
        await board.SetAsync("g", "old", 10, new DateTimeOffset(2026, 3, 26, 8, 0, 2, TimeSpan.Zero));
        Assert.Equal([new("old", 10, 1), new("new", 9, 2)], await board.TopAsync("g", 5));
        await board.DeleteAsync("g");
    }

    public sealed class Connection : IDisposable
    {
        public IConnectionMultiplexer Multiplexer { get; } = ConnectionMultiplexer.Connect(TestServers.Redis);

        public void Dispose() => Multiplexer.Dispose();
    }
}
