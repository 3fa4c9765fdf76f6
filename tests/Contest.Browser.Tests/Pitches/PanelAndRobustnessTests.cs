using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Contest.Engine.Storage;
using Contest.Testing;
using Microsoft.Playwright;

namespace Contest.Browser.Tests.Pitches;

/// <summary>The organizer's panel view and robustness report, seen in a browser at desktop and phone sizes.</summary>
public class PanelAndRobustnessTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Password = "Judge-Pass-123";

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    [Fact]
    public async Task The_control_page_shows_who_scored_the_team_on_stage_and_a_far_off_judge_and_results_show_the_winner_would_change()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var server = await ContestProcess.StartAsync(db);
        using var admin = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = new Uri(server.BaseUrl) };
        await AccountFlows.LoginAsync(admin, ContestApp.AdminUser, ContestApp.AdminPassword);
        var roundId = (await admin.GetFromJsonAsync<JsonElement>("/api/pitch/rounds"))[0].GetProperty("id").GetInt32();
        var setup = $"/admin/pitches/round/{roundId}";
        for (var n = 1; n <= 5; n++)
        {
            var created = await admin.PostAsync($"{setup}?handler=CreateJudge", Form(await AccountFlows.AntiforgeryTokenAsync(admin, setup),
                ("userName", $"gk{n}"), ("displayName", $"Giám khảo {n}"), ("password", Password)));
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        }
        var control = await admin.GetFromJsonAsync<JsonElement>($"/api/pitch/rounds/{roundId}/control");
        var teams = control.GetProperty("teams").EnumerateArray().Select(t => (Id: t.GetProperty("id").GetInt32(), Name: t.GetProperty("name").GetString()!)).ToList();
        var criteria = control.GetProperty("criteria").EnumerateArray().Select(c => c.GetProperty("id").GetInt32()).ToList();

        // Every criterion the same score s, so a judge's total is 10 × s. The demo round uses the trimmed mean.
        // Judge 1: 100, 50, 0; judges 2 and 4: 70, 75, 80; judges 3 and 5: 75, 70, 80 (the engine test's panel):
        // mean → team 1 (78); trimmed mean and z-score → team 3 (80; mean z 0.7348).
        decimal[][] marks = [[10, 5, 0], [7, 7.5m, 8], [7.5m, 7, 8], [7, 7.5m, 8], [7.5m, 7, 8]];
        for (var j = 0; j < 5; j++)
        {
            using var judge = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = new Uri(server.BaseUrl) };
            await AccountFlows.LoginAsync(judge, $"gk{j + 1}", Password);
            for (var t = 0; t < 3; t++)
            {
                var r = await judge.PutAsJsonAsync($"/api/pitch/teams/{teams[t].Id}/scores", new { scores = criteria.Select(c => new { criterionId = c, score = marks[j][t], comment = "" }) });
                Assert.True(r.IsSuccessStatusCode, await r.Content.ReadAsStringAsync());
            }
            // Team 4 on stage: judge 1 has saved it, judge 2 is halfway, the others have not started.
            if (j < 2)
            {
                var some = j == 0 ? criteria : criteria.Take(2).ToList();
                var r = await judge.PutAsJsonAsync($"/api/pitch/teams/{teams[3].Id}/scores", new { scores = some.Select(c => new { criterionId = c, score = 6m, comment = "" }) });
                Assert.True(r.IsSuccessStatusCode, await r.Content.ReadAsStringAsync());
            }
        }
        Assert.True((await admin.PostAsJsonAsync($"/api/pitch/rounds/{roundId}/current", new { teamId = teams[3].Id })).IsSuccessStatusCode);
        for (var t = 0; t < 3; t++) Assert.True((await admin.PostAsJsonAsync($"/api/pitch/teams/{teams[t].Id}/lock", new { })).IsSuccessStatusCode);

        await using var desktop = await browser.DesktopAsync(server.BaseUrl);
        var page = await LoginAsync(desktop, $"/pitch/control/{roundId}");
        var stage = page.Locator("[data-testid=stage-judges]");
        await Expect(stage.Locator("[data-status=Saved]")).ToHaveCountAsync(1);
        await Expect(stage.Locator("[data-status=Saved]")).ToContainTextAsync("Giám khảo 1 đã lưu lúc");
        await Expect(stage.Locator("[data-status=Scoring]")).ToContainTextAsync("Giám khảo 2 đang chấm (2/5)");
        await Expect(stage.Locator("[data-status=NotStarted]")).ToHaveCountAsync(3);
        // Judge 1 is 25 points below the others on the same teams, their usual spread is 2.04: marked.
        var farOff = page.Locator("[data-testid=spread] tr.far-off");
        await Expect(farOff).ToHaveCountAsync(1);
        await Expect(farOff.Locator("th")).ToHaveTextAsync("Giám khảo 1");
        await BrowserFixture.ShotAsync(page, "pitch-control-panel-1366");

        // A third judge saves the team on stage: the organizer's page follows live.
        using (var judge3 = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = new Uri(server.BaseUrl) })
        {
            await AccountFlows.LoginAsync(judge3, "gk3", Password);
            Assert.True((await judge3.PutAsJsonAsync($"/api/pitch/teams/{teams[3].Id}/scores", new { scores = criteria.Select(c => new { criterionId = c, score = 6m, comment = "" }) })).IsSuccessStatusCode);
        }
        await Expect(stage.Locator("[data-status=Saved]")).ToHaveCountAsync(2);

        var results = await desktop.NewPageAsync();
        await results.GotoAsync($"/pitch/results/{roundId}");
        await Expect(results.Locator("[data-testid=winner-verdict]")).ToHaveTextAsync("Đội nhất sẽ khác nếu dùng: Trung bình.");
        await Expect(results.Locator("[data-testid=robustness] tr.moved")).ToHaveCountAsync(3);
        await BrowserFixture.ShotAsync(results, "pitch-results-robustness-1366");

        await using var phone = await browser.PhoneAsync(server.BaseUrl);
        var small = await LoginAsync(phone, $"/pitch/control/{roundId}");
        await Expect(small.Locator("[data-testid=spread] tr.far-off")).ToHaveCountAsync(1);
        await BrowserFixture.ShotAsync(small, "pitch-control-panel-360");
        await small.GotoAsync($"/pitch/results/{roundId}");
        await Expect(small.Locator("[data-testid=robustness]")).ToBeVisibleAsync();
        await BrowserFixture.ShotAsync(small, "pitch-results-robustness-360");
        Assert.True(await small.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 360, "the results page scrolls sideways on a phone");
    }

    private static async Task<IPage> LoginAsync(IBrowserContext context, string target)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login?ReturnUrl=" + Uri.EscapeDataString(target));
        await page.FillAsync("#UserName", ContestApp.AdminUser);
        await page.FillAsync("#Password", ContestApp.AdminPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**" + target);
        return page;
    }

    private static FormUrlEncodedContent Form(string token, params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)).Append(new("__RequestVerificationToken", token)));
}
