using Contest.Engine.Errors;
using Contest.Engine.Questions.Answers;
using Contest.Engine.Storage;
using Microsoft.EntityFrameworkCore;

namespace Contest.Engine.Rounds;

/// <summary>A write of the participant hot path, applied by <see cref="RoundWrites"/>.</summary>
public abstract record RoundWrite(long AttemptId);

/// <summary>Saves (or replaces) one answer, already checked and mapped to stored option indexes.</summary>
/// <remarks><paramref name="Trail"/> (from the attempt's cached shape) gives the first-answer time and revision count to store with it.</remarks>
public sealed record SaveAnswerWrite(long AttemptId, long ItemId, SubmittedAnswer Answer, DateTimeOffset At, Integrity.AnswerTrail? Trail = null) : RoundWrite(AttemptId);

/// <summary>Ends the attempt as submitted; the prediction (when given) is saved with it.</summary>
/// <remarks><paramref name="Origin"/>: the device and network submitting, kept as integrity evidence.</remarks>
public sealed record SubmitWrite(long AttemptId, int? Prediction, DateTimeOffset At, Integrity.ClientOrigin? Origin = null) : RoundWrite(AttemptId);

/// <summary>The outcome of one write: a refusal, and for a submit the attempt as it now stands (with its items).</summary>
public sealed record RoundWriteResult(ContestError? Error, RoundAttempt? Attempt = null);

/// <summary>
/// Group commit for the round hot path (answer saves and submits), on <see cref="GroupCommitWriter{TWrite, TResult}"/>:
/// a whole batch is applied in one transaction, so an acknowledged answer is durable while a thousand answers cost
/// one commit (one fsync). One writer per node also orders the writes of an attempt: a submit scores the answers
/// queued before it. Its contexts never retry (<see cref="NoRetryContexts"/>): the batch's row lock needs its own
/// transaction.
/// </summary>
public sealed class RoundWriter(NoRetryContexts contexts, RoundCache cache) : IAsyncDisposable
{
    public const int MaxBatch = 1000;

    private readonly GroupCommitWriter<RoundWrite, RoundWriteResult> _writer = new("round writer", contexts.CreateDbContext, MaxBatch,
        (db, writes) => RoundWrites.ApplyAsync(db, cache, writes, CancellationToken.None),
        async (db, write) => (await RoundWrites.ApplyAsync(db, cache, [write], CancellationToken.None))[0]);

    public long Batches => _writer.Batches;
    public long Writes => _writer.Writes;

    public Task<RoundWriteResult> WriteAsync(RoundWrite write) => _writer.WriteAsync(write);

    public ValueTask DisposeAsync() => _writer.DisposeAsync();
}

/// <summary>Applies a batch of hot-path writes with one SaveChanges (one transaction).</summary>
public static class RoundWrites
{
    public static async Task<IReadOnlyList<RoundWriteResult>> ApplyAsync(ContestDb db, RoundCache cache, IReadOnlyList<RoundWrite> writes, CancellationToken ct)
    {
        var ids = writes.Select(w => w.AttemptId).Distinct().ToList();
        // A writer's context is fresh; a request's (no writer) may hold changes of its own, which SaveChanges must still find.
        var fresh = !db.ChangeTracker.Entries().Any();
        // On PostgreSQL the batch locks its attempts' rows (in id order, so two batches cannot deadlock), so a
        // write on another node waits for this batch: an answer can never be acknowledged after a submit has
        // scored its attempt. SQLite has one writer at a time anyway. The lock needs a transaction opened here,
        // which a retrying execution strategy refuses: a context that retries is a wiring mistake, said so.
        var postgres = db is PostgresContestDb && db.Database.CurrentTransaction is null;
        if (postgres && db.Database.CreateExecutionStrategy().RetriesOnFailure)
            throw new InvalidOperationException("Round writes need a context without retries (NoRetryContexts): their row lock opens its own transaction.");
        await using var tx = postgres ? await db.Database.BeginTransactionAsync(ct) : null;
        var idArray = ids.ToArray();
        // Read without tracking: an answer save only needs to know whether its attempt has ended, and the writer's
        // one loop is what every save of the node waits behind, so it should not snapshot and change-scan a whole
        // attempt row (19 columns) per save. Only the attempts being submitted are tracked (attached below).
        var attempts = tx is not null
            ? await db.Set<RoundAttempt>().FromSql($"SELECT * FROM \"RoundAttempts\" WHERE \"Id\" = ANY({idArray}) ORDER BY \"Id\" FOR UPDATE").AsNoTracking().ToDictionaryAsync(a => a.Id, ct)
            : await db.Set<RoundAttempt>().AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        // Items are loaded only for the attempts being submitted (to score them), and before any answer of the
        // batch is attached, so those answers land on the loaded items rather than on stand-ins.
        var submitted = writes.OfType<SubmitWrite>().Select(w => w.AttemptId).Distinct().ToList();
        if (submitted.Count > 0)
        {
            // A request's context (no writer) may already track the attempt: keep that instance, as a tracking query would.
            var tracked = db.ChangeTracker.Entries<RoundAttempt>().ToDictionary(e => e.Entity.Id, e => e.Entity);
            foreach (var id in submitted)
            {
                if (tracked.TryGetValue(id, out var mine)) attempts[id] = mine;
                else if (attempts.TryGetValue(id, out var read)) db.Attach(read);
            }
        }
        // Items this context tracks, by id: looked up once here, because DbSet.Local and ChangeTracker.Entries scan
        // every tracked entity on each call, which made a batch of n answers cost n² (seconds for 1,000).
        var known = db.ChangeTracker.Entries<AttemptItem>().ToDictionary(e => e.Entity.Id, e => e.Entity);
        if (submitted.Count > 0)
        {
            foreach (var item in await db.Set<AttemptItem>().Where(i => submitted.Contains(i.AttemptId)).ToListAsync(ct)) known[item.Id] = item;
        }

        var standIns = new List<AttemptItem>();
        var results = new RoundWriteResult[writes.Count];
        // Saves mark their changed columns themselves (SetAnswer), so only a submit, which scores whole attempts,
        // needs EF's scan of every tracked entity for changes; a writer's batch of saves skips it.
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        if (fresh) db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            for (var n = 0; n < writes.Count; n++)
            {
                var write = writes[n];
                if (!attempts.TryGetValue(write.AttemptId, out var attempt))
                {
                    results[n] = new(ContestError.NotFound("attempt"));
                    continue;
                }
                switch (write)
                {
                    case SaveAnswerWrite save when attempt.IsFinished:
                        results[n] = new(RoundAttempts.Finished(attempt));
                        break;
                    case SaveAnswerWrite save:
                        results[n] = new(null);
                        SetAnswer(db, save, known, standIns);
                        break;
                    case SubmitWrite submit when attempt.IsFinished:
                        results[n] = new(attempt.End == AttemptEnd.TimedOut ? RoundAttempts.Finished(attempt) : null, attempt);
                        break;
                    case SubmitWrite submit:
                        if (submit.Prediction is not null) attempt.Prediction = submit.Prediction;
                        attempt.SubmitDevice = submit.Origin?.Device;
                        attempt.SubmitNetwork = submit.Origin?.Network;
                        var questions = await cache.QuestionsAsync(db, attempt.Items.Select(i => i.QuestionId).ToList(), ct);
                        RoundAttempts.Finish(attempt, questions, AttemptEnd.Submitted, submit.At);
                        results[n] = new(null, attempt);
                        break;
                }
            }
            if (submitted.Count > 0 || !fresh) db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            if (tx is not null) await tx.CommitAsync(ct);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
            // The stand-ins hold only an id and the answer; a context that lives on (a request's) must not mistake them for items.
            foreach (var s in standIns) db.Entry(s).State = EntityState.Detached;
        }
        return results;
    }

    private static void SetAnswer(ContestDb db, SaveAnswerWrite save, Dictionary<long, AttemptItem> known, List<AttemptItem> standIns)
    {
        if (!known.TryGetValue(save.ItemId, out var item))
        {
            // An update of six columns by key, without reading the item first.
            item = new AttemptItem { Id = save.ItemId, AttemptId = save.AttemptId };
            db.Attach(item);
            known[item.Id] = item;
            standIns.Add(item);
        }
        item.AnswerOptions = save.Answer.Options?.ToList();
        item.AnswerOrder = save.Answer.Order?.ToList();
        item.AnswerText = save.Answer.Text;
        item.AnsweredAt = save.At;
        var (first, revisions) = save.Trail?.Record(save.Answer, save.At) ?? (save.At, 0);
        item.FirstAnsweredAt = first;
        item.Revisions = revisions;
        var entry = db.Entry(item);
        entry.Property(i => i.FirstAnsweredAt).IsModified = true;
        entry.Property(i => i.Revisions).IsModified = true;
        entry.Property(i => i.AnswerOptions).IsModified = true;
        entry.Property(i => i.AnswerOrder).IsModified = true;
        entry.Property(i => i.AnswerText).IsModified = true;
        entry.Property(i => i.AnsweredAt).IsModified = true;
    }
}
