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
public sealed class RoundLifecycle(ContestDb db, TimeProvider time)
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
            db.Add(new RoundEvent { RoundId = roundId, Kind = "close", Changed = true, At = now, Detail = $"{ranking.Entries.Count} ranked, {ranking.AllCorrectCount} all correct, {prizes.Count} prizes" });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return true;
        });
    }

    /// <summary>Publishes a closed round's results once its publish time has come.</summary>
    public async Task<bool> PublishAsync(int roundId, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var round = await db.Set<ContestRound>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundId, ct);
        if (round is null) return false;
        var due = (round.PublishAt ?? round.ClosesAt) <= now + Tolerance;
        var changed = round.Status == RoundStatus.Closed && due
            && await db.Set<ContestRound>().Where(r => r.Id == roundId && r.Status == RoundStatus.Closed)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RoundStatus.Published).SetProperty(r => r.PublishedAt, now), ct) == 1;
        await LogAsync(roundId, "publish", changed, changed ? "" : due ? $"status {round.Status}" : "too early: the publish time was moved", ct);
        return changed;
    }

    /// <summary>The ranking of a round's finished attempts, voided entries left out.</summary>
    public async Task<RankingResult> RankAsync(ContestRound round, CancellationToken ct = default)
    {
        var voided = db.Set<RoundParticipant>().Where(p => p.VoidedAt != null).Select(p => p.Id);
        var attempts = await db.Set<RoundAttempt>().AsNoTracking()
            .Where(a => a.RoundId == round.Id && a.FinishedAt != null && !voided.Contains(a.ParticipantId))
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
