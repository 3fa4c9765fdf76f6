using Microsoft.EntityFrameworkCore;
using Contest.Engine.Storage;

namespace Contest.Engine.LiveGames;

/// <summary>
/// Keeps where a game stands (phase, question, deadline, pause) in its stored row after every step, so a node that
/// reactivates the game after its node died carries on from there. A port of its own so that a test can make one
/// write fail (the database away at a deadline) and watch the step being retried.
/// </summary>
public interface ILiveStateStore
{
    /// <summary>
    /// Stores <paramref name="state"/> if the row still holds <paramref name="expected"/> (phase, question, pause) — the
    /// state this copy of the game last stored or loaded; false otherwise. That is the fence against a stale copy: a
    /// node that was frozen, declared dead and woke up still holds the game, but its steps no longer match the row the
    /// game's new activation has moved on, so they are refused before anything is sent to a screen.
    /// </summary>
    Task<bool> SaveAsync(Guid gameId, LiveSnapshot? expected, LiveSnapshot state);
}

public sealed class DbLiveStateStore(Func<ContestDb> db) : ILiveStateStore
{
    public async Task<bool> SaveAsync(Guid gameId, LiveSnapshot? expected, LiveSnapshot s)
    {
        await using var ctx = db();
        var row = ctx.Set<LiveGameRecord>().Where(r => r.Id == gameId);
        if (expected is { } e) row = row.Where(r => r.Phase == e.Phase && r.CurrentIndex == e.Index && r.Paused == e.Paused);
        return 1 == await row.ExecuteUpdateAsync(u => u
            .SetProperty(r => r.Phase, s.Phase)
            .SetProperty(r => r.CurrentIndex, s.Index)
            .SetProperty(r => r.OpenedAt, s.OpenedAt.HasValue ? s.OpenedAt.Value.ToUniversalTime() : null)
            .SetProperty(r => r.Deadline, s.Deadline.HasValue ? s.Deadline.Value.ToUniversalTime() : null)
            .SetProperty(r => r.Paused, s.Paused)
            .SetProperty(r => r.PausedAt, s.PausedAt.HasValue ? s.PausedAt.Value.ToUniversalTime() : null)
            .SetProperty(r => r.PausedTotalMs, (int)s.PausedTotal.TotalMilliseconds));
    }
}
