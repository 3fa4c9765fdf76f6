using System.Net;
using System.Net.Http.Json;
using Contest.Engine.Rounds;
using Contest.Engine.Storage;
using Contest.Testing;
using Contest.Web.Rounds;
using Microsoft.EntityFrameworkCore;
using static Contest.Web.Tests.Rounds.RoundTestKit;

namespace Contest.Web.Tests.Faults;

/// <summary>
/// Issue 18: a node killed while it ran a round's close job left the round open and unranked for 30 minutes (the job
/// stayed "Processing" until Hangfire's invisibility timeout). Two real nodes on one PostgreSQL; the node that picks
/// the close job is killed with SIGKILL while the job runs; the other node's RoundSweeper closes and ranks the round.
/// </summary>
public class CloseJobFaultTests
{
    [Fact]
    public async Task A_round_closes_and_ranks_within_a_minute_when_the_node_running_its_close_job_is_killed()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Postgres);
        var seed = await SeedAsync(db);
        var env = new Dictionary<string, string>
        {
            // The close job, once fetched, waits 10 minutes before working: the kill always lands inside it.
            ["Contest__Rounds__CloseJobHoldSeconds"] = "600",
            // The sweep at test pace instead of production's 20 s / 15 s, so the test does not wait half a minute for it. The
            // grace stays several times the 1–2 s Hangfire takes to fetch a due job, so neither node's sweep closes the
            // round before the close job has started and its node is killed (the round must still be Open then).
            ["Contest__Rounds__SweepSeconds"] = "2",
            ["Contest__Rounds__SweepGraceSeconds"] = "6",
            ["Logging__LogLevel__Contest.Web.Rounds"] = "Information",
        };
        await using var a = await ContestProcess.StartAsync(db, env);
        await using var b = await ContestProcess.StartAsync(db, env);

        using var admin = Client(a);
        await AccountFlows.LoginAsync(admin, ContestApp.AdminUser, ContestApp.AdminPassword);
        // One participant, signed up before the round exists (sign-up needs only the unit), so that between the round's
        // creation and its close there is only the open job and one attempt (about 4 s on a nice'd run): the close can
        // come 12 s after, not 30.
        using var player = Client(b);
        var signup = await player.PostAsJsonAsync("/api/rounds/register", new SignupRequest("Nguyễn Văn An", new DateOnly(2001, 5, 19), seed.UnitId, "0912000051", null, null, Password));
        Assert.True(signup.IsSuccessStatusCode, await signup.Content.ReadAsStringAsync());

        var closes = DateTimeOffset.UtcNow.AddSeconds(12);
        var round = await CreateRoundAsync(admin, Round(seed, DateTimeOffset.UtcNow.AddMinutes(-1), closes, integrityChecks: false));
        await WaitForAsync(async () => (await RoundAsync(db, round.Id)).Status == RoundStatus.Open, TimeSpan.FromSeconds(20), "the open job");

        // The participant answers one of two right and submits, so the close has someone to rank.
        var view = (await (await player.PostAsync($"/api/rounds/{round.Id}/attempts", null)).Content.ReadFromJsonAsync<AttemptView>())!;
        await AnswerAsync(player, view, right: 1);
        Assert.Equal(HttpStatusCode.OK, (await player.PostAsJsonAsync($"/api/rounds/attempts/{view.AttemptId}/submit", new SubmitRequest(3))).StatusCode);

        // Whichever node fetched the close job dies in the middle of it.
        var started = $"Round {round.Id} close job started";
        await WaitForAsync(() => Task.FromResult(a.Output.Contains(started) || b.Output.Contains(started)), TimeSpan.FromSeconds(60), "the close job to start");
        var (victim, survivor) = a.Output.Contains(started) ? (a, b) : (b, a);
        victim.Kill();
        Assert.Equal(RoundStatus.Open, (await RoundAsync(db, round.Id)).Status);

        // Closing and publishing are two steps (the publish may come with the next sweep): wait for the second, then
        // check when the first happened.
        await WaitForAsync(async () => (await RoundAsync(db, round.Id)).Status is RoundStatus.Published, TimeSpan.FromSeconds(90),
            "the survivor to close and publish the round\n" + survivor.Output);
        var closed = await RoundAsync(db, round.Id);
        Assert.True(closed.ClosedAt - closes < TimeSpan.FromMinutes(1), $"closed {(closed.ClosedAt - closes)?.TotalSeconds:0} s after its close time");
        // Ranked, and published (no later publish time was set), by the sweep on the node still alive.
        Assert.Equal(RoundStatus.Published, closed.Status);
        await using (var ctx = db.NewContext())
        {
            var result = await ctx.Set<RoundResult>().AsNoTracking().SingleAsync(r => r.RoundId == round.Id);
            Assert.Equal((1, 1, view.AttemptId), (result.Rank, result.Correct, result.AttemptId));
        }
        Assert.Contains($"Round {round.Id} is still Open", survivor.Output);
        Assert.Single(await EventsAsync(db, round.Id), e => e is { Kind: "close", Changed: true });
    }

    private static HttpClient Client(ContestProcess node) =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = new Uri(node.BaseUrl) };
}
