using System.Collections.Concurrent;
using Contest.Admin.Questions.Excel;
using Contest.Engine.Questions;
using Contest.Engine.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Contest.Admin.Questions;

/// <summary>
/// Import runs in the background so a long file shows progress. The uploaded bytes stay in memory between
/// the dry run and the confirmation (at most <see cref="ImportLimits.MaxBytes"/> each, dropped after an hour);
/// on several web nodes the import page needs sticky sessions, which the deployment already has for WebSockets.
/// </summary>
public sealed class ImportJobs(IServiceScopeFactory scopes, TimeProvider time, ILogger<ImportJobs> log)
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<string, ImportJob> _jobs = new();

    public ImportJob? Get(string id, int bankId, string user)
    {
        Sweep();
        return _jobs.TryGetValue(id, out var job) && job.BankId == bankId && job.User == user ? job : null;
    }

    public ImportJob Start(int bankId, string user, byte[] file)
    {
        Sweep();
        var job = new ImportJob(Guid.NewGuid().ToString("N"), bankId, user, file, time.GetUtcNow());
        _jobs[job.Id] = job;
        Run(job, confirm: false);
        return job;
    }

    /// <summary>Saves the good rows of a checked file; false when the job is unknown, unfinished or already confirmed.</summary>
    public bool Confirm(ImportJob job)
    {
        lock (job)
        {
            if (!job.Finished || job.Confirming || job.Report?.FileProblem is not null) return false;
            job.Confirming = true;
            job.Finished = false;
            job.Done = 0;
        }
        Run(job, confirm: true);
        return true;
    }

    private void Run(ImportJob job, bool confirm) => _ = Task.Run(async () =>
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var importer = scope.ServiceProvider.GetRequiredService<QuestionImporter>();
            var db = scope.ServiceProvider.GetRequiredService<ContestDb>();
            var bank = await db.Set<QuestionBank>().FindAsync(job.BankId) ?? throw new InvalidOperationException($"Bank {job.BankId} is gone.");
            var progress = new Progress<(int Done, int Total)>(p => { job.Done = p.Done; job.Total = p.Total; });
            using var file = new MemoryStream(job.File, writable: false);
            if (confirm)
            {
                (job.Report, job.Saved) = await importer.ImportAsync(bank, file, progress);
                job.File = [];
            }
            else
            {
                job.Report = await importer.DryRunAsync(bank, file, progress);
            }
        }
        catch (Exception e)
        {
            // The page shows only this reference, in the admin's language; the details stay in the log.
            job.Error = Guid.NewGuid().ToString("N")[..8];
            log.LogError(e, "Import job {Job} for bank {Bank} failed (reference {Reference})", job.Id, job.BankId, job.Error);
        }
        finally
        {
            job.Finished = true;
        }
    });

    private void Sweep()
    {
        var cutoff = time.GetUtcNow() - KeepFor;
        foreach (var (id, job) in _jobs)
            if (job.Started < cutoff) _jobs.TryRemove(id, out _);
    }
}

public sealed class ImportJob(string id, int bankId, string user, byte[] file, DateTimeOffset started)
{
    public string Id { get; } = id;
    public int BankId { get; } = bankId;
    public string User { get; } = user;
    public DateTimeOffset Started { get; } = started;
    public byte[] File { get; set; } = file;
    public volatile bool Finished;
    public volatile bool Confirming;
    public int Done { get; set; }
    public int Total { get; set; }
    public ImportReport? Report { get; set; }
    public int Saved { get; set; }
    /// <summary>Reference of an unexpected failure, logged with its exception.</summary>
    public string? Error { get; set; }
}
