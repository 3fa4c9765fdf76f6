using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Contest.Engine.Storage;
using Contest.Testing;
using Microsoft.Playwright;

namespace Contest.Browser.Tests.Pitches;

public class PitchRoundTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string JudgePassword = "Judge-Pass-123";

    [Fact]
    public async Task Organizer_runs_two_teams_three_phone_judges_score_and_the_projector_ranks_after_each_lock()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var server = await ContestProcess.StartAsync(db);

        // Setup through the admin pages: three judge accounts on the demo final, judge 3 recused from team 2.
        using var admin = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = new Uri(server.BaseUrl) };
        await AccountFlows.LoginAsync(admin, ContestApp.AdminUser, ContestApp.AdminPassword);
        var roundId = (await admin.GetFromJsonAsync<JsonElement>("/api/pitch/rounds"))[0].GetProperty("id").GetInt32();
        var setup = $"/admin/pitches/round/{roundId}";
        foreach (var n in new[] { 1, 2, 3 })
        {
            var created = await admin.PostAsync($"{setup}?handler=CreateJudge", Form(await AccountFlows.AntiforgeryTokenAsync(admin, setup),
                ("userName", $"gk{n}"), ("displayName", $"Giám khảo {n}"), ("password", JudgePassword)));
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        }
        var control = await admin.GetFromJsonAsync<JsonElement>($"/api/pitch/rounds/{roundId}/control");
        var teams = control.GetProperty("teams").EnumerateArray().Select(t => (Id: t.GetProperty("id").GetInt32(), Name: t.GetProperty("name").GetString()!)).ToList();
        var judge3 = control.GetProperty("progress").EnumerateArray().Single(j => j.GetProperty("name").GetString() == "Giám khảo 3").GetProperty("judgeId").GetString()!;
        var conflict = await admin.PostAsync($"{setup}?handler=AddConflict", Form(await AccountFlows.AntiforgeryTokenAsync(admin, setup),
            ("userId", judge3), ("teamId", teams[1].Id.ToString()), ("reason", "Anh ruột của trưởng nhóm")));
        Assert.Equal(HttpStatusCode.Redirect, conflict.StatusCode);

        await using var organizerContext = await browser.DesktopAsync(server.BaseUrl);
        var organizer = await LoginAsync(organizerContext, ContestApp.AdminUser, ContestApp.AdminPassword, $"/pitch/control/{roundId}");
        organizer.Dialog += async (_, d) => await d.AcceptAsync();
        // The round's projector button (organizers only) opens the event projector showing this round.
        await using var projectorContext = await browser.DesktopAsync(server.BaseUrl, 1920, 1080);
        var projector = await projectorContext.NewPageAsync();
        await projector.GotoAsync("/account/login?ReturnUrl=" + Uri.EscapeDataString($"/pitch/screen/{roundId}"));
        await projector.FillAsync("#UserName", ContestApp.AdminUser);
        await projector.FillAsync("#Password", ContestApp.AdminPassword);
        await projector.ClickAsync("button[type=submit]");
        await projector.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/screen/[A-Za-z0-9_-]{20,}$"));
        await Expect(projector.Locator("#screen")).ToHaveAttributeAsync("data-kind", "Pitch");

        var judgeContexts = new List<IBrowserContext>();
        var judges = new List<IPage>();
        foreach (var n in new[] { 1, 2, 3 })
        {
            var ctx = await browser.PhoneAsync(server.BaseUrl);
            judgeContexts.Add(ctx);
            judges.Add(await LoginAsync(ctx, $"gk{n}", JudgePassword, $"/pitch/judge/{roundId}"));
        }
        try
        {
            foreach (var j in judges) await Expect(j.Locator("[data-testid=save]")).ToBeVisibleAsync();

            // Team 1 on stage: every phone follows, and the projector names it.
            await organizer.ClickAsync($"[data-testid=stage-{teams[0].Id}]");
            await Expect(organizer.Locator("[data-testid=current]")).ToHaveTextAsync(teams[0].Name);
            await organizer.ClickAsync("[data-testid=start-pitch]");
            foreach (var j in judges) await Expect(j.Locator("#live-label")).ToContainTextAsync(teams[0].Name);
            await Expect(projector.Locator("[data-testid=current]")).ToHaveTextAsync(teams[0].Name);
            await Expect(projector.Locator("[data-testid=timer]")).ToContainTextAsync("Thuyết trình");

            // Demo rubric: weights 25, 25, 20, 15, 15, all out of 10, so a judge's total = Σ weight × score / 10.
            // Judge 1: all 8 → 80. Judge 2: all 7 → 70. Judge 3: all 9, then "+" on the 4th (weight 15) → 9.5:
            // 90 + 15 × 0.5 / 10 = 90.75. Team 1 = (80 + 70 + 90.75) / 3 = 240.75 / 3 = 80.25.
            await ScoreAsync(judges[0], 8, "Sản phẩm rõ ràng");
            await ScoreAsync(judges[1], 7, null);
            await ScoreAsync(judges[2], 9, null, plusOn: 3);
            await Expect(judges[2].Locator("[data-testid=total]")).ToHaveTextAsync("90,75");
            await BrowserFixture.ShotAsync(judges[0], "pitch-judge-phone");
            await AssertFitsPhoneAsync(judges[0]);

            // The organizer sees every judge done with team 1, then locks it.
            await Expect(organizer.Locator("[data-testid=progress] td.ok")).ToHaveCountAsync(3);
            await BrowserFixture.ShotAsync(organizer, "pitch-control");
            await organizer.ClickAsync($"[data-testid=lock-{teams[0].Id}]");
            await Expect(projector.Locator("[data-testid=ranking] li")).ToHaveCountAsync(1);
            await Expect(projector.Locator("[data-testid=ranking] li .score")).ToHaveTextAsync("80,25");
            await BrowserFixture.ShotAsync(projector, "pitch-projector-after-first-lock");
            await Expect(judges[0].Locator("[data-testid=locked]")).ToBeVisibleAsync();

            // Team 2: judge 3 is recused and sees no score sheet. Judge 1: all 5 → 50; judge 2: all 10 → 100; (50 + 100) / 2 = 75.
            await organizer.ClickAsync($"[data-testid=stage-{teams[1].Id}]");
            foreach (var j in judges) await Expect(j.Locator("#live-label")).ToContainTextAsync(teams[1].Name);
            await Expect(judges[2].Locator("[data-testid=recused]")).ToBeVisibleAsync();
            await ScoreAsync(judges[0], 5, null);
            await ScoreAsync(judges[1], 10, null);
            await organizer.ClickAsync($"[data-testid=lock-{teams[1].Id}]");

            // 80.25 > 75: team 1 stays first.
            await Expect(projector.Locator("[data-testid=ranking] li")).ToHaveCountAsync(2);
            Assert.Equal([teams[0].Name, teams[1].Name], await projector.Locator("[data-testid=ranking] li .name").EvaluateAllAsync<string[]>("els => els.map(e => e.firstChild.textContent)"));
            Assert.Equal(["80,25", "75,00"], await projector.Locator("[data-testid=ranking] li .score").AllInnerTextsAsync());
            await BrowserFixture.ShotAsync(projector, "pitch-projector-after-second-lock");
        }
        finally
        {
            foreach (var c in judgeContexts) await c.DisposeAsync();
        }
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static async Task<IPage> LoginAsync(IBrowserContext context, string user, string password, string target)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login?ReturnUrl=" + Uri.EscapeDataString(target));
        await page.FillAsync("#UserName", user);
        await page.FillAsync("#Password", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**" + target);
        return page;
    }

    /// <summary>Sets every criterion to the same score with its slider, optionally one "+" tap, a comment, and saves.</summary>
    private static async Task ScoreAsync(IPage judge, decimal score, string? comment, int? plusOn = null)
    {
        var sliders = judge.Locator("[data-criterion] input[type=range]");
        var count = await sliders.CountAsync();
        for (var i = 0; i < count; i++) await sliders.Nth(i).FillAsync(score.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (plusOn is { } k) await judge.Locator("[data-criterion]").Nth(k).Locator(".pitch-step").Nth(1).TapAsync();
        if (comment is not null) await judge.Locator("[data-criterion] textarea").First.FillAsync(comment);
        await judge.ClickAsync("[data-testid=save]");
        await Expect(judge.Locator("[data-testid=status]")).ToContainTextAsync("Đã lưu lúc");
    }

    private static async Task AssertFitsPhoneAsync(IPage page)
    {
        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 360, $"judge page scrolls sideways: {scrollWidth}");
        foreach (var target in new[] { ".pitch-step", "[data-testid=save]", ".pitch-tab" })
        {
            var box = await page.Locator(target).First.BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.Height >= 48, $"{target} is {box.Height} px tall");
        }
    }

    private static FormUrlEncodedContent Form(string token, params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)).Append(new("__RequestVerificationToken", token)));
}
