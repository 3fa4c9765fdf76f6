using System.Net;
using System.Net.Http.Json;
using Contest.Engine.Rounds;
using Contest.Engine.Storage;
using Contest.Testing;
using Contest.Web.Rounds;
using Hangfire;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static Contest.Web.Tests.Rounds.RoundTestKit;

namespace Contest.Web.Tests.Rounds;

/// <summary>Rounds run by their Hangfire jobs on the real app, on SQLite and on PostgreSQL (Hangfire on the same store).</summary>
public class RoundJobsTests
{
    public static TheoryData<StorageProvider> Providers => [StorageProvider.Sqlite, StorageProvider.Postgres];

    [Theory, MemberData(nameof(Providers))]
    public async Task A_job_scheduled_before_a_restart_runs_once_after_it(StorageProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var seed = await SeedAsync(db);
        // Only the Hangfire job may open this round: the sweeper's safety net waits an hour here.
        var noSweep = new Dictionary<string, string> { ["Contest:Rounds:SweepSeconds"] = "3600" };
        RoundSummary created;
        await using (var contest = new ContestApp(db, noSweep))
        {
            // The first app schedules the jobs but runs no Hangfire server, as if it went down at once: nothing can
            // run before the restart however slow the machine, so the open time needs no margin (it was 30 s ahead).
            var removed = 0;
            await using var first = contest.WithWebHostBuilder(b => b.ConfigureTestServices(s => removed = WithoutJobServer(s)));
            var admin = first.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
            await AccountFlows.LoginAsync(admin, ContestApp.AdminUser, ContestApp.AdminPassword);
            Assert.True(removed > 0, "no Hangfire server registration found to leave out");
            var now = DateTimeOffset.UtcNow;
            created = await CreateRoundAsync(admin, Round(seed, now.AddSeconds(2), now.AddHours(1)));
            Assert.NotNull(created.OpenJobId);
            Assert.NotNull(created.CloseJobId);
        }
        // The first app is gone and ran no job: nothing has run.
        Assert.Equal(RoundStatus.Scheduled, (await RoundAsync(db, created.Id)).Status);
        Assert.Empty(await EventsAsync(db, created.Id));

        await using var second = new ContestApp(db, noSweep);
        _ = second.Services; // starts the host, and with it the Hangfire server
        await WaitForAsync(async () => (await RoundAsync(db, created.Id)).Status == RoundStatus.Open, TimeSpan.FromSeconds(90), "the open job");
        // Fence: the job's Succeeded state, which Hangfire records after the body returned. A job in a final state
        // is not fetched again, so any second run was already under way by then: it shows as a second Processing
        // state in the history (checked below), before or beside its "open" event.
        var monitor = JobStorageOf(second).GetMonitoringApi();
        await WaitForAsync(() => Task.FromResult(monitor.JobDetails(created.OpenJobId).History.Any(h => h.StateName == "Succeeded")), TimeSpan.FromSeconds(30), "the open job's Succeeded state");

        var events = await EventsAsync(db, created.Id);
        Assert.Equal(["open"], events.Select(e => e.Kind).ToArray());
        Assert.True(events[0].Changed);
        var job = monitor.JobDetails(created.OpenJobId);
        Assert.Equal(1, job.History.Count(h => h.StateName == "Succeeded"));
        Assert.Equal(1, job.History.Count(h => h.StateName == "Processing"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_round_opens_by_its_job_and_the_close_job_ranks_it_as_worked_by_hand(StorageProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var seed = await SeedAsync(db);
        // The round's times pass on the app's clock, moved by the test; the jobs run through Hangfire when due.
        var clock = DayAheadClock();
        await using var app = new ContestApp(db, clock: clock);
        var admin = await app.LoginAsync();
        var p1 = await RegisterAsync(app, seed, "Nguyễn Văn An", "0912000001");
        var p2 = await RegisterAsync(app, seed, "Trần Thị Bình", "0912000002");
        var p3 = await RegisterAsync(app, seed, "Lê Văn Cường", "0912000003");

        var now = clock.GetUtcNow();
        var round = await CreateRoundAsync(admin, Round(seed, now.AddSeconds(4), now.AddSeconds(70), limitSeconds: 12, integrityChecks: false));
        var early = await p1.PostAsync($"/api/rounds/{round.Id}/attempts", null);
        Assert.Equal("not-open", (await early.Content.ReadFromJsonAsync<ProblemBody>())!.Code);
        // The open time comes; the open job runs. (Moves stay under the sweeper's 15 s grace: the jobs, not the
        // safety net, open and close this round.)
        clock.Advance(TimeSpan.FromSeconds(4));
        RunJobNow(app, round.OpenJobId);
        await WaitForAsync(async () => (await RoundAsync(db, round.Id)).Status == RoundStatus.Open, TimeSpan.FromSeconds(60), "the open job");

        // P1: both right, predicts 2, submits. The reply says nothing about correctness.
        var v1 = await StartAsync(p1, round.Id);
        await AnswerAsync(p1, v1, right: 2);
        var submitted = await p1.PostAsJsonAsync($"/api/rounds/attempts/{v1.AttemptId}/submit", new SubmitRequest(2));
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        var body = await submitted.Content.ReadAsStringAsync();
        Assert.DoesNotContain("correct", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Hội nghị BCH", body);

        // P1 tries a second attempt: refused.
        var again = await p1.PostAsync($"/api/rounds/{round.Id}/attempts", null);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal("attempts-used", (await again.Content.ReadFromJsonAsync<ProblemBody>())!.Code);

        // P2: both right, then the phone drops; logging in again on a new client resumes the same attempt with less time.
        var v2 = await StartAsync(p2, round.Id);
        await AnswerAsync(p2, v2, right: 2);
        clock.Advance(TimeSpan.FromSeconds(2));
        var p2Again = app.NewClient();
        await AccountFlows.LoginAsync(p2Again, "0912000002", Password);
        var resumed = await StartAsync(p2Again, round.Id);
        Assert.Equal(v2.AttemptId, resumed.AttemptId);
        Assert.InRange(resumed.MillisecondsLeft, 1, 10_000); // 12 s less the 2 s the clock moved
        Assert.All(resumed.Questions, q => Assert.True(q.Answered));
        Assert.Equal(HttpStatusCode.OK, (await p2Again.PostAsJsonAsync($"/api/rounds/attempts/{v2.AttemptId}/submit", new SubmitRequest(5))).StatusCode);

        // P3: one right, predicts 2, never submits: the 12 s run out.
        var v3 = await StartAsync(p3, round.Id);
        await AnswerAsync(p3, v3, right: 1);
        Assert.Equal(HttpStatusCode.NoContent, (await p3.PutAsJsonAsync($"/api/rounds/attempts/{v3.AttemptId}/prediction", new PredictRequest(2))).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await p1.GetAsync($"/api/rounds/{round.Id}/results")).StatusCode);

        // The close job runs at the close time (P3's 12 s ran out long before); no publish time was set, so it
        // publishes at once.
        clock.Advance(round.ClosesAt - clock.GetUtcNow());
        RunJobNow(app, round.CloseJobId);
        await WaitForAsync(async () => (await RoundAsync(db, round.Id)).Status == RoundStatus.Published, TimeSpan.FromSeconds(120), "the close job");

        var results = (await p1.GetFromJsonAsync<RoundResultsView>($"/api/rounds/{round.Id}/results"))!;
        // All correct: P1 and P2 → 2. P1 predicted 2 (error 0), P2 predicted 5 (error 3): P1 1st, P2 2nd. P3 has 1 right: 3rd.
        Assert.Equal(2, results.AllCorrectCount);
        Assert.Equal([(1, "Nguyễn Văn An", 2, 0), (2, "Trần Thị Bình", 2, 3), (3, "Lê Văn Cường", 1, 0)],
            results.Ranking.Select(r => (r.Rank, r.FullName, r.Correct, r.PredictionError!.Value)).ToArray());
        Assert.Equal("Nguyễn Văn An", results.Prizes.Single().Winner);

        await using var ctx = db.NewContext();
        Assert.Equal(AttemptEnd.TimedOut, (await ctx.Set<RoundAttempt>().SingleAsync(a => a.Id == v3.AttemptId)).End);
        var events = await EventsAsync(db, round.Id);
        Assert.Equal(1, events.Count(e => e.Kind == "open" && e.Changed));
        Assert.Equal(1, events.Count(e => e.Kind == "close" && e.Changed));
    }

    [Fact]
    public async Task Editing_a_round_replaces_its_jobs_and_bad_input_changes_nothing()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        var seed = await SeedAsync(db);
        await using var app = new ContestApp(db);
        var admin = await app.LoginAsync();
        var opens = DateTimeOffset.UtcNow.AddDays(1);
        var created = await CreateRoundAsync(admin, Round(seed, opens, opens.AddDays(7)));

        var moved = Round(seed, opens.AddDays(1), opens.AddDays(8));
        var edit = await admin.PutAsJsonAsync($"/api/rounds/{created.Id}", moved);
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        var edited = (await edit.Content.ReadFromJsonAsync<RoundSummary>())!;
        Assert.NotEqual(created.OpenJobId, edited.OpenJobId);
        var monitor = JobStorageOf(app).GetMonitoringApi();
        Assert.Equal("Deleted", monitor.JobDetails(created.OpenJobId).History[0].StateName);
        Assert.Equal("Scheduled", monitor.JobDetails(edited.OpenJobId).History[0].StateName);

        var bad = Round(seed, opens, opens.AddHours(-1));
        var refused = await admin.PutAsJsonAsync($"/api/rounds/{created.Id}", bad);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var refusal = (await refused.Content.ReadFromJsonAsync<ProblemBody>())!;
        Assert.Equal("The round must close after it opens.", refusal.Reason);
        Assert.Equal(("round-close-before-open", "Thời điểm đóng phải sau thời điểm mở."), (refusal.Code, refusal.Detail));
        Assert.Equal(opens.AddDays(1), (await RoundAsync(db, created.Id)).OpensAt);

        // A participant may not create rounds; registering twice with one phone is refused.
        var participant = await RegisterAsync(app, seed, "Nguyễn Văn An", "0912000001");
        Assert.Equal(HttpStatusCode.Forbidden, (await participant.PostAsJsonAsync("/api/rounds", Round(seed, opens, opens.AddDays(1)))).StatusCode);
        var dup = await app.NewClient().PostAsJsonAsync("/api/rounds/register", new SignupRequest("Người khác", new DateOnly(2000, 1, 1), seed.UnitId, "+84912000001", null, null, Password));
        Assert.Equal(HttpStatusCode.BadRequest, dup.StatusCode);
        Assert.Contains("\"duplicate\"", await dup.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.NewClient().GetAsync("/api/rounds")).StatusCode);
    }

    private static async Task<AttemptView> StartAsync(HttpClient client, int roundId)
    {
        var r = await client.PostAsync($"/api/rounds/{roundId}/attempts", null);
        if (!r.IsSuccessStatusCode) throw new InvalidOperationException($"{(int)r.StatusCode}: {await r.Content.ReadAsStringAsync()}");
        return (await r.Content.ReadFromJsonAsync<AttemptView>())!;
    }

    /// <summary>Leaves Hangfire's job server (its hosted service) out of an app; returns how many registrations went.</summary>
    private static int WithoutJobServer(IServiceCollection services)
    {
        static bool FromHangfire(ServiceDescriptor d) => !d.IsKeyedService && d.ServiceType == typeof(IHostedService)
            && (d.ImplementationType ?? d.ImplementationFactory?.Method.DeclaringType ?? d.ImplementationInstance?.GetType())?.Assembly.GetName().Name?.StartsWith("Hangfire", StringComparison.Ordinal) == true;
        var hangfire = services.Where(FromHangfire).ToList();
        foreach (var d in hangfire) services.Remove(d);
        return hangfire.Count;
    }

    private static JobStorage JobStorageOf(ContestApp app) => app.Services.GetRequiredService<JobStorage>();
}
