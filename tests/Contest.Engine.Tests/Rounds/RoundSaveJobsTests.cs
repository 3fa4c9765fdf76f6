using Contest.Engine.Rounds;
using Contest.Engine.Storage;
using Contest.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Contest.Engine.Tests.Rounds;

/// <summary>A round is never saved without its jobs, and a failed edit keeps the old round and the old jobs; on SQLite and PostgreSQL.</summary>
public class RoundSaveJobsTests
{
    public static TheoryData<StorageProvider> Providers => [StorageProvider.Sqlite, StorageProvider.Postgres];

    private static readonly DateTimeOffset T0 = new(2023, 3, 6, 1, 0, 0, TimeSpan.Zero);

    [Theory, MemberData(nameof(Providers))]
    public async Task A_new_round_whose_jobs_cannot_be_scheduled_is_not_saved(StorageProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var seed = await RoundFlowTests.SeedAsync(db);
        var jobs = new ListScheduler { FailOn = "close" };
        var clock = new FakeTimeProvider(T0.AddDays(-1));

        await using (var ctx = db.NewContext())
        {
            var template = await ctx.Set<ContestRound>().AsNoTracking().Include(r => r.Prizes).SingleAsync(r => r.Id == seed.RoundId);
            var input = Copy(template, "Tuần 2", T0.AddDays(7));
            await Assert.ThrowsAsync<JobSchedulingFailed>(() => new RoundEditor(ctx, jobs, clock).SaveAsync(input));
        }

        await using (var ctx = db.NewContext())
        {
            // Only the seeded round exists; the open job scheduled before the close job failed was deleted.
            Assert.Equal([seed.RoundId], await ctx.Set<ContestRound>().Select(r => r.Id).ToArrayAsync());
            Assert.Single(jobs.Deleted);
            Assert.Empty(jobs.Live);
        }
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_failed_edit_keeps_the_old_round_and_its_jobs_and_a_good_edit_replaces_them(StorageProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var seed = await RoundFlowTests.SeedAsync(db);
        var jobs = new ListScheduler();
        var clock = new FakeTimeProvider(T0.AddDays(-1));
        ContestRound saved;
        await using (var ctx = db.NewContext())
        {
            var template = await ctx.Set<ContestRound>().AsNoTracking().Include(r => r.Prizes).SingleAsync(r => r.Id == seed.RoundId);
            var (round, error) = await new RoundEditor(ctx, jobs, clock).SaveAsync(Copy(template, "Tuần 2", T0.AddDays(7)));
            Assert.Null(error);
            saved = round!;
        }
        // Open and close jobs (no publish time): 2 live jobs.
        Assert.Equal([$"open {saved.Id} {T0.AddDays(7):O}", $"close {saved.Id} {T0.AddDays(7).AddHours(1):O}"], jobs.Live.Values.ToArray());
        var oldIds = new[] { saved.OpenJobId!, saved.CloseJobId! };

        jobs.FailOn = "close";
        await using (var ctx = db.NewContext())
        {
            var moved = Copy(saved, "Tuần 2 (dời)", T0.AddDays(8));
            moved.Id = saved.Id;
            await Assert.ThrowsAsync<JobSchedulingFailed>(() => new RoundEditor(ctx, jobs, clock).SaveAsync(moved));
        }
        await using (var ctx = db.NewContext())
        {
            var now = await ctx.Set<ContestRound>().AsNoTracking().SingleAsync(r => r.Id == saved.Id);
            Assert.Equal(("Tuần 2", T0.AddDays(7), saved.OpenJobId, saved.CloseJobId), (now.Name, now.OpensAt, now.OpenJobId, now.CloseJobId));
        }
        // The old jobs are still there; the new open job scheduled before the failure is gone.
        Assert.Equal(oldIds, jobs.Live.Keys.ToArray());

        jobs.FailOn = null;
        await using (var ctx = db.NewContext())
        {
            var moved = Copy(saved, "Tuần 2 (dời)", T0.AddDays(8));
            moved.Id = saved.Id;
            var (round, error) = await new RoundEditor(ctx, jobs, clock).SaveAsync(moved);
            Assert.Null(error);
            Assert.Equal([$"open {saved.Id} {T0.AddDays(8):O}", $"close {saved.Id} {T0.AddDays(8).AddHours(1):O}"], jobs.Live.Values.ToArray());
            Assert.Equal([round!.OpenJobId!, round.CloseJobId!], jobs.Live.Keys.ToArray());
            Assert.DoesNotContain(oldIds[0], jobs.Live.Keys);
        }
    }

    private static ContestRound Copy(ContestRound r, string name, DateTimeOffset opens) => new()
    {
        ContestId = r.ContestId, Name = name, OpensAt = opens, ClosesAt = opens.AddHours(1), TimeLimitSeconds = r.TimeLimitSeconds,
        AttemptsAllowed = r.AttemptsAllowed, Selection = r.Selection, FixedQuestionIds = [.. r.FixedQuestionIds], PredictionQuestion = r.PredictionQuestion,
        Prizes = r.Prizes.Select(p => new PrizeRule { Kind = p.Kind, Name = p.Name, Count = p.Count, SortOrder = p.SortOrder }).ToList(),
    };

    private sealed class JobSchedulingFailed(string kind) : Exception($"The job store refused the {kind} job.");

    /// <summary>A job store in a list; it refuses the kind named in <see cref="FailOn"/>, as a job store that is down would.</summary>
    private sealed class ListScheduler : IRoundJobScheduler
    {
        private int _next;
        public string? FailOn { get; set; }
        public SortedDictionary<string, string> Live { get; } = new(StringComparer.Ordinal);
        public List<string> Deleted { get; } = [];

        public string ScheduleOpen(int roundId, DateTimeOffset at) => Add("open", roundId, at);
        public string ScheduleClose(int roundId, DateTimeOffset at) => Add("close", roundId, at);
        public string SchedulePublish(int roundId, DateTimeOffset at) => Add("publish", roundId, at);

        public void Delete(string jobId)
        {
            if (Live.Remove(jobId)) Deleted.Add(jobId);
        }

        private string Add(string kind, int roundId, DateTimeOffset at)
        {
            if (FailOn == kind) throw new JobSchedulingFailed(kind);
            var id = $"job{++_next:D3}";
            Live[id] = $"{kind} {roundId} {at:O}";
            return id;
        }
    }
}
