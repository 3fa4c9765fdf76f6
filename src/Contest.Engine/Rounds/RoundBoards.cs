using Contest.Engine.Leaderboards;
using Contest.Engine.Storage;
using Microsoft.EntityFrameworkCore;

namespace Contest.Engine.Rounds;

/// <summary>What <see cref="RoundBoards.RebuildAsync"/> put back: rounds with a live board, and participants on them.</summary>
public sealed record RoundBoardsRebuilt(int Rounds, int Participants);

/// <summary>
/// The live leaderboards of rounds that show one (<see cref="ContestRound.ShowLiveLeaderboard"/>): each participant's
/// best finished attempt (most correct answers, reached when it finished; of equal attempts the earliest). The board
/// is a copy for the projector and the round page; the final ranking is always computed from the attempts.
/// </summary>
public static class RoundBoards
{
    public static string Board(int roundId) => $"round:{roundId}";

    /// <summary>The participant's best finished attempt in the round, as it stands on the board; null if none.</summary>
    public static async Task<(int Correct, DateTimeOffset FinishedAt)?> BestAsync(ContestDb db, int roundId, int participantId, CancellationToken ct = default)
    {
        // A participant has a handful of attempts; ordered here because SQLite cannot order by DateTimeOffset.
        var finished = await db.Set<RoundAttempt>().AsNoTracking()
            .Where(a => a.RoundId == roundId && a.ParticipantId == participantId && a.FinishedAt != null)
            .Select(a => new { a.Id, a.Correct, a.FinishedAt }).ToListAsync(ct);
        var best = finished.OrderByDescending(a => a.Correct).ThenBy(a => a.FinishedAt).ThenBy(a => a.Id).FirstOrDefault();
        return best is null ? null : (best.Correct, best.FinishedAt!.Value);
    }

    /// <summary>
    /// Writes every live round board again from the attempts in the database (after Redis lost its data). Scores
    /// are set outright, so running it twice, on two nodes at once, or beside new submissions gives the same board.
    /// Rounds not yet open have no attempts; voided participants are left off, as in the final ranking.
    /// </summary>
    public static async Task<RoundBoardsRebuilt> RebuildAsync(ContestDb db, ILeaderboard board, CancellationToken ct = default)
    {
        var rounds = await db.Set<ContestRound>().AsNoTracking()
            .Where(r => r.ShowLiveLeaderboard && r.Status != RoundStatus.Scheduled).Select(r => r.Id).OrderBy(id => id).ToListAsync(ct);
        var voided = db.Set<RoundParticipant>().Where(p => p.VoidedAt != null).Select(p => p.Id);
        var participants = 0;
        foreach (var roundId in rounds)
        {
            var finished = await db.Set<RoundAttempt>().AsNoTracking()
                .Where(a => a.RoundId == roundId && a.FinishedAt != null && !voided.Contains(a.ParticipantId))
                .Select(a => new { a.Id, a.ParticipantId, a.Correct, a.FinishedAt }).ToListAsync(ct);
            var best = finished.GroupBy(a => a.ParticipantId)
                .Select(g => g.OrderByDescending(a => a.Correct).ThenBy(a => a.FinishedAt).ThenBy(a => a.Id).First()).ToList();
            foreach (var chunk in best.Chunk(500))
                await Task.WhenAll(chunk.Select(a => board.SetAsync(Board(roundId), a.ParticipantId.ToString(), a.Correct, a.FinishedAt!.Value)));
            participants += best.Count;
        }
        return new RoundBoardsRebuilt(rounds.Count, participants);
    }
}
