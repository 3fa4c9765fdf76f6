using Contest.Engine.Leaderboards;
using Contest.Engine.Rounds;
using Contest.Engine.Storage;
using Microsoft.EntityFrameworkCore;

namespace Contest.Web.Rounds;

/// <summary>One row of a round's live board: the rank, who, and the correct count only once nobody can attempt the round any more.</summary>
public sealed record LiveBoardRow(long Rank, string Member, long? Correct);

/// <summary>
/// A round's live board as a participant or the projector sees it. <see cref="CountsShown"/> is false while anyone
/// could still start or finish an attempt: correct counts that move after each submit would let a participant with
/// attempts left test answers one at a time, so only the order is shown. <see cref="MyRank"/> is the caller's own
/// position (null when not on the board or not a participant).
/// </summary>
public sealed record LiveBoardView(bool CountsShown, IReadOnlyList<LiveBoardRow> Top, long? MyRank);

/// <summary>
/// The live leaderboard of a round whose organiser allows one: each submitted attempt's correct answers,
/// on the <see cref="ILeaderboard"/> the host provides (in-process or Redis). Without a registered
/// leaderboard there is no live board; the final ranking never depends on it.
/// </summary>
public sealed class RoundLiveBoard(ContestDb db, RoundCache cache, IServiceProvider services, TimeProvider time)
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
    public async Task<LiveBoardView?> ViewAsync(int roundId, int? participantId, int count, CancellationToken ct = default)
    {
        if (Leaderboard is not { } board) return null;
        var round = await db.Set<ContestRound>().AsNoTracking().Where(r => r.Id == roundId && r.ShowLiveLeaderboard)
            .Select(r => new { r.Status, r.ClosesAt }).FirstOrDefaultAsync(ct);
        if (round is null) return null;
        // Attempt deadlines never pass the close time (RoundAttempts), so after it nobody can answer any more.
        var shown = round.Status is RoundStatus.Closed or RoundStatus.Published || time.GetUtcNow() >= round.ClosesAt;
        var top = await board.TopAsync(Board(roundId), Math.Clamp(count, 1, 100));
        var mine = participantId is { } pid ? await board.GetAsync(Board(roundId), pid.ToString(System.Globalization.CultureInfo.InvariantCulture)) : null;
        return new LiveBoardView(shown, top.Select(e => new LiveBoardRow(e.Rank, e.Member, shown ? e.Score : null)).ToList(), mine?.Rank);
    }
}
