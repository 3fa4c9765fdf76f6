using System.Threading.Channels;
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
public sealed record RoundWriteResult(RoundError? Error, RoundAttempt? Attempt = null);

/// <summary>
/// Group commit for the round hot path (answer saves and submits). Callers queue a write and await it; one
/// writer drains the queue and applies a whole batch in one transaction, completing each caller only after
/// that commit, so an acknowledged answer is durable while a thousand answers cost one commit (one fsync).
/// One writer per node also orders the writes of an attempt: a submit scores the answers queued before it.
/// A batch that fails is retried write by write, so one bad write fails only its own caller.
/// </summary>
public sealed class RoundWriter : IAsyncDisposable
{
    public const int MaxBatch = 1000;

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<ContestDb> _db;
    private readonly RoundCache _cache;
    private readonly Task _loop;

    public RoundWriter(Func<ContestDb> db, RoundCache cache)
    {
        _db = db;
        _cache = cache;
        _loop = Task.Run(RunAsync);
    }

    public long Batches { get; private set; }
    public long Writes { get; private set; }

    public Task<RoundWriteResult> WriteAsync(RoundWrite write)
    {
        var pending = new Pending(write, new TaskCompletionSource<RoundWriteResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending)) throw new InvalidOperationException("The round writer has stopped.");
        return pending.Done.Task;
    }

    private async Task RunAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var p)) batch.Add(p);
            try
            {
                await using var db = _db();
                var results = await RoundWrites.ApplyAsync(db, _cache, batch.Select(p => p.Write).ToList(), CancellationToken.None);
                Batches++;
                Writes += batch.Count;
                for (var i = 0; i < batch.Count; i++) batch[i].Done.TrySetResult(results[i]);
            }
            catch (Exception) when (batch.Count > 1)
            {
                foreach (var p in batch) await WriteOneAsync(p);
            }
            catch (Exception e)
            {
                batch[0].Done.TrySetException(e);
            }
        }
    }

    private async Task WriteOneAsync(Pending p)
    {
        try
        {
            await using var db = _db();
            var results = await RoundWrites.ApplyAsync(db, _cache, [p.Write], CancellationToken.None);
            Writes++;
            p.Done.TrySetResult(results[0]);
        }
        catch (Exception e)
        {
            p.Done.TrySetException(e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    private sealed record Pending(RoundWrite Write, TaskCompletionSource<RoundWriteResult> Done);
}

/// <summary>Applies a batch of hot-path writes with one SaveChanges (one transaction).</summary>
public static class RoundWrites
{
    public static async Task<IReadOnlyList<RoundWriteResult>> ApplyAsync(ContestDb db, RoundCache cache, IReadOnlyList<RoundWrite> writes, CancellationToken ct)
    {
        var ids = writes.Select(w => w.AttemptId).Distinct().ToList();
        // On PostgreSQL the batch locks its attempts' rows (in id order, so two batches cannot deadlock), so a
        // write on another node waits for this batch: an answer can never be acknowledged after a submit has
        // scored its attempt. SQLite has one writer at a time anyway.
        await using var tx = db is PostgresContestDb && !db.Database.CreateExecutionStrategy().RetriesOnFailure && db.Database.CurrentTransaction is null
            ? await db.Database.BeginTransactionAsync(ct)
            : null;
        var idArray = ids.ToArray();
        var attempts = tx is not null
            ? await db.Set<RoundAttempt>().FromSql($"SELECT * FROM \"RoundAttempts\" WHERE \"Id\" = ANY({idArray}) ORDER BY \"Id\" FOR UPDATE").ToDictionaryAsync(a => a.Id, ct)
            : await db.Set<RoundAttempt>().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        // Items are loaded only for the attempts being submitted (to score them), and before any answer of the
        // batch is attached, so those answers land on the loaded items rather than on stand-ins.
        var submitted = writes.OfType<SubmitWrite>().Select(w => w.AttemptId).Distinct().ToList();
        // Items this context tracks, by id: looked up once here, because DbSet.Local and ChangeTracker.Entries scan
        // every tracked entity on each call, which made a batch of n answers cost n² (seconds for 1,000).
        var known = db.ChangeTracker.Entries<AttemptItem>().ToDictionary(e => e.Entity.Id, e => e.Entity);
        if (submitted.Count > 0)
        {
            foreach (var item in await db.Set<AttemptItem>().Where(i => submitted.Contains(i.AttemptId)).ToListAsync(ct)) known[item.Id] = item;
        }

        var standIns = new List<AttemptItem>();
        var results = new RoundWriteResult[writes.Count];
        try
        {
            for (var n = 0; n < writes.Count; n++)
            {
                var write = writes[n];
                if (!attempts.TryGetValue(write.AttemptId, out var attempt))
                {
                    results[n] = new(RoundError.NotFound("attempt"));
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
            await db.SaveChangesAsync(ct);
            if (tx is not null) await tx.CommitAsync(ct);
        }
        finally
        {
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
