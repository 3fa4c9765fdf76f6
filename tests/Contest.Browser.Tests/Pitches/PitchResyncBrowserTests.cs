using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Contest.Engine.Storage;
using Contest.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Contest.Browser.Tests.Pitches;

/// <summary>
/// A judge's phone when its node's Redis backplane comes back (docs/live-protocol.md, "Re-sync"): one node with Redis,
/// so every push goes through the backplane. The push that puts a team on stage is dropped in the judge's WebSocket
/// (as a push published while the node re-subscribes is lost); once the node's backplane is cut and back, the page asks
/// for the round again and names the team on stage.
/// </summary>
public class PitchResyncBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string JudgePassword = "Judge-Pass-123";

    [Fact]
    public async Task Once_the_backplane_is_back_a_judge_sees_the_team_put_on_stage_while_its_push_was_lost()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Postgres);
        var prefix = $"test-{Guid.NewGuid():N}:";
        await using var server = await ContestProcess.StartAsync(db, new Dictionary<string, string>
        {
            // The demo's pitch final (teams, rubric) on the empty PostgreSQL database.
            ["ConnectionStrings__Redis"] = TestServers.Redis, ["Contest__RedisPrefix"] = prefix, ["Contest__Demo"] = "true",
        });
        using var admin = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = new Uri(server.BaseUrl) };
        await AccountFlows.LoginAsync(admin, ContestApp.AdminUser, ContestApp.AdminPassword);
        var roundId = (await admin.GetFromJsonAsync<JsonElement>("/api/pitch/rounds"))[0].GetProperty("id").GetInt32();
        var setup = $"/admin/pitches/round/{roundId}";
        var created = await admin.PostAsync($"{setup}?handler=CreateJudge", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = "gk1", ["displayName"] = "Giám khảo 1", ["password"] = JudgePassword,
            ["__RequestVerificationToken"] = await AccountFlows.AntiforgeryTokenAsync(admin, setup),
        }));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var control = await admin.GetFromJsonAsync<JsonElement>($"/api/pitch/rounds/{roundId}/control");
        var team = control.GetProperty("teams").EnumerateArray().Select(t => (Id: t.GetProperty("id").GetInt32(), Name: t.GetProperty("name").GetString()!)).First();

        await using var phone = await browser.PhoneAsync(server.BaseUrl);
        var judge = await phone.NewPageAsync();
        var socket = new DroppingSocket();
        await judge.RouteWebSocketAsync("**/hubs/pitch**", SignalRRelay.Through(socket.Keep));
        await judge.GotoAsync("/account/login?ReturnUrl=" + Uri.EscapeDataString($"/pitch/judge/{roundId}"));
        await judge.FillAsync("#UserName", "gk1");
        await judge.FillAsync("#Password", JudgePassword);
        await judge.ClickAsync("button[type=submit]");
        await judge.WaitForURLAsync($"**/pitch/judge/{roundId}");
        await Expect(judge.Locator("[data-testid=save]").First).ToBeVisibleAsync();
        await socket.Joined.WaitAsync(TimeSpan.FromSeconds(10));
        var before = await judge.Locator("#live-label").InnerTextAsync();
        Assert.DoesNotContain(team.Name, before);

        // The organizer puts the team on stage; the judge's push of it is dropped (the fence: it was pushed and dropped).
        socket.DropLiveChanges = true;
        Assert.True((await admin.PostAsJsonAsync($"/api/pitch/rounds/{roundId}/current", new { teamId = team.Id })).IsSuccessStatusCode);
        await socket.FirstDrop.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(before, await judge.Locator("#live-label").InnerTextAsync());
        socket.DropLiveChanges = false;

        // Backplane cut and back: the page is told to re-sync, asks again and names the team on stage.
        await BackplaneCut.CutAsync(prefix);
        await Expect(judge.Locator("#live-label")).ToContainTextAsync(team.Name, new() { Timeout = 20_000 });
        Assert.True(socket.SawResync, "the team showed without a re-sync");
        await BrowserFixture.ShotAsync(judge, "pitch-judge-resync-360");
    }

    /// <summary>What the judge page's hub WebSocket lets through: everything but pushed round changes while told to drop them.</summary>
    private sealed class DroppingSocket
    {
        private readonly TaskCompletionSource _firstDrop = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _joined = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public volatile bool DropLiveChanges;
        public volatile bool SawResync;

        public Task FirstDrop => _firstDrop.Task;

        /// <summary>The page's JoinAsJudge answered: from now on the round's pushes reach this connection.</summary>
        public Task Joined => _joined.Task;

        public bool Keep(string message)
        {
            if (message.Contains("\"type\":3")) _joined.TrySetResult();
            if (message.Contains("\"target\":\"Resync\"")) SawResync = true;
            if (!DropLiveChanges || !message.Contains("\"target\":\"LiveChanged\"")) return true;
            _firstDrop.TrySetResult();
            return false;
        }
    }
}
