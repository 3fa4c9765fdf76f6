using Contest.Engine.Rounds;
using Hangfire;

namespace Contest.Web.Rounds;

/// <summary>Round jobs as Hangfire delayed jobs, kept in Hangfire's storage so they outlive a restart.</summary>
public sealed class HangfireRoundJobScheduler(IBackgroundJobClient jobs) : IRoundJobScheduler
{
    public string ScheduleOpen(int roundId, DateTimeOffset at) => jobs.Schedule<RoundJobs>(j => j.OpenAsync(roundId), at);
    public string ScheduleClose(int roundId, DateTimeOffset at) => jobs.Schedule<RoundJobs>(j => j.CloseAsync(roundId), at);
    public string SchedulePublish(int roundId, DateTimeOffset at) => jobs.Schedule<RoundJobs>(j => j.PublishAsync(roundId), at);
    public void Delete(string jobId) => jobs.Delete(jobId);
}
