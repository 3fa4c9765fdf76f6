using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Contest.Web.Leaderboards;

/// <summary>
/// Brings the screens of this node's clients up to date once the Redis backplane carries pushes again
/// (<see cref="BackplaneMonitor"/>): a reveal, a new question, a podium or a pitch team's change pushed while this node
/// was re-subscribing to a restarted Redis never reached its phones, host pages, judges or projectors, and would
/// otherwise show only when a phone's own re-ask fires (4 s past the question's time) or never. Each client of a hub
/// registered with <see cref="ResyncSetup.AddResync{THub}"/> is sent <c>Resync</c> and asks for its screen once, the way
/// it does after a reconnect (Rejoin, HostGame, Watch, JoinAsJudge…), at a random moment within the spread given, so ten
/// thousand phones do not ask in the same millisecond. The answers are built as for a reconnect: no answer key before
/// the reveal, and a screen already shown is shown again, not doubled. Only this node's connections are asked, directly
/// (a send to a local connection does not go through Redis); when a push from this node itself failed, nobody on any node
/// got it, and every node's clients are asked. Embedded (no Redis): the monitor never fires, nothing is sent.
/// </summary>
public sealed class BackplaneResync(BackplaneMonitor monitor, LocalConnections local, IEnumerable<IResyncTarget> targets, ILogger<BackplaneResync> log)
    : IHostedService
{
    /// <summary>The client method every re-synced page handles, with the spread in milliseconds.</summary>
    public const string Method = "Resync";

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
        if (recovery.SendsFailed)
        {
            var ms = (int)GlobalSpread.TotalMilliseconds;
            await Task.WhenAll(targets.Select(t => t.AllAsync(ms)));
            log.LogInformation("Re-sync sent to every node's clients of {Hubs} (a push from this node had failed), spread {Spread} ms",
                string.Join(", ", targets.Select(t => t.Hub.Name)), ms);
            return;
        }
        var here = targets.Select(t => (Target: t, Connections: local.Of(t.Hub))).ToList();
        var spread = (int)Spread(here.Sum(h => h.Connections.Count)).TotalMilliseconds;
        await Task.WhenAll(here.Select(h => h.Target.ToAsync(h.Connections, spread)));
        log.LogInformation("Re-sync sent to this node's connections ({Counts}), spread {Spread} ms",
            string.Join(", ", here.Select(h => $"{h.Target.Hub.Name} {h.Connections.Count}")), spread);
    }
}

/// <summary>A hub whose clients re-sync after a backplane outage (<see cref="ResyncSetup.AddResync{THub}"/>).</summary>
public interface IResyncTarget
{
    Type Hub { get; }

    Task ToAsync(IReadOnlyList<string> connections, int spreadMs);

    Task AllAsync(int spreadMs);
}

internal sealed class ResyncTarget<THub>(IHubContext<THub> hub) : IResyncTarget where THub : Hub
{
    public Type Hub => typeof(THub);

    public Task ToAsync(IReadOnlyList<string> connections, int spreadMs) =>
        connections.Count == 0 ? Task.CompletedTask : hub.Clients.Clients(connections).SendAsync(BackplaneResync.Method, spreadMs);

    public Task AllAsync(int spreadMs) => hub.Clients.All.SendAsync(BackplaneResync.Method, spreadMs);
}

/// <summary>Adds <see cref="LocalConnections"/> to every hub's filters.</summary>
internal sealed class TrackLocalConnections : IConfigureOptions<HubOptions>
{
    public void Configure(HubOptions options) => options.AddFilter<LocalConnections>();
}

/// <summary>
/// The connections of this node, per hub (a filter on every hub): the backplane has no list of its own
/// local connections, and <see cref="BackplaneResync"/> asks only these.
/// </summary>
public sealed class LocalConnections : IHubFilter
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Type> _connections = new();

    public IReadOnlyList<string> Of(Type hub) => _connections.Where(c => c.Value == hub).Select(c => c.Key).ToList();

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

public static class ResyncSetup
{
    /// <summary>
    /// The hub's clients are told to re-sync when this node's backplane comes back; their page handles <c>Resync</c>
    /// (docs/live-protocol.md, "Re-sync"). Features register their own hubs; this folder knows none of them.
    /// </summary>
    public static ISignalRServerBuilder AddResync<THub>(this ISignalRServerBuilder signalR) where THub : Hub
    {
        // One filter for every hub, registered once: a second AddHubOptions<THub> would run SignalR's per-hub setup
        // again and reset what the feature set for its hub (detailed errors, its own filters) to the global values.
        signalR.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<HubOptions>, TrackLocalConnections>());
        signalR.Services.TryAddSingleton<LocalConnections>();
        signalR.Services.TryAddSingleton<BackplaneMonitor>();
        signalR.Services.AddSingleton<IResyncTarget, ResyncTarget<THub>>();
        signalR.Services.AddHostedService<BackplaneResync>();
        return signalR;
    }
}
