using Contest.Engine.Leaderboards;
using Contest.Web.Hosting;
using Contest.Web.Redis;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
        // Always there (the live broadcaster reports failed pushes to it); without Redis it watches nothing and never fires.
        signalR.Services.TryAddSingleton<BackplaneMonitor>();
        if (!IsRedisConfigured(configuration)) return signalR;
        var prefix = ContestOptions.ResolveRedisPrefix(configuration);
        // Its own connection: the backplane's pub/sub traffic should not queue behind leaderboard commands.
        signalR.AddStackExchangeRedis(configuration[RedisSetup.Setting]!, o =>
            o.Configuration.ChannelPrefix = RedisChannel.Literal(prefix + "signalr"));
        // Each hub's multiplexer is made here rather than by SignalR, so that BackplaneMonitor sees its subscription
        // connection fail and come back: what was published meanwhile is lost for this node's clients, who are then
        // asked to re-sync (docs/live-protocol.md, "Re-sync").
        signalR.Services.AddOptions<RedisOptions>().Configure<BackplaneMonitor>((o, monitor) =>
        {
            var config = o.Configuration;
            // Every live push travels this way: try again each second once Redis is gone, rather than the default
            // randomised back-off (2.5 s and up, growing with each attempt), so the backplane, and the screens, are back
            // within a second or two of Redis.
            config.ReconnectRetryPolicy = new LinearRetry(1000);
            // Named, so `CLIENT LIST` tells the backplane's connections from the leaderboards' (and a test can cut them).
            config.ClientName ??= prefix + "signalr";
            o.ConnectionFactory = async writer =>
            {
                var mux = await ConnectionMultiplexer.ConnectAsync(config, writer);
                monitor.Watch(mux);
                return mux;
            };
        });
        return signalR;
    }

    private static bool IsRedisConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[RedisSetup.Setting]);
}
