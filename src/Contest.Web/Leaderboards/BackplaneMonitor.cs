using StackExchange.Redis;

namespace Contest.Web.Leaderboards;

/// <summary>
/// Watches the SignalR Redis backplane of this node (one multiplexer per hub, made through RedisOptions.ConnectionFactory,
/// <see cref="LeaderboardsSetup.AddContestBackplane"/>) and raises <see cref="Recovered"/> once it carries pushes again
/// after some may have been lost: its subscription connection came back after Redis restarted or was out of reach, or a
/// push published from this node failed. Redis pub/sub keeps nothing for a subscriber that is away, so whatever was
/// published while this node was re-subscribing never reaches its clients; the listener has them ask for their screens
/// again (BackplaneResync.cs). In embedded mode there is no backplane: nothing is watched and nothing is raised.
/// </summary>
public sealed class BackplaneMonitor(ILogger<BackplaneMonitor> log)
{
    // The real clock, not the app's TimeProvider: it follows a network connection, whatever time a test pretends.
    private static readonly TimeProvider Clock = TimeProvider.System;

    /// <summary>Other hubs' connections usually come back in the same second: one pass covers them.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(250);

    /// <summary>A connection still down after this long does not hold the others' clients back any more.</summary>
    private static readonly TimeSpan GiveUpWaiting = TimeSpan.FromSeconds(30);

    private readonly List<Watched> _watched = [];
    private int _running;
    private volatile bool _again;
    private int _sendsFailed;

    /// <summary>The backplane carries pushes again (every subscription confirmed); raised off any request path.</summary>
    public event Func<BackplaneRecovery, Task>? Recovered;

    public void Watch(IConnectionMultiplexer mux)
    {
        var w = new Watched(mux);
        lock (_watched) _watched.Add(w);
        mux.ConnectionFailed += (_, e) =>
        {
            if (e.ConnectionType != ConnectionType.Subscription) return;
            Interlocked.Increment(ref w.Failures);
            log.LogWarning("Redis backplane: subscription connection lost ({Failure}); pushes to this node's clients are lost until it is back", e.FailureType);
        };
        mux.ConnectionRestored += (_, e) =>
        {
            if (e.ConnectionType != ConnectionType.Subscription) return;
            // Raised after StackExchange.Redis has queued the SUBSCRIBEs that restore every channel on this connection
            // (ServerEndPoint.OnFullyEstablished), so a PING sent on it from now on is answered only after them.
            Interlocked.Increment(ref w.Restores);
            Schedule();
        };
    }

    /// <summary>A push from this node did not reach the backplane (Redis away): nobody got it, on any node.</summary>
    public void SendFailed()
    {
        lock (_watched) if (_watched.Count == 0) return;
        Interlocked.Exchange(ref _sendsFailed, 1);
        Schedule();
    }

    private void Schedule()
    {
        _again = true;
        if (Interlocked.CompareExchange(ref _running, 1, 0) == 0) _ = Task.Run(RunAsync);
    }

    private async Task RunAsync()
    {
        try
        {
            do
            {
                var started = Clock.GetTimestamp();
                await Task.Delay(Settle);
                await UpAsync(started);
                // Whatever asked for this pass so far is covered by it: every connection is up again now.
                _again = false;
                if (!await ConfirmedAsync(started)) continue;
                var failed = Interlocked.Exchange(ref _sendsFailed, 0) == 1;
                var recovery = new BackplaneRecovery(failed, Clock.GetElapsedTime(started));
                log.LogInformation("Redis backplane restored: the subscriptions of its {Connections} connections confirmed {Ms} ms after the first came back{Why}; clients re-sync",
                    Snapshot().Count, (int)recovery.Waited.TotalMilliseconds, failed ? " (a push from this node had failed)" : "");
                foreach (var listener in Recovered?.GetInvocationList().Cast<Func<BackplaneRecovery, Task>>() ?? [])
                {
                    try { await listener(recovery); }
                    catch (Exception e) { log.LogError(e, "Redis backplane restored, but re-syncing clients failed"); }
                }
            }
            while (_again);
        }
        catch (Exception e)
        {
            log.LogError(e, "Redis backplane: watching its recovery failed");
        }
        finally
        {
            Volatile.Write(ref _running, 0);
            // An event between the last check and the line above would otherwise wait for the next one.
            if (_again && Interlocked.CompareExchange(ref _running, 1, 0) == 0) _ = Task.Run(RunAsync);
        }
    }

    private async Task UpAsync(long started)
    {
        while (Snapshot().Any(w => w.Down) && Clock.GetElapsedTime(started) < GiveUpWaiting) await Task.Delay(TimeSpan.FromMilliseconds(100));
    }

    /// <summary>
    /// A PING on each subscription connection: Redis answers a connection's commands in order, so once every PING is
    /// answered every channel re-subscribed before it is live again, and a client that asks now misses nothing after.
    /// </summary>
    private async Task<bool> ConfirmedAsync(long started)
    {
        try
        {
            await Task.WhenAll(Snapshot().Select(w => w.Mux.GetSubscriber().PingAsync()));
            return true;
        }
        catch (Exception e)
        {
            if (Clock.GetElapsedTime(started) >= GiveUpWaiting)
            {
                log.LogWarning(e, "Redis backplane: subscriptions still not confirmed after {Seconds} s; clients re-sync anyway", GiveUpWaiting.TotalSeconds);
                return true;
            }
            log.LogWarning(e, "Redis backplane: subscriptions not confirmed yet; trying again");
            _again = true;
            return false;
        }
    }

    private List<Watched> Snapshot()
    {
        lock (_watched) return [.. _watched];
    }

    private sealed class Watched(IConnectionMultiplexer mux)
    {
        public IConnectionMultiplexer Mux { get; } = mux;

        // Counted, not flagged: the two events are raised on pool threads, and after a quick reconnect "restored" can
        // be handled before the "failed" it answers.
        public int Failures;
        public int Restores;

        public bool Down => Volatile.Read(ref Restores) < Volatile.Read(ref Failures);
    }
}

/// <summary>What the backplane may have lost: pushes to this node's clients only, or (<see cref="SendsFailed"/>) pushes
/// from this node to every node's clients.</summary>
public sealed record BackplaneRecovery(bool SendsFailed, TimeSpan Waited);
