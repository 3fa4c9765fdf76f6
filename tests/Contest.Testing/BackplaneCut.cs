using StackExchange.Redis;

namespace Contest.Testing;

/// <summary>
/// A Redis outage for one node's backplane only, on the shared test Redis: its subscription connections, named by the
/// node's Redis prefix (<c>&lt;prefix&gt;signalr</c>, Leaderboards/LeaderboardsSetup.cs), are killed with CLIENT KILL;
/// StackExchange.Redis reconnects them within a second or two, and what was published meanwhile is lost for that node.
/// </summary>
public static class BackplaneCut
{
    public static async Task CutAsync(string prefix)
    {
        await using var admin = await ConnectionMultiplexer.ConnectAsync(TestServers.Redis + ",allowAdmin=true");
        var server = admin.GetServers().First();
        var ours = (await server.ClientListAsync()).Where(c => c.Name == prefix + "signalr" && c.SubscriptionCount + c.PatternSubscriptionCount > 0).ToList();
        Xunit.Assert.NotEmpty(ours);
        foreach (var c in ours) await server.ClientKillAsync(id: c.Id);
    }
}
