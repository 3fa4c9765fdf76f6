using Contest.Engine.Storage;
using Microsoft.EntityFrameworkCore;

namespace Contest.Engine.Rounds;

public sealed record Qualifier(int Place, int ParticipantId, int BestRank, int RoundId, int Correct, long TimeTakenMs);

/// <summary>
/// Who reaches a later stage: the top <see cref="ContestRound.QualifyTopN"/> over all closed rounds of
/// earlier stages of the same contest, each participant by their best result (best rank, then more
/// correct answers, then less time, then the lower participant id — so the list has exactly N names).
/// </summary>
public static class Qualification
{
    public static async Task<IReadOnlyList<Qualifier>> QualifiersAsync(ContestDb db, ContestRound stageRound, CancellationToken ct = default)
    {
        if (stageRound.QualifyTopN is not { } n) return [];
        var earlier = await db.Set<ContestRound>().AsNoTracking()
            .Where(r => r.ContestId == stageRound.ContestId && r.Stage < stageRound.Stage && (r.Status == RoundStatus.Closed || r.Status == RoundStatus.Published))
            .Select(r => r.Id).ToListAsync(ct);
        var voided = db.Set<RoundParticipant>().Where(p => p.VoidedAt != null).Select(p => p.Id);
        var rows = await db.Set<RoundResult>().AsNoTracking()
            .Where(r => earlier.Contains(r.RoundId) && !voided.Contains(r.ParticipantId)).ToListAsync(ct);
        return Pick(rows, n);
    }

    public static IReadOnlyList<Qualifier> Pick(IEnumerable<RoundResult> results, int topN) =>
        results.GroupBy(r => r.ParticipantId)
            .Select(g => g.OrderBy(r => r.Rank).ThenByDescending(r => r.Correct).ThenBy(r => r.TimeTakenMs).First())
            .OrderBy(r => r.Rank).ThenByDescending(r => r.Correct).ThenBy(r => r.TimeTakenMs).ThenBy(r => r.ParticipantId)
            .Take(topN)
            .Select((r, i) => new Qualifier(i + 1, r.ParticipantId, r.Rank, r.RoundId, r.Correct, r.TimeTakenMs))
            .ToList();

    public static async Task<bool> IsQualifiedAsync(ContestDb db, ContestRound stageRound, int participantId, CancellationToken ct = default) =>
        (await QualifiersAsync(db, stageRound, ct)).Any(q => q.ParticipantId == participantId);
}
