using Contest.Engine.Errors;
using Contest.Engine.Rounds.Integrity;
using Contest.Engine.Storage;
using Contest.Engine.Units;
using Microsoft.EntityFrameworkCore;

namespace Contest.Engine.Rounds;

/// <summary>
/// Opening, closing and publishing a round: what the scheduled jobs call. Each step is idempotent: it
/// changes the round only from the status before it, with a conditional update, so a job that runs
/// again (a retry, a restart, a stale job after an edit) changes nothing. Every run is logged in
/// <see cref="RoundEvent"/>.
/// </summary>
public sealed class RoundLifecycle(ContestDb db, TimeProvider time, FlagCache? flags = null)
{
    /// <summary>Hangfire may start a scheduled job a little early or late; a job more than this early is stale (the round was moved).</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(2);

    public async Task<bool> OpenAsync(int roundId, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var round = await db.Set<ContestRound>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundId, ct);
        if (round is null) return false;
        var changed = false;
        var detail = $"status {round.Status}";
        if (round.Status == RoundStatus.Scheduled && now + Tolerance >= round.OpensAt && now < round.ClosesAt)
        {
            changed = await db.Set<ContestRound>().Where(r => r.Id == roundId && r.Status == RoundStatus.Scheduled)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RoundStatus.Open).SetProperty(r => r.OpenedAt, now), ct) == 1;
        }
        else if (round.Status == RoundStatus.Scheduled) detail = now < round.OpensAt ? "too early: the round was moved" : "past the close time";
        await LogAsync(roundId, "open", changed, detail, ct);
        return changed;
    }

    public async Task<bool> CloseAsync(int roundId, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var round = await db.Set<ContestRound>().AsNoTracking().Include(r => r.Prizes).SingleOrDefaultAsync(r => r.Id == roundId, ct);
            if (round is null) return false;
            if (round.Status is not (RoundStatus.Scheduled or RoundStatus.Open) || now + Tolerance < round.ClosesAt)
            {
                await LogAsync(roundId, "close", false, round.Status is RoundStatus.Scheduled or RoundStatus.Open ? "too early: the round was moved" : $"status {round.Status}", ct);
                await tx.CommitAsync(ct);
                return false;
            }
            // The conditional update takes the row lock: a concurrent close waits here, then finds nothing to do.
            var won = await db.Set<ContestRound>().Where(r => r.Id == roundId && r.Status == round.Status)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RoundStatus.Closed).SetProperty(r => r.ClosedAt, now), ct) == 1;
            if (!won)
            {
                await tx.RollbackAsync(ct);
                return false;
            }

            await new RoundAttempts(db, time).FinishAllAsync(round, ct);
            var (ranking, prizes) = await WriteResultsAsync(round, ct);
            db.Add(new RoundEvent { RoundId = roundId, Kind = "close", Changed = true, At = now, Detail = $"{ranking.Entries.Count} ranked, {ranking.AllCorrectCount} all correct, {prizes.Count} prizes" });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return true;
        });
    }

    /// <summary>
    /// Publishes a closed round's results once its publish time has come (the scheduled job). Held while the review queue
    /// has undecided flags and the organizer has not skipped it: the hold is logged once, and the round's admin page says what to do.
    /// </summary>
    public async Task<bool> PublishAsync(int roundId, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var round = await db.Set<ContestRound>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundId, ct);
        if (round is null) return false;
        var due = (round.PublishAt ?? round.ClosesAt) <= now + Tolerance;
        if (round.Status == RoundStatus.Closed && due && await HeldAsync(roundId, ct) is { } held)
        {
            // The sweeper retries a held publish every few seconds: one log line per change of the count, not one per retry.
            var last = await db.Set<RoundEvent>().AsNoTracking().Where(e => e.RoundId == roundId).OrderByDescending(e => e.Id).Select(e => e.Detail).FirstOrDefaultAsync(ct);
            if (last != held) await LogAsync(roundId, "publish", false, held, ct);
            return false;
        }
        var changed = round.Status == RoundStatus.Closed && due
            && await db.Set<ContestRound>().Where(r => r.Id == roundId && r.Status == RoundStatus.Closed)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RoundStatus.Published).SetProperty(r => r.PublishedAt, now), ct) == 1;
        await LogAsync(roundId, "publish", changed, changed ? "" : due ? $"status {round.Status}" : "too early: the publish time was moved", ct);
        return changed;
    }

    /// <summary>The organizer's "publish now": any time after close, before the publish time too; the same review gate.</summary>
    public async Task<ContestError?> PublishNowAsync(int roundId, string by, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var round = await db.Set<ContestRound>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundId, ct);
        if (round is null) return ReviewErrors.NoRound;
        if (round.Status == RoundStatus.Published) return ReviewErrors.AlreadyPublished;
        if (round.Status != RoundStatus.Closed) return ReviewErrors.PublishBeforeClose;
        if (await HeldAsync(roundId, ct) is not null) return ReviewErrors.ReviewPending;
        var changed = await db.Set<ContestRound>().Where(r => r.Id == roundId && r.Status == RoundStatus.Closed)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RoundStatus.Published).SetProperty(r => r.PublishedAt, now), ct) == 1;
        await LogAsync(roundId, "publish", changed, changed ? $"by {by}" : "published meanwhile", ct);
        return changed ? null : ReviewErrors.AlreadyPublished;
    }

    /// <summary>Why publishing waits ("held: …"), or null when the review queue is decided or was skipped.</summary>
    private async Task<string?> HeldAsync(int roundId, CancellationToken ct)
    {
        var undecided = await new ReviewQueue(db, time, flags).UndecidedAsync(roundId, ct);
        return undecided is null or 0 ? null : $"held: {undecided} flagged entries await a decision in the review queue";
    }

    /// <summary>
    /// Ranks the round again and replaces its results and prizes, voided entries left out (after a decision in the
    /// review queue). The caller holds the transaction, so the page never shows a half-written ranking.
    /// </summary>
    public async Task<(RankingResult Ranking, IReadOnlyList<AwardedPrize> Prizes)> RerankAsync(int roundId, CancellationToken ct = default)
    {
        var round = await db.Set<ContestRound>().AsNoTracking().Include(r => r.Prizes).SingleAsync(r => r.Id == roundId, ct);
        await db.Set<RoundPrize>().Where(p => p.RoundId == roundId).ExecuteDeleteAsync(ct);
        await db.Set<RoundResult>().Where(r => r.RoundId == roundId).ExecuteDeleteAsync(ct);
        return await WriteResultsAsync(round, ct);
    }

    /// <summary>Ranks, awards and adds the result and prize rows (saved by the caller) and sets the all-correct count.</summary>
    private async Task<(RankingResult Ranking, IReadOnlyList<AwardedPrize> Prizes)> WriteResultsAsync(ContestRound round, CancellationToken ct)
    {
        var roundId = round.Id;
        var ranking = await RankAsync(round, ct);
        var unitOf = await UnitResolverAsync(ct);
        var members = await MembersAsync(ct);
        var prizes = PrizeTable.Award(ranking, round.Prizes, round.PrizeOptions, unitOf, id => members.GetValueOrDefault(id));

        db.Set<RoundResult>().AddRange(ranking.Entries.Select(e => new RoundResult
        {
            RoundId = roundId, ParticipantId = e.ParticipantId, AttemptId = e.AttemptId, Rank = e.Rank, Correct = e.Correct,
            Prediction = e.Prediction, PredictionError = e.PredictionError, TimeTakenMs = (long)e.TimeTaken.TotalMilliseconds, SubmittedAt = e.SubmittedAt,
        }));
        db.Set<RoundPrize>().AddRange(prizes.Select(p => new RoundPrize
        {
            RoundId = roundId, PrizeRuleId = p.RuleId, Kind = p.Kind, Name = p.Name, Place = p.Place,
            ParticipantId = p.ParticipantId, UnitId = p.UnitId, ParticipantCount = p.ParticipantCount, Measure = p.Measure,
        }));
        await db.Set<ContestRound>().Where(r => r.Id == roundId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.AllCorrectCount, ranking.AllCorrectCount), ct);
        return (ranking, prizes);
    }

    /// <summary>The ranking of a round's finished attempts, voided entries left out.</summary>
    public async Task<RankingResult> RankAsync(ContestRound round, CancellationToken ct = default)
    {
        var voided = db.Set<RoundParticipant>().Where(p => p.VoidedAt != null).Select(p => p.Id);
        // An entry voided in this round's review queue drops out of this round only.
        var voidedHere = db.Set<IntegrityDecision>().Where(d => d.RoundId == round.Id && d.Outcome == DecisionOutcome.Voided && d.UndoneAt == null).Select(d => d.ParticipantId);
        var attempts = await db.Set<RoundAttempt>().AsNoTracking()
            .Where(a => a.RoundId == round.Id && a.FinishedAt != null && !voided.Contains(a.ParticipantId) && !voidedHere.Contains(a.ParticipantId))
            .Select(a => new { a.Id, a.ParticipantId, a.Correct, a.Prediction, a.TimeTakenMs, a.FinishedAt })
            .ToListAsync(ct);
        return RoundRanking.Rank(
            attempts.Select(a => new RankInput(a.ParticipantId, a.Id, a.Correct, a.Prediction, TimeSpan.FromMilliseconds(a.TimeTakenMs), a.FinishedAt!.Value)),
            round.QuestionsPerAttempt);
    }

    /// <summary>Maps a participant to their unit, or to its ancestor at a tree level.</summary>
    private async Task<Func<int, UnitLevel?, int?>> UnitResolverAsync(CancellationToken ct)
    {
        var units = await db.Units.AsNoTracking().Select(u => new { u.Id, u.ParentId, u.Level }).ToDictionaryAsync(u => u.Id, ct);
        var participantUnit = await db.Set<RoundParticipant>().AsNoTracking().Where(p => p.UnitId != null)
            .ToDictionaryAsync(p => p.Id, p => p.UnitId!.Value, ct);
        return (participantId, level) =>
        {
            if (!participantUnit.TryGetValue(participantId, out var id)) return null;
            if (level is null) return id;
            for (int? at = id; at is { } u && units.TryGetValue(u, out var unit); at = unit.ParentId)
            {
                if (unit.Level == level) return unit.Id;
            }
            return null;
        };
    }

    /// <summary>Each unit's member count as the unit statistics take it (a unit without its own count sums its children's).</summary>
    private async Task<Dictionary<int, int>> MembersAsync(CancellationToken ct)
    {
        var units = await db.Units.AsNoTracking().ToListAsync(ct);
        foreach (var u in units) u.Children = [];
        // The participation-rate prize divides by the same members as the report: the roster when a unit has one.
        return UnitStatistics.Compute(units, [], await UnitStatistics.RosterSizesAsync(db, ct)).ToDictionary(s => s.UnitId, s => s.Members);
    }

    private async Task LogAsync(int roundId, string kind, bool changed, string detail, CancellationToken ct)
    {
        db.Add(new RoundEvent { RoundId = roundId, Kind = kind, Changed = changed, At = time.GetUtcNow(), Detail = detail });
        await db.SaveChangesAsync(ct);
    }
}
