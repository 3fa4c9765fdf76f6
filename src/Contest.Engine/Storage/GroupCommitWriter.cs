using System.Threading.Channels;

namespace Contest.Engine.Storage;

/// <summary>
/// Group commit for a hot path's writes. Callers queue a write and await its result; one loop drains the queue
/// and applies up to <c>maxBatch</c> writes in one transaction, completing each caller only after that commit, so
/// an acknowledged write is durable while a thousand of them cost one commit (one fsync). One loop per writer
/// also keeps the writes in queue order. A batch that fails is retried write by write, so one bad write fails
/// only its own caller.
/// </summary>
/// <remarks>
/// Each batch gets a fresh context from <c>contexts</c>, which must not retry (see <see cref="NoRetryContexts"/>):
/// a batch opens its own transaction, which a retrying execution strategy refuses, and retries are done here.
/// </remarks>
public sealed class GroupCommitWriter<TWrite, TResult> : IAsyncDisposable
{
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly string _name;
    private readonly Func<ContestDb> _contexts;
    private readonly int _maxBatch;
    private readonly Func<ContestDb, IReadOnlyList<TWrite>, Task<IReadOnlyList<TResult>>> _applyBatch;
    private readonly Func<ContestDb, TWrite, Task<TResult>> _applyOne;
    private readonly Task _loop;

    /// <param name="name">Names the writer in the error a caller gets after it stopped.</param>
    /// <param name="applyBatch">Applies and commits a batch; returns one result per write, in order.</param>
    /// <param name="applyOne">Applies and commits one write, after its batch failed.</param>
    /// <param name="prepare">Runs once on a context before the first batch; best effort (a failure is ignored).</param>
    public GroupCommitWriter(string name, Func<ContestDb> contexts, int maxBatch,
        Func<ContestDb, IReadOnlyList<TWrite>, Task<IReadOnlyList<TResult>>> applyBatch, Func<ContestDb, TWrite, Task<TResult>> applyOne,
        Func<ContestDb, Task>? prepare = null)
    {
        _name = name;
        _contexts = contexts;
        _maxBatch = maxBatch;
        _applyBatch = applyBatch;
        _applyOne = applyOne;
        _loop = Task.Run(async () =>
        {
            if (prepare is not null) await PrepareAsync(prepare);
            await RunAsync();
        });
    }

    /// <summary>Batches committed whole.</summary>
    public long Batches { get; private set; }

    /// <summary>Writes committed, in whole batches or one by one.</summary>
    public long Writes { get; private set; }

    public Task<TResult> WriteAsync(TWrite write)
    {
        var pending = new Pending(write, new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending)) throw new InvalidOperationException($"The {_name} has stopped.");
        return pending.Done.Task;
    }

    private async Task RunAsync()
    {
        var batch = new List<Pending>(_maxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var p)) batch.Add(p);
            try
            {
                await using var db = _contexts();
                var results = await _applyBatch(db, batch.ConvertAll(p => p.Write));
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
            await using var db = _contexts();
            var result = await _applyOne(db, p.Write);
            Writes++;
            p.Done.TrySetResult(result);
        }
        catch (Exception e)
        {
            p.Done.TrySetException(e);
        }
    }

    private async Task PrepareAsync(Func<ContestDb, Task> prepare)
    {
        try
        {
            await using var db = _contexts();
            await prepare(db);
        }
        catch (Exception)
        {
            // Best effort by contract: the writer works without it.
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    private sealed record Pending(TWrite Write, TaskCompletionSource<TResult> Done);
}
