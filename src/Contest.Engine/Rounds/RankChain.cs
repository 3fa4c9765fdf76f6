using Contest.Engine.Storage;
using Microsoft.EntityFrameworkCore;

namespace Contest.Engine.Rounds;

/// <summary>Which key of the ranking separates two neighbours (<see cref="RoundRanking"/>'s order); <see cref="Tie"/>: none, they share the rank.</summary>
public enum RankCriterion { Correct, Prediction, NoPrediction, Time, Submission, Tie }

/// <summary>One link of a rank chain: a ranked entry with the name the results page shows.</summary>
public sealed record ChainRow(int Rank, int ParticipantId, string Name, int Correct, int? Prediction, int? PredictionError, long TimeTakenMs, DateTimeOffset SubmittedAt);

/// <summary>
/// How one neighbour compares with the owner: the first key that differs, and by how much in that key's unit
/// (answers, prediction distance, milliseconds of time taken or of submission time). Always a positive difference.
/// </summary>
public sealed record ChainStep(ChainRow Other, RankCriterion Criterion, long Difference);

/// <summary>A participant's place explained: their own row, the people just above and below, and the actual all-correct count.</summary>
public sealed record RankChainView(int RoundId, int Questions, int AllCorrectCount, ChainRow Me, ChainStep? Above, ChainStep? Below, int Ranked);

/// <summary>
/// "Why am I ranked here?" for the owner of an entry, from the stored results of a published round. Names are the
/// full names, as the public results page of a published round shows them (rounds have no privacy setting for names).
/// </summary>
public sealed class RankChain(ContestDb db)
{
    /// <summary>Null until the round is published, or when the participant is not in its ranking (no attempt, or voided).</summary>
    public async Task<RankChainView?> ForAsync(int roundId, int participantId, CancellationToken ct = default)
    {
        var round = await db.Set<ContestRound>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundId, ct);
        if (round is not { Status: RoundStatus.Published }) return null;
        var ordered = db.Set<RoundResult>().AsNoTracking().Where(r => r.RoundId == roundId).OrderBy(r => r.Rank).ThenBy(r => r.ParticipantId);
        var all = await ordered.Select(r => new { r.ParticipantId, r.Rank }).ToListAsync(ct);
        var at = all.FindIndex(r => r.ParticipantId == participantId);
        if (at < 0) return null;
        var ids = new[] { at - 1, at, at + 1 }.Where(i => i >= 0 && i < all.Count).Select(i => all[i].ParticipantId).ToList();
        var rows = await db.Set<RoundResult>().AsNoTracking().Where(r => r.RoundId == roundId && ids.Contains(r.ParticipantId)).ToListAsync(ct);
        var names = await db.Set<RoundParticipant>().AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.FullName, ct);
        ChainRow Row(int id)
        {
            var r = rows.Single(x => x.ParticipantId == id);
            return new ChainRow(r.Rank, id, names.GetValueOrDefault(id) ?? "?", r.Correct, r.Prediction, r.PredictionError, r.TimeTakenMs, r.SubmittedAt);
        }
        var me = Row(participantId);
        ChainStep? above = at > 0 ? Compare(Row(all[at - 1].ParticipantId), me) : null;
        ChainStep? below = at + 1 < all.Count ? Compare(me, Row(all[at + 1].ParticipantId)) : null;
        // The step is about the neighbour; Compare always measures the upper row against the lower one.
        if (above is not null) above = above with { Other = Row(all[at - 1].ParticipantId) };
        if (below is not null) below = below with { Other = Row(all[at + 1].ParticipantId) };
        return new RankChainView(roundId, round.QuestionsPerAttempt, round.AllCorrectCount ?? 0, me, above, below, all.Count);
    }

    /// <summary>The first key of the ranking on which <paramref name="upper"/> beats <paramref name="lower"/>, as RoundRanking orders them.</summary>
    public static ChainStep Compare(ChainRow upper, ChainRow lower)
    {
        if (upper.Correct != lower.Correct) return new ChainStep(upper, RankCriterion.Correct, Math.Abs(upper.Correct - lower.Correct));
        if (upper.PredictionError is { } u && lower.PredictionError is { } l && u != l) return new ChainStep(upper, RankCriterion.Prediction, Math.Abs((long)l - u));
        if (upper.PredictionError is null != lower.PredictionError is null) return new ChainStep(upper, RankCriterion.NoPrediction, 0);
        if (upper.TimeTakenMs != lower.TimeTakenMs) return new ChainStep(upper, RankCriterion.Time, Math.Abs(lower.TimeTakenMs - upper.TimeTakenMs));
        if (upper.SubmittedAt != lower.SubmittedAt) return new ChainStep(upper, RankCriterion.Submission, (long)Math.Abs((lower.SubmittedAt - upper.SubmittedAt).TotalMilliseconds));
        return new ChainStep(upper, RankCriterion.Tie, 0);
    }
}
