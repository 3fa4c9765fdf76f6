using Contest.Engine.Errors;
using Contest.Engine.Storage;
using Microsoft.EntityFrameworkCore;

namespace Contest.Engine.Rounds.Integrity;

/// <summary>One flagged (or decided) entry of a round's review queue. <see cref="Rank"/>: its place in the stored ranking, null once voided.</summary>
public sealed record QueueEntry(int ParticipantId, string FullName, string? Unit, double Weight, IReadOnlyList<IntegrityFlag> Flags,
    int? Rank, int? Correct, IntegrityDecision? Decision);

/// <summary>
/// A round's review queue: <see cref="Pending"/> heaviest evidence first, then what was decided. <see cref="Names"/> names
/// every participant a flag points at (shared device, network, same answers), so the page can say who.
/// </summary>
/// <see cref="Undone"/>: decisions taken back before publish, newest first, kept for the audit.
public sealed record ReviewQueueView(ContestRound Round, IReadOnlyList<QueueEntry> Pending, IReadOnlyList<QueueEntry> Decided,
    IReadOnlyDictionary<int, string> Names, ReviewSkip? Skip, IReadOnlyList<IntegrityDecision>? Undone = null)
{
    /// <summary>Decisions are taken between close and publish only.</summary>
    public bool Open => Round.Status == RoundStatus.Closed;
}

/// <summary>
/// The organizer's side of integrity: the flags (computed by <see cref="RoundIntegrity"/>) with their decisions. Voiding
/// re-ranks the round and re-awards its prizes in the same transaction as the decision; nothing changes for the public
/// until the round is published.
/// </summary>
public sealed class ReviewQueue(ContestDb db, TimeProvider time, FlagCache? cache = null)
{
    private RoundIntegrity Integrity() => new(db, time, cache);

    public async Task<ReviewQueueView?> GetAsync(int roundId, CancellationToken ct = default)
    {
        var round = await db.Set<ContestRound>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundId, ct);
        if (round is null) return null;
        var flagged = round.Status is RoundStatus.Closed or RoundStatus.Published
            ? await Integrity().FlagsAsync(roundId, ct) : [];
        var all = await db.Set<IntegrityDecision>().AsNoTracking().Where(d => d.RoundId == roundId).ToListAsync(ct);
        var decisions = all.Where(d => !d.Undone).ToDictionary(d => d.ParticipantId);
        var undone = all.Where(d => d.Undone).OrderByDescending(d => d.UndoneAt!.Value).ThenByDescending(d => d.Id).ToList();
        var skip = await db.Set<ReviewSkip>().AsNoTracking().SingleOrDefaultAsync(s => s.RoundId == roundId, ct);
        var ids = flagged.SelectMany(f => f.Flags.SelectMany(x => x.Facts.OtherParticipantIds ?? []).Append(f.ParticipantId)).Concat(all.Select(d => d.ParticipantId)).Distinct().ToList();
        var people = await db.Set<RoundParticipant>().AsNoTracking().Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, p.FullName, p.UnitId }).ToDictionaryAsync(p => p.Id, ct);
        var unitIds = people.Values.Where(p => p.UnitId != null).Select(p => p.UnitId!.Value).Distinct().ToList();
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var results = await db.Set<RoundResult>().AsNoTracking().Where(r => r.RoundId == roundId && ids.Contains(r.ParticipantId))
            .ToDictionaryAsync(r => r.ParticipantId, ct);

        QueueEntry Entry(int id, double weight, IReadOnlyList<IntegrityFlag> flags)
        {
            var p = people.GetValueOrDefault(id);
            var r = results.GetValueOrDefault(id);
            return new QueueEntry(id, p?.FullName ?? $"#{id}", p?.UnitId is { } u ? units.GetValueOrDefault(u) : null, weight, flags, r?.Rank, r?.Correct, decisions.GetValueOrDefault(id));
        }
        var byId = flagged.ToDictionary(f => f.ParticipantId);
        var pending = flagged.Where(f => !decisions.ContainsKey(f.ParticipantId))
            .OrderByDescending(f => f.Weight).ThenBy(f => f.ParticipantId).Select(f => Entry(f.ParticipantId, f.Weight, f.Flags)).ToList();
        var decided = decisions.Values.OrderByDescending(d => d.DecidedAt).ThenBy(d => d.ParticipantId)
            .Select(d => byId.TryGetValue(d.ParticipantId, out var f) ? Entry(f.ParticipantId, f.Weight, f.Flags) : Entry(d.ParticipantId, 0, [])).ToList();
        return new ReviewQueueView(round, pending, decided, people.ToDictionary(p => p.Key, p => p.Value.FullName), skip, undone);
    }

    /// <summary>Flagged entries without a decision; null when the organizer skipped the review (or the round is gone).</summary>
    public async Task<int?> UndecidedAsync(int roundId, CancellationToken ct = default)
    {
        if (await db.Set<ReviewSkip>().AnyAsync(s => s.RoundId == roundId, ct)) return null;
        var flagged = await Integrity().FlagsAsync(roundId, ct);
        if (flagged.Count == 0) return 0;
        var decided = await db.Set<IntegrityDecision>().Where(d => d.RoundId == roundId && d.UndoneAt == null).Select(d => d.ParticipantId).ToListAsync(ct);
        return flagged.Count(f => !decided.Contains(f.ParticipantId));
    }

    public Task<ContestError?> ClearAsync(int roundId, int participantId, string? reason, string by, CancellationToken ct = default) =>
        DecideAsync(roundId, participantId, DecisionOutcome.Cleared, reason, by, ct);

    /// <summary>Voids the entry in this round (a reason is required), then ranks and awards the round again without it.</summary>
    public Task<ContestError?> VoidAsync(int roundId, int participantId, string? reason, string by, CancellationToken ct = default) =>
        DecideAsync(roundId, participantId, DecisionOutcome.Voided, reason, by, ct);

    private async Task<ContestError?> DecideAsync(int roundId, int participantId, DecisionOutcome outcome, string? reason, string by, CancellationToken ct)
    {
        var text = (reason ?? "").Trim();
        if (outcome == DecisionOutcome.Voided && text.Length == 0) return ReviewErrors.ReasonRequired;
        if (text.Length > IntegrityDecision.MaxReasonLength) return ReviewErrors.ReasonTooLong(text.Length);
        var round = await db.Set<ContestRound>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundId, ct);
        if (round is null) return ReviewErrors.NoRound;
        if (round.Status != RoundStatus.Closed) return ReviewErrors.NotOpen;
        var flags = (await Integrity().FlagsAsync(roundId, ct)).SingleOrDefault(f => f.ParticipantId == participantId);
        // Any entry of the round may be voided (an organizer may know more than the flags); only flagged ones can be cleared.
        var inRound = flags is not null || await db.Set<RoundAttempt>().AnyAsync(a => a.RoundId == roundId && a.ParticipantId == participantId, ct);
        if (!inRound || (flags is null && outcome == DecisionOutcome.Cleared)) return ReviewErrors.NoEntry;

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (!await LockClosedRoundAsync(roundId, ct)) { await tx.RollbackAsync(ct); return ReviewErrors.NotOpen; }
            if (await db.Set<IntegrityDecision>().AnyAsync(d => d.RoundId == roundId && d.ParticipantId == participantId && d.UndoneAt == null, ct))
            {
                await tx.RollbackAsync(ct);
                return ReviewErrors.AlreadyDecided;
            }
            var now = time.GetUtcNow();
            db.Add(new IntegrityDecision
            {
                RoundId = roundId, ParticipantId = participantId, Outcome = outcome, Reason = text, DecidedBy = by, DecidedAt = now,
                Flags = flags is null ? "" : Truncate($"{string.Join(", ", flags.Flags.Select(f => f.Kind))} ({flags.Weight:0.##})", 1000),
            });
            await db.SaveChangesAsync(ct);
            var detail = $"{outcome} participant {participantId} by {by}";
            if (outcome == DecisionOutcome.Voided)
            {
                var (ranking, prizes) = await new RoundLifecycle(db, time).RerankAsync(roundId, ct);
                detail += $": re-ranked {ranking.Entries.Count}, {ranking.AllCorrectCount} all correct, {prizes.Count} prizes";
            }
            db.Add(new RoundEvent { RoundId = roundId, Kind = "review", Changed = true, At = now, Detail = Truncate(detail, 1000) });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return (ContestError?)null;
        });
    }

    /// <summary>
    /// Takes the round's row lock inside the caller's transaction (a no-op update), so a publish or another decision waits
    /// for this one to commit; false when the round is no longer closed.
    /// </summary>
    private async Task<bool> LockClosedRoundAsync(int roundId, CancellationToken ct) =>
        await db.Set<ContestRound>().Where(r => r.Id == roundId && r.Status == RoundStatus.Closed)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.AllCorrectCount, r => r.AllCorrectCount), ct) == 1;

    /// <summary>
    /// Takes back the standing decision on an entry while the round is not yet published: the row keeps the decision and
    /// gains who undid it and when, so the audit has both; undoing a void ranks and awards the round again with the entry
    /// back in, in the same transaction. After publish the participants have seen the results: refused (review-undo-published).
    /// </summary>
    public async Task<ContestError?> UndoAsync(int roundId, int participantId, string by, CancellationToken ct = default)
    {
        var round = await db.Set<ContestRound>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundId, ct);
        if (round is null) return ReviewErrors.NoRound;
        if (round.Status == RoundStatus.Published) return ReviewErrors.UndoPublished;
        if (round.Status != RoundStatus.Closed) return ReviewErrors.NotOpen;
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // A publish racing this undo waits for the lock, then finds the queue as it now is.
            if (!await LockClosedRoundAsync(roundId, ct))
            {
                await tx.RollbackAsync(ct);
                return await db.Set<ContestRound>().AnyAsync(r => r.Id == roundId && r.Status == RoundStatus.Published, ct) ? ReviewErrors.UndoPublished : ReviewErrors.NotOpen;
            }
            var decision = await db.Set<IntegrityDecision>().SingleOrDefaultAsync(d => d.RoundId == roundId && d.ParticipantId == participantId && d.UndoneAt == null, ct);
            if (decision is null)
            {
                await tx.RollbackAsync(ct);
                return ReviewErrors.NotDecided;
            }
            var now = time.GetUtcNow();
            decision.UndoneBy = by;
            decision.UndoneAt = now;
            await db.SaveChangesAsync(ct);
            var detail = $"undo {decision.Outcome} participant {participantId} by {by} (decided by {decision.DecidedBy})";
            if (decision.Outcome == DecisionOutcome.Voided)
            {
                var (ranking, prizes) = await new RoundLifecycle(db, time).RerankAsync(roundId, ct);
                detail += $": re-ranked {ranking.Entries.Count}, {ranking.AllCorrectCount} all correct, {prizes.Count} prizes";
            }
            db.Add(new RoundEvent { RoundId = roundId, Kind = "review", Changed = true, At = now, Detail = Truncate(detail, 1000) });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return (ContestError?)null;
        });
    }

    /// <summary>Lets the round publish with flags undecided; recorded with who, when and how many were left.</summary>
    public async Task<ContestError?> SkipAsync(int roundId, string? reason, string by, CancellationToken ct = default)
    {
        var text = (reason ?? "").Trim();
        if (text.Length > IntegrityDecision.MaxReasonLength) return ReviewErrors.ReasonTooLong(text.Length);
        var round = await db.Set<ContestRound>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundId, ct);
        if (round is null) return ReviewErrors.NoRound;
        if (round.Status != RoundStatus.Closed) return ReviewErrors.NotOpen;
        if (await db.Set<ReviewSkip>().AnyAsync(s => s.RoundId == roundId, ct)) return ReviewErrors.AlreadySkipped;
        var undecided = await UndecidedAsync(roundId, ct) ?? 0;
        if (undecided == 0) return ReviewErrors.NothingToSkip;
        var now = time.GetUtcNow();
        db.Add(new ReviewSkip { RoundId = roundId, Reason = text, SkippedBy = by, SkippedAt = now, Undecided = undecided });
        db.Add(new RoundEvent { RoundId = roundId, Kind = "review", Changed = true, At = now, Detail = $"review skipped by {by}, {undecided} undecided" });
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { return ReviewErrors.AlreadySkipped; }
        return null;
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}
