using Contest.Engine.Leaderboards;
using Contest.Engine.Rounds;
using Contest.Engine.Storage;
using Microsoft.EntityFrameworkCore;

namespace Contest.Web.Rounds;

/// <summary>
/// The live leaderboard of a round whose organiser allows one: each submitted attempt's correct answers,
/// on the <see cref="ILeaderboard"/> the host provides (in-process or Redis). Without a registered
/// leaderboard there is no live board; the final ranking never depends on it.
/// </summary>
public sealed class RoundLiveBoard(ContestDb db, RoundCache cache, IServiceProvider services)
{
    public static string Board(int roundId) => RoundBoards.Board(roundId);

    private ILeaderboard? Leaderboard => services.GetService<ILeaderboard>();

    public async Task RecordAsync(AttemptView attempt, int participantId, CancellationToken ct = default)
    {
        if (Leaderboard is not { } board || !attempt.Finished) return;
        if (await cache.RoundAsync(db, attempt.RoundId, ct) is not { ShowLiveLeaderboard: true }) return;
        // The same best attempt as a rebuild picks (RoundBoards), so a board refilled from the database matches.
        if (await RoundBoards.BestAsync(db, attempt.RoundId, participantId, ct) is not { } best) return;
        await board.SetAsync(Board(attempt.RoundId), participantId.ToString(), best.Correct, best.FinishedAt);
    }

    /// <summary>Null when the round shows no live board (or the host has none).</summary>
    public async Task<IReadOnlyList<LeaderboardEntry>?> TopAsync(int roundId, int count, CancellationToken ct = default)
    {
        if (Leaderboard is not { } board) return null;
        if (!await db.Set<ContestRound>().AnyAsync(r => r.Id == roundId && r.ShowLiveLeaderboard, ct)) return null;
        return await board.TopAsync(Board(roundId), Math.Clamp(count, 1, 100));
    }
}
