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
    Task SaveAsync(Guid gameId, LiveSnapshot state);
}

public sealed class DbLiveStateStore(Func<ContestDb> db) : ILiveStateStore
{
    public async Task SaveAsync(Guid gameId, LiveSnapshot s)
    {
        await using var ctx = db();
        await ctx.Set<LiveGameRecord>().Where(r => r.Id == gameId).ExecuteUpdateAsync(u => u
            .SetProperty(r => r.Phase, s.Phase)
            .SetProperty(r => r.CurrentIndex, s.Index)
            .SetProperty(r => r.OpenedAt, s.OpenedAt.HasValue ? s.OpenedAt.Value.ToUniversalTime() : null)
            .SetProperty(r => r.Deadline, s.Deadline.HasValue ? s.Deadline.Value.ToUniversalTime() : null)
            .SetProperty(r => r.Paused, s.Paused)
            .SetProperty(r => r.PausedAt, s.PausedAt.HasValue ? s.PausedAt.Value.ToUniversalTime() : null)
            .SetProperty(r => r.PausedTotalMs, (int)s.PausedTotal.TotalMilliseconds));
    }
}
