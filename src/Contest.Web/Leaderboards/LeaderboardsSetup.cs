using Contest.Engine.Leaderboards;
using Contest.Web.Hosting;
using Contest.Web.Redis;
using Microsoft.AspNetCore.SignalR;
using StackExchange.Redis;

namespace Contest.Web.Leaderboards;

public static class LeaderboardsSetup
{
    /// <summary>Redis sorted sets when ConnectionStrings:Redis is set (shared by every node), else in-process.</summary>
    public static void AddContestLeaderboards(this IHostApplicationBuilder builder)
    {
        if (IsRedisConfigured(builder.Configuration))
        {
            var prefix = ContestOptions.ResolveRedisPrefix(builder.Configuration);
            builder.Services.AddSingleton<ILeaderboard>(sp => new RedisLeaderboard(sp.GetRequiredService<IConnectionMultiplexer>(), prefix));
        }
        else
        {
            builder.Services.AddSingleton<ILeaderboard, InMemoryLeaderboard>();
        }
    }

    /// <summary>
    /// The SignalR Redis backplane when Redis is configured, so a host, its players and the projector can
    /// be connected to different nodes; nothing in embedded mode. Channels carry the Contest Redis prefix.
    /// </summary>
    public static ISignalRServerBuilder AddContestBackplane(this ISignalRServerBuilder signalR, IConfiguration configuration)
    {
        if (!IsRedisConfigured(configuration)) return signalR;
        var prefix = ContestOptions.ResolveRedisPrefix(configuration);
        // Its own connection: the backplane's pub/sub traffic should not queue behind leaderboard commands.
        return signalR.AddStackExchangeRedis(configuration[RedisSetup.Setting]!, o =>
            o.Configuration.ChannelPrefix = RedisChannel.Literal(prefix + "signalr"));
    }

    private static bool IsRedisConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[RedisSetup.Setting]);
}
