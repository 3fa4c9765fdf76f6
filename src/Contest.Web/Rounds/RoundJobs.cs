using Contest.Engine.Rounds;
using Contest.Engine.Storage;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Contest.Web.Rounds;

/// <summary>
/// The Hangfire jobs of a round. Hangfire keeps them in its storage, so a job scheduled before a restart
/// runs after it; the engine's steps are idempotent, so a retry or a stale job changes nothing.
/// </summary>
public sealed class RoundJobs(RoundLifecycle lifecycle, ContestDb db, Events.IProjectorNotifier projectors, IConfiguration config, ILogger<RoundJobs> log)
{
    [AutomaticRetry(Attempts = 5)]
    public async Task OpenAsync(int roundId)
    {
        // The jobs of a new round are scheduled just before its save commits; one that starts in between retries.
        if (!await db.Set<ContestRound>().AnyAsync(r => r.Id == roundId)) throw new InvalidOperationException($"Round {roundId} is not (yet) in the database.");
        if (await lifecycle.OpenAsync(roundId)) log.LogInformation("Round {RoundId} opened.", roundId);
    }

    /// <summary>Closes and ranks; publishes in the same run when no later publish time was set.</summary>
    [AutomaticRetry(Attempts = 5)]
    public async Task CloseAsync(int roundId)
    {
        log.LogInformation("Round {RoundId} close job started on process {ProcessId}.", roundId, Environment.ProcessId);
        // For fault drills only (default 0): holds the job after it was fetched, so a drill can kill the node running it.
        if (config.GetValue("Contest:Rounds:CloseJobHoldSeconds", 0) is > 0 and var hold) await Task.Delay(TimeSpan.FromSeconds(hold));
        await CloseNowAsync(roundId);
    }

    /// <summary>The close job's work, also run by <see cref="RoundSweeper"/> when the job's node died.</summary>
    public async Task CloseNowAsync(int roundId)
    {
        if (await lifecycle.CloseAsync(roundId)) log.LogInformation("Round {RoundId} closed and ranked.", roundId);
        await lifecycle.PublishAsync(roundId);
        await RefreshProjectorsAsync(roundId);
    }

    [AutomaticRetry(Attempts = 5)]
    public async Task PublishAsync(int roundId)
    {
        if (await lifecycle.PublishAsync(roundId)) log.LogInformation("Round {RoundId} results published.", roundId);
        await RefreshProjectorsAsync(roundId);
    }

    // A hall projecting this round switches from the live board to the results (and prize winners) by itself.
    private async Task RefreshProjectorsAsync(int roundId)
    {
        var target = roundId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await projectors.ContentChangedAsync(Engine.Events.ScreenKind.Round, target);
        await projectors.ContentChangedAsync(Engine.Events.ScreenKind.Units, target);
    }
}
