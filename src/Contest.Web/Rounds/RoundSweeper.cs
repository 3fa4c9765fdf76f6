using Contest.Engine.Rounds;
using Contest.Engine.Storage;
using Microsoft.EntityFrameworkCore;

namespace Contest.Web.Rounds;

/// <summary>
/// The safety net of the round jobs, on every node: a Hangfire job fetched by a node that then dies stays "Processing"
/// until Hangfire's invisibility timeout (30 minutes), and the round would stay open that long, unranked. Every
/// <c>Contest:Rounds:SweepSeconds</c> (20) each node looks for rounds whose open, close or publish job should have run
/// more than <c>Contest:Rounds:SweepGraceSeconds</c> (15) ago and runs that step itself. The steps are idempotent and
/// take the round's row lock (RoundLifecycle), so a sweep racing the real job or another node's sweep changes nothing
/// twice; the stuck job, when Hangfire finally retries it, finds nothing to do. Only rounds with scheduled jobs are
/// swept: a round written straight into the database (tests, imports) is left as it was written.
/// </summary>
public sealed class RoundSweeper(IServiceScopeFactory scopes, IConfiguration config, TimeProvider time, ILogger<RoundSweeper> log) : BackgroundService
{
    private readonly TimeSpan _every = TimeSpan.FromSeconds(Math.Max(1, config.GetValue("Contest:Rounds:SweepSeconds", 20)));
    private readonly TimeSpan _grace = TimeSpan.FromSeconds(Math.Max(0, config.GetValue("Contest:Rounds:SweepGraceSeconds", 15)));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_every, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try { await SweepAsync(stoppingToken); }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            // The database may be down for a moment; the next tick tries again.
            catch (Exception e) { log.LogWarning(e, "Round sweep failed; trying again in {Seconds} s.", _every.TotalSeconds); }
        }
    }

    public async Task SweepAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ContestDb>();
        var jobs = scope.ServiceProvider.GetRequiredService<RoundJobs>();
        var due = time.GetUtcNow() - _grace;
        // Few rows (rounds not yet published); the times are compared here, as SQLite cannot order DateTimeOffset.
        var pending = await db.Set<ContestRound>().AsNoTracking()
            .Where(r => r.Status == RoundStatus.Scheduled || r.Status == RoundStatus.Open || r.Status == RoundStatus.Closed)
            .Select(r => new { r.Id, r.Status, r.OpensAt, r.ClosesAt, r.PublishAt, r.OpenJobId, r.CloseJobId, r.PublishJobId })
            .ToListAsync(ct);
        foreach (var r in pending)
        {
            if (r.Status is RoundStatus.Scheduled or RoundStatus.Open && r.CloseJobId is not null && r.ClosesAt <= due)
            {
                log.LogWarning("Round {RoundId} is still {Status} {Late:0} s after its close time; closing it here (its close job did not finish).", r.Id, r.Status, (time.GetUtcNow() - r.ClosesAt).TotalSeconds);
                await jobs.CloseNowAsync(r.Id);
            }
            else if (r.Status == RoundStatus.Scheduled && r.OpenJobId is not null && r.OpensAt <= due && r.ClosesAt > time.GetUtcNow())
            {
                log.LogWarning("Round {RoundId} is still scheduled after its open time; opening it here.", r.Id);
                await jobs.OpenAsync(r.Id);
            }
            else if (r.Status == RoundStatus.Closed && r.PublishJobId is not null && (r.PublishAt ?? r.ClosesAt) <= due)
            {
                log.LogWarning("Round {RoundId} is closed but not published after its publish time; publishing it here.", r.Id);
                await jobs.PublishAsync(r.Id);
            }
        }
    }
}
