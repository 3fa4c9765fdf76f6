using System.Threading.Channels;
using Contest.Engine.Storage;
using Microsoft.EntityFrameworkCore;

namespace Contest.Engine.LiveGames;

/// <summary>
/// Group commit for the live game's hot writes (joins and answers). Callers queue a row and await it;
/// one writer drains the queue in batches and completes every caller's task only after its batch is
/// committed, so "received" always means durable while thousands of answers cost a few transactions.
/// A batch that fails is retried row by row so one bad row fails only its own caller.
/// </summary>
public sealed class LiveWriter : IAsyncDisposable
{
    public const int MaxBatch = 2000;

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<ContestDb> _db;
    private readonly Task _loop;

    public LiveWriter(Func<ContestDb> db)
    {
        _db = db;
        _loop = Task.Run(RunAsync);
    }

    public long Batches { get; private set; }
    public long Rows { get; private set; }

    public Task WriteAsync(object row)
    {
        var pending = new Pending(row, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending)) throw new InvalidOperationException("The live writer has stopped.");
        return pending.Done.Task;
    }

    private async Task RunAsync()
    {
        await PrepareAsync();
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var p)) batch.Add(p);
            try
            {
                await using var db = _db();
                await BulkInsert.InsertAsync(db, batch.ConvertAll(p => p.Row));
                Batches++;
                Rows += batch.Count;
                foreach (var p in batch) p.Done.TrySetResult();
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

    // SQLite's default rollback journal syncs several times per commit and blocks readers while writing;
    // write-ahead logging syncs once per commit (still synchronous=FULL, so a commit survives power loss).
    private async Task PrepareAsync()
    {
        try
        {
            await using var db = _db();
            if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }
        catch (Exception)
        {
            // Best effort: the writer works in either journal mode.
        }
    }

    private async Task WriteOneAsync(Pending p)
    {
        try
        {
            await using var db = _db();
            db.Add(p.Row);
            await db.SaveChangesAsync();
            Rows++;
            p.Done.TrySetResult();
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

    private sealed record Pending(object Row, TaskCompletionSource Done);
}
