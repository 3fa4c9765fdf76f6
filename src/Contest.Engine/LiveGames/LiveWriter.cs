using Contest.Engine.Storage;
using Microsoft.EntityFrameworkCore;

namespace Contest.Engine.LiveGames;

/// <summary>
/// Group commit for the live game's hot writes (joins and answers), on <see cref="GroupCommitWriter{TWrite, TResult}"/>:
/// callers queue a row and await it, and "received" always means durable while thousands of answers cost a few
/// transactions. A batch is one bulk insert; after a failed batch each row is retried alone through EF.
/// </summary>
public sealed class LiveWriter : IAsyncDisposable
{
    public const int MaxBatch = 2000;

    private readonly GroupCommitWriter<object, bool> _writer;

    public LiveWriter(Func<ContestDb> db) =>
        _writer = new GroupCommitWriter<object, bool>("live writer", db, MaxBatch, InsertAsync, AddOneAsync, UseWriteAheadLogAsync);

    public long Batches => _writer.Batches;
    public long Rows => _writer.Writes;

    public Task WriteAsync(object row) => _writer.WriteAsync(row);

    private static async Task<IReadOnlyList<bool>> InsertAsync(ContestDb db, IReadOnlyList<object> rows)
    {
        await BulkInsert.InsertAsync(db, rows);
        return new bool[rows.Count];
    }

    private static async Task<bool> AddOneAsync(ContestDb db, object row)
    {
        db.Add(row);
        await db.SaveChangesAsync();
        return true;
    }

    // SQLite's default rollback journal syncs several times per commit and blocks readers while writing;
    // write-ahead logging syncs once per commit (still synchronous=FULL, so a commit survives power loss).
    private static async Task UseWriteAheadLogAsync(ContestDb db)
    {
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
    }

    public ValueTask DisposeAsync() => _writer.DisposeAsync();
}
