using System.Net;
using System.Net.Http.Json;
using Contest.Engine.Rounds;
using Contest.Engine.Storage;
using Contest.Testing;
using Contest.Web.Rounds;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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
        RoundSummary created;
        await using (var first = new ContestApp(db))
        {
            var admin = await first.LoginAsync();
            var now = DateTimeOffset.UtcNow;
            // Far enough ahead that a slow CI machine is still inside the first app when it is disposed:
            // Hangfire polls every second, so an earlier open time could run here instead of after the restart.
            created = await CreateRoundAsync(admin, Round(seed, now.AddSeconds(30), now.AddHours(1)));
            Assert.NotNull(created.OpenJobId);
            Assert.NotNull(created.CloseJobId);
        }
        // The first app is gone before the open time: nothing has run.
        Assert.Equal(RoundStatus.Scheduled, (await RoundAsync(db, created.Id)).Status);
        Assert.Empty(await EventsAsync(db, created.Id));

        await using var second = new ContestApp(db);
        _ = second.Services; // starts the host, and with it the Hangfire server
        await WaitForAsync(async () => (await RoundAsync(db, created.Id)).Status == RoundStatus.Open, TimeSpan.FromSeconds(90), "the open job");
        await Task.Delay(TimeSpan.FromSeconds(3));

        var events = await EventsAsync(db, created.Id);
        Assert.Equal(["open"], events.Select(e => e.Kind).ToArray());
        Assert.True(events[0].Changed);
        var job = JobStorageOf(second).GetMonitoringApi().JobDetails(created.OpenJobId);
        Assert.Equal(1, job.History.Count(h => h.StateName == "Succeeded"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_round_opens_by_its_job_and_the_close_job_ranks_it_as_worked_by_hand(StorageProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var seed = await SeedAsync(db);
        await using var app = new ContestApp(db);
        var admin = await app.LoginAsync();
        var p1 = await RegisterAsync(app, seed, "Nguyễn Văn An", "0912000001");
        var p2 = await RegisterAsync(app, seed, "Trần Thị Bình", "0912000002");
        var p3 = await RegisterAsync(app, seed, "Lê Văn Cường", "0912000003");

        var now = DateTimeOffset.UtcNow;
        var round = await CreateRoundAsync(admin, Round(seed, now.AddSeconds(4), now.AddSeconds(70), limitSeconds: 12, integrityChecks: false));
        var early = await p1.PostAsync($"/api/rounds/{round.Id}/attempts", null);
        Assert.Equal("not-open", (await early.Content.ReadFromJsonAsync<ApiError>())!.Code);
        // Hangfire on SQLite polls its queue every 15 s, so the open can come that late.
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
        Assert.Equal("attempts-used", (await again.Content.ReadFromJsonAsync<ApiError>())!.Code);

        // P2: both right, then the phone drops; logging in again on a new client resumes the same attempt with less time.
        var v2 = await StartAsync(p2, round.Id);
        await AnswerAsync(p2, v2, right: 2);
        var p2Again = app.NewClient();
        await AccountFlows.LoginAsync(p2Again, "0912000002", Password);
        var resumed = await StartAsync(p2Again, round.Id);
        Assert.Equal(v2.AttemptId, resumed.AttemptId);
        Assert.InRange(resumed.MillisecondsLeft, 1, 12_000);
        Assert.All(resumed.Questions, q => Assert.True(q.Answered));
        Assert.Equal(HttpStatusCode.OK, (await p2Again.PostAsJsonAsync($"/api/rounds/attempts/{v2.AttemptId}/submit", new SubmitRequest(5))).StatusCode);

        // P3: one right, predicts 2, never submits: the 12 s run out.
        var v3 = await StartAsync(p3, round.Id);
        await AnswerAsync(p3, v3, right: 1);
        Assert.Equal(HttpStatusCode.NoContent, (await p3.PutAsJsonAsync($"/api/rounds/attempts/{v3.AttemptId}/prediction", new PredictRequest(2))).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await p1.GetAsync($"/api/rounds/{round.Id}/results")).StatusCode);

        // The close job runs at the close time; no publish time was set, so it publishes at once.
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
        Assert.Equal("The round must close after it opens.", (await refused.Content.ReadFromJsonAsync<ApiError>())!.Error);
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

    private static JobStorage JobStorageOf(ContestApp app) => app.Services.GetRequiredService<JobStorage>();
}
