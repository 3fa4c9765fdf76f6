using Contest.Engine.Leaderboards;
using Contest.Testing;
using StackExchange.Redis;

namespace Contest.Engine.Tests.Leaderboards;

/// <summary>The contract against the real redis-server of ./test.sh; each test gets its own key prefix.</summary>
public sealed class RedisLeaderboardTests(RedisLeaderboardTests.Connection redis) : LeaderboardContract, IClassFixture<RedisLeaderboardTests.Connection>
{
    protected override ILeaderboard Board { get; } = new RedisLeaderboard(redis.Multiplexer, $"test:{Guid.NewGuid():N}:");

    [Fact]
    public async Task Keys_live_under_the_prefix_and_Delete_removes_them_all()
    {
        var prefix = $"test:{Guid.NewGuid():N}:";
        var board = new RedisLeaderboard(redis.Multiplexer, prefix);
        await board.AddAsync("quiz-1", "a", "u", 5, DateTimeOffset.UnixEpoch.AddDays(1));
        var server = redis.Multiplexer.GetServers()[0];
        // Members, member states, unit totals, unit averages, unit states.
        Assert.Equal(5, server.Keys(pattern: prefix + "*").Count());
        await board.DeleteAsync("quiz-1");
        Assert.Empty(server.Keys(pattern: prefix + "*"));
    }

    public sealed class Connection : IDisposable
    {
        public IConnectionMultiplexer Multiplexer { get; } = ConnectionMultiplexer.Connect(TestServers.Redis);

        public void Dispose() => Multiplexer.Dispose();
    }
}
