using Microsoft.EntityFrameworkCore;

namespace Contest.Engine.Storage;

/// <summary>
/// Contexts without a retrying execution strategy, for code that opens its own transactions: the group-commit
/// writers (<see cref="GroupCommitWriter{TWrite, TResult}"/>), <see cref="BulkInsert"/> and the round writes' row
/// lock (SELECT … FOR UPDATE in one transaction with the batch). EF's retrying strategy refuses a transaction the
/// caller opens; the writers retry a failed batch write by write instead. Request contexts
/// (<see cref="StorageRegistration.AddContestDb"/>) do retry.
/// </summary>
public sealed class NoRetryContexts(StorageSettings settings) : IDbContextFactory<ContestDb>
{
    public ContestDb CreateDbContext() => StorageRegistration.Create(settings);
}
