using Contest.Engine.Leaderboards;
using Contest.Engine.Rounds;
using Contest.Engine.Storage;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace Contest.Web.LiveCluster;

/// <summary>
/// Puts the round live boards back into Redis from PostgreSQL when Redis lost its data (flushed, or restarted without
/// it): every second each node looks for the marker key; the node that sets a new one rebuilds the boards. Kept from the
/// old live cluster service, whose other jobs (leases, relay, takeover) Orleans now does: the boards are Redis's, not a game's.
/// </summary>
public sealed class RoundBoardsKeeper(IConnectionMultiplexer mux, LiveKeys keys, ILeaderboard leaderboard, Func<ContestDb> db, TimeProvider time, ILogger<RoundBoardsKeeper> log)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private bool _pending;

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try { await TickAsync(); }
            catch (Exception e) when (e is RedisException or TimeoutException or DbUpdateException or System.Data.Common.DbException or InvalidOperationException)
            {
                log.LogWarning(e, "Round boards check failed; retrying");
            }
            try { await Task.Delay(Interval, time, stop); }
            catch (OperationCanceledException) { break; }
        }
    }

    private async Task TickAsync()
    {
        var redis = mux.GetDatabase();
        // Only the node whose marker wins rebuilds; it stays pending until it succeeds (the database may be briefly away).
        if (!await redis.KeyExistsAsync(keys.Marker) && await redis.StringSetAsync(keys.Marker, Guid.NewGuid().ToString("N"), when: When.NotExists)) _pending = true;
        if (!_pending) return;
        await RebuildAsync();
        _pending = false;
    }

    /// <summary>The Admin rebuild: the boards now, then a new marker, so no node rebuilds them again for the same flush.</summary>
    public async Task<RoundBoardsRebuilt> RebuildNowAsync()
    {
        var rebuilt = await RebuildAsync();
        await mux.GetDatabase().StringSetAsync(keys.Marker, Guid.NewGuid().ToString("N"));
        return rebuilt;
    }

    /// <summary>Writes every round live board again from the attempts in PostgreSQL (values set outright, so it can run any time).</summary>
    public async Task<RoundBoardsRebuilt> RebuildAsync()
    {
        await using var ctx = db();
        var rebuilt = await RoundBoards.RebuildAsync(ctx, leaderboard);
        log.LogWarning("Round live boards rebuilt from PostgreSQL into Redis: {Rounds} rounds, {Participants} participants", rebuilt.Rounds, rebuilt.Participants);
        return rebuilt;
    }
}
