using Contest.Web.Events;
using Contest.Web.Leaderboards;
using Microsoft.AspNetCore.SignalR;

namespace Contest.Web.LiveGames;

/// <summary>
/// Brings the screens of this node's clients up to date once the Redis backplane carries pushes again
/// (<see cref="BackplaneMonitor"/>): a reveal, a new question or a podium pushed while this node was re-subscribing to a
/// restarted Redis never reached its phones, host pages or projectors, and would otherwise show only when a phone's own
/// re-ask fires (4 s past the question's time) — up to a minute of a frozen phone. Each client is sent <c>Resync</c>
/// and asks for its screen once, the way it does after a reconnect (Rejoin, HostGame, Watch), at a random moment
/// within the spread given, so ten thousand phones do not ask in the same millisecond. The answers are built by the
/// game's grain as for a reconnect: no answer key before the reveal, and a screen already shown is shown again, not
/// doubled. Only this node's connections are asked, directly (a send to a local connection does not go through Redis);
/// when a push from this node itself failed, nobody on any node got it, and every node's clients are asked.
/// Embedded (no Redis): the monitor never fires, nothing is sent.
/// </summary>
public sealed class LiveResync(
    BackplaneMonitor monitor, LocalConnections local, IHubContext<LiveHub, ILiveClient> live, IHubContext<ProjectorHub> projectors, ILogger<LiveResync> log)
    : IHostedService
{
    /// <summary>Spread of the asks when every node's clients are asked (their number is not known here).</summary>
    public static readonly TimeSpan GlobalSpread = TimeSpan.FromSeconds(2);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        monitor.Recovered += ResyncAsync;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        monitor.Recovered -= ResyncAsync;
        return Task.CompletedTask;
    }

    /// <summary>About 5 asks a millisecond at most, within ¼ s to 2 s: a few hundred phones ask at once, 10,000 in 2 s.</summary>
    public static TimeSpan Spread(int clients) => TimeSpan.FromMilliseconds(Math.Clamp(clients / 5, 250, 2000));

    private async Task ResyncAsync(BackplaneRecovery recovery)
    {
        // Projectors get the message by name: the projector page's handler lives with the live screens it follows.
        if (recovery.SendsFailed)
        {
            var ms = (int)GlobalSpread.TotalMilliseconds;
            await Task.WhenAll(live.Clients.All.Resync(ms), projectors.Clients.All.SendAsync(ResyncMethod, ms));
            log.LogInformation("Re-sync sent to every node's live clients and projectors (a push from this node had failed), spread {Spread} ms", ms);
            return;
        }
        var players = local.Of<LiveHub>();
        var screens = local.Of<ProjectorHub>();
        var spread = (int)Spread(players.Count + screens.Count).TotalMilliseconds;
        await Task.WhenAll(live.Clients.Clients(players).Resync(spread), projectors.Clients.Clients(screens).SendAsync(ResyncMethod, spread));
        log.LogInformation("Re-sync sent to this node's {Live} live connections and {Projectors} projectors, spread {Spread} ms", players.Count, screens.Count, spread);
    }

    private const string ResyncMethod = nameof(ILiveClient.Resync);
}

/// <summary>
/// The connections of this node, per hub (a hub filter on the live and projector hubs): the backplane has no list of its
/// own local connections, and <see cref="LiveResync"/> asks only these.
/// </summary>
public sealed class LocalConnections : IHubFilter
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Type> _connections = new();

    public IReadOnlyList<string> Of<THub>() where THub : Hub =>
        _connections.Where(c => c.Value == typeof(THub)).Select(c => c.Key).ToList();

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        await next(context);
        _connections[context.Context.ConnectionId] = context.Hub.GetType();
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        _connections.TryRemove(context.Context.ConnectionId, out _);
        await next(context, exception);
    }
}
