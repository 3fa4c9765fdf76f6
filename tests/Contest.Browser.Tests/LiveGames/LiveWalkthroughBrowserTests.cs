using System.Text.RegularExpressions;
using Contest.Browser.Tests.Events;
using Contest.Engine.Storage;
using Contest.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Contest.Browser.Tests.LiveGames;

/// <summary>
/// A whole live game as the opening ceremony runs it, in Vietnamese: the host at 1920×1080 creates it from the demo
/// bank, three phones at 360×800 join by PIN, the event projector follows every step, and after the end — also once
/// the server has restarted and no longer runs the game — the projector, the host's page and a reloaded phone still
/// show the final ranks. Screenshots of each step go to the artifacts folder as walk-{step}-{who}.png.
/// </summary>
public partial class LiveWalkthroughBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    [GeneratedRegex(@"\b(null|undefined|NaN|Lobby|Question|Reveal|Leaderboard|Podium|Finished)\b")]
    private static partial Regex CodeWords();

    /// <summary>Nothing printed as a code name or "null", and nothing wider than the screen (a phone must never scroll sideways).</summary>
    private static async Task CheckAsync(IPage page, string where)
    {
        var text = await page.EvaluateAsync<string>("document.body.innerText");
        Assert.False(CodeWords().IsMatch(text), $"{where} shows «{CodeWords().Match(text).Value}» in «{text}»");
        var (scroll, width) = (await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), page.ViewportSize!.Width);
        Assert.True(scroll <= width, $"{where} is {scroll} px wide on a {width} px screen");
    }

    private static async Task ShotAsync(IPage page, string name)
    {
        await page.WaitForTimeoutAsync(700); // entrance animations settle
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "walk-" + name + ".png") });
    }

    private async Task<IPage> PhoneAsync(string baseUrl)
    {
        var ctx = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl, ViewportSize = new ViewportSize { Width = 360, Height = 800 }, IsMobile = true, HasTouch = true, DeviceScaleFactor = 2,
        });
        ctx.SetDefaultTimeout(60_000);
        return await ctx.NewPageAsync();
    }

    private static Task<string[]> NamesAsync(IPage projector) => DirectorPages.NamesAsync(projector, "live-board");

    [Fact]
    public async Task A_whole_game_from_the_demo_bank_on_host_phones_and_projector_and_its_results_after_the_end_and_a_restart()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        var env = new Dictionary<string, string>
        {
            ["Contest__DataDirectory"] = db.DataDirectory,
            ["Contest__AdminPassword"] = ContestApp.AdminPassword,
            ["ConnectionStrings__Postgres"] = "",
        };
        var server = ContestProcess.Start(env, null);
        ContestProcess? restarted = null;
        try
        {
            await server.WaitReadyAsync(TimeSpan.FromSeconds(120));
            int bankId;
            string[] right;
            await using (var ctx = db.NewContext())
            {
                var bank = await ctx.QuestionBanks.Include(b => b.Questions).SingleAsync(b => b.Name == "Lịch sử Đoàn TNCS Hồ Chí Minh");
                bankId = bank.Id;
                // Played in bank order (no shuffle): the first three are single choice.
                right = bank.Questions.OrderBy(q => q.Id).Take(3).Select(q => q.Options[q.CorrectOptions[0]]).ToArray();
            }

            // The event and its projector, at the hall's size.
            await using var directorContext = await browser.DesktopAsync(server.BaseUrl);
            var director = await DirectorPages.NewEventAsync(directorContext, "Lễ khai mạc Tháng Thanh niên");
            await using var projectorContext = await browser.DesktopAsync(server.BaseUrl, 1920, 1080);
            var (projector, _) = await DirectorPages.ProjectorAsync(projectorContext, await DirectorPages.ProjectorLinkAsync(director));
            var screen = projector.Locator("#screen");

            // The host creates the game from the demo bank: accuracy, 1000 points, 3 questions.
            await using var hostContext = await browser.DesktopAsync(server.BaseUrl, 1920, 1080);
            var host = await hostContext.NewPageAsync();
            var pin = await LiveHostSteps.CreateGameAsync(host, bankId, 3, async h =>
            {
                await h.SelectOptionAsync("#Scoring", "Accuracy");
                await h.FillAsync("#Points", "1000");
            });
            var gameId = host.Url.Split('/').Last();
            await director.ReloadAsync(); // its list of games was read before this one existed
            await DirectorPages.ShowAsync(director, "LiveGame", gameId);
            await Expect(screen).ToHaveAttributeAsync("data-phase", "Lobby");

            var names = new[] { "Minh Anh", "Quốc Bảo", "Thu Hà" };
            var phones = new List<IPage>();
            foreach (var name in names)
            {
                var phone = await PhoneAsync(server.BaseUrl);
                await phone.GotoAsync($"/play?pin={pin}");
                if (phones.Count == 0) { await CheckAsync(phone, "phone join"); await ShotAsync(phone, "1-join-phone"); }
                await phone.FillAsync("[data-testid=nickname]", name);
                await phone.ClickAsync("[data-testid=join]");
                await phone.Locator("[data-testid=waiting]").WaitForAsync();
                phones.Add(phone);
            }
            await Expect(host.Locator("[data-testid=roster-count]")).ToHaveTextAsync("3 người chơi");
            await Expect(projector.Locator(".players")).ToHaveTextAsync("3 👤");
            await CheckAsync(host, "host lobby");
            await CheckAsync(phones[0], "phone lobby");
            await ShotAsync(host, "1-lobby-host");
            await ShotAsync(projector, "1-lobby-projector");
            await ShotAsync(phones[0], "1-lobby-phone");

            // Each question: the clocks move on the host, the phone and the projector; answers; the reveal; the leaderboard.
            // Minh Anh right, wrong, right; Quốc Bảo right ×3; Thu Hà wrong ×3 → Quốc Bảo 3000, Minh Anh 2000, Thu Hà 0.
            var rightOf = new[] { new[] { true, false, true }, new[] { true, true, true }, new[] { false, false, false } };
            for (var q = 0; q < 3; q++)
            {
                if (q == 0) await host.ClickAsync("[data-testid=host-primary]");
                else await host.Keyboard.PressAsync("ArrowRight");
                await Expect(screen).ToHaveAttributeAsync("data-phase", "Question");
                await phones[0].Locator(".answers .answer").First.WaitForAsync();
                var clock = (await projector.Locator(".live-question .clock").InnerTextAsync(), await host.Locator("[data-testid=host-timer] [data-testid=seconds]").InnerTextAsync());
                await Task.Delay(2200);
                Assert.NotEqual(clock, (await projector.Locator(".live-question .clock").InnerTextAsync(), await host.Locator("[data-testid=host-timer] [data-testid=seconds]").InnerTextAsync()));
                var tap = await phones[0].Locator(".answers .answer").First.BoundingBoxAsync();
                Assert.True(tap!.Height >= 48 && tap.Width >= 140, $"answer button {tap.Width}×{tap.Height}");
                foreach (var (page, who) in new[] { (host, "host"), (phones[0], "phone"), (projector, "projector") }) await CheckAsync(page, $"{who} question {q + 1}");
                if (q == 0) { await ShotAsync(host, "2-question-host"); await ShotAsync(phones[0], "2-question-phone"); await ShotAsync(projector, "2-question-projector"); }
                for (var p = 0; p < phones.Count; p++)
                {
                    var answer = phones[p].Locator(".answers .answer", new() { HasText = right[q] });
                    if (!rightOf[p][q]) answer = phones[p].Locator(".answers .answer").Filter(new() { HasNotText = right[q] }).First;
                    await answer.ClickAsync();
                    // The last answer closes the question at once: its phone may go straight on to the reveal.
                    await phones[p].Locator("[data-testid=received], [data-testid=verdict]").First.WaitForAsync();
                }
                await host.Locator("[data-testid=tally]").WaitForAsync();
                await Expect(screen).ToHaveAttributeAsync("data-phase", "Reveal");
                await phones[0].Locator("[data-testid=verdict]").WaitForAsync();
                foreach (var (page, who) in new[] { (host, "host"), (phones[0], "phone"), (projector, "projector") }) await CheckAsync(page, $"{who} reveal {q + 1}");
                if (q == 0) { await ShotAsync(host, "3-reveal-host"); await ShotAsync(phones[0], "3-reveal-phone"); await ShotAsync(projector, "3-reveal-projector"); }
                await host.Keyboard.PressAsync("ArrowRight");
                await Expect(screen).ToHaveAttributeAsync("data-phase", "Leaderboard");
                await host.Locator("[data-testid=standings]").WaitForAsync();
                if (q == 1) { await CheckAsync(host, "host leaderboard"); await ShotAsync(host, "4-leaderboard-host"); await ShotAsync(projector, "4-leaderboard-projector"); }
            }

            // The podium: on the host, the projector (the final screen from the stored ranks) and each phone.
            await host.Keyboard.PressAsync("ArrowRight");
            await host.Locator("[data-testid=podium]").WaitForAsync();
            await Expect(screen).ToHaveAttributeAsync("data-phase", "Podium");
            await Expect(projector.Locator("[data-testid=live-final]")).ToBeVisibleAsync();
            Assert.Equal(["Quốc Bảo", "Minh Anh", "Thu Hà"], await NamesAsync(projector));
            await Expect(phones[0].Locator("[data-testid=final-rank]")).ToHaveTextAsync("2/3");
            foreach (var (page, who) in new[] { (host, "host"), (phones[0], "phone"), (projector, "projector") }) await CheckAsync(page, $"{who} podium");
            await host.WaitForTimeoutAsync(3500); // the podium's three steps
            await ShotAsync(host, "5-podium-host");
            await ShotAsync(projector, "5-podium-projector");
            await ShotAsync(phones[0], "5-podium-phone");

            // The end: the projector moves to the finished screen by itself; the host sees the debrief.
            await host.Keyboard.PressAsync("ArrowRight");
            await host.Locator("[data-testid=debrief]").WaitForAsync();
            await Expect(screen).ToHaveAttributeAsync("data-phase", "Finished");
            await AssertFinalAsync(projector, phones[0], host, "6-end");

            // The server restarts: no activation of the game anywhere. The projector reconnects by itself.
            var port = server.Port;
            await server.DisposeAsync();
            await Expect(projector.Locator("[data-testid=offline]")).ToBeVisibleAsync();
            restarted = ContestProcess.Start(env, port);
            await restarted.WaitReadyAsync(TimeSpan.FromSeconds(120));
            await Expect(projector.Locator("[data-testid=offline]")).ToBeHiddenAsync(new() { Timeout = 30_000 });
            await AssertFinalAsync(projector, phones[0], host, "7-restart");
            // And a projector opened only now, on the new server.
            await projector.ReloadAsync();
            await AssertFinalAsync(projector, phones[0], host, "8-reopened");
        }
        finally
        {
            if (restarted is not null) await restarted.DisposeAsync();
            else await server.DisposeAsync();
        }
    }

    /// <summary>
    /// The final ranks, worked by hand: Quốc Bảo 3 right = 3000, Minh Anh 2 right = 2000, Thu Hà 0. On the projector (marked
    /// finished), on Minh Anh's phone reloaded (2nd of 3), and on the host's page reloaded (the podium and the export link).
    /// </summary>
    private static async Task AssertFinalAsync(IPage projector, IPage phone, IPage host, string step)
    {
        await Expect(projector.Locator("#screen")).ToHaveAttributeAsync("data-phase", "Finished");
        await Expect(projector.Locator(".final-note")).ToContainTextAsync("Trò chơi đã kết thúc · 3 người chơi");
        Assert.Equal(["Quốc Bảo", "Minh Anh", "Thu Hà"], await NamesAsync(projector));
        Assert.Equal(["3.000", "2.000", "0"], await DirectorPages.ScoresAsync(projector, "live-board"));
        Assert.Equal(["1", "2", "3"], await projector.Locator("[data-testid=live-board] li .rank").AllInnerTextsAsync());
        await CheckAsync(projector, $"projector {step}");
        await ShotAsync(projector, step + "-projector");

        await phone.ReloadAsync();
        await Expect(phone.Locator("[data-testid=final-rank]")).ToHaveTextAsync("2/3");
        await Expect(phone.Locator("[data-testid=final-score]")).ToHaveTextAsync("2.000");
        await CheckAsync(phone, $"phone {step}");
        await ShotAsync(phone, step + "-phone");

        await host.ReloadAsync();
        await host.Locator("[data-testid=podium]").WaitForAsync();
        Assert.Equal(["Quốc Bảo", "Minh Anh", "Thu Hà"], await host.Locator("[data-testid=podium] .name").AllInnerTextsAsync());
        await Expect(host.Locator("[data-testid=export]")).ToBeVisibleAsync();
        await CheckAsync(host, $"host {step}");
        await ShotAsync(host, step + "-host");
    }
}
