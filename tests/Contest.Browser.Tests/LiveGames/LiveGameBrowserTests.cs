using Contest.Engine.Questions;
using Contest.Engine.Storage;
using Contest.Testing;
using Microsoft.Playwright;

namespace Contest.Browser.Tests.LiveGames;

public class LiveGameBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static async Task<int> AddBankAsync(TestDatabase db)
    {
        await using var ctx = db.NewContext();
        var bank = new QuestionBank
        {
            Name = "Trực tiếp ba câu",
            Questions =
            [
                new Question { Text = "Đoàn thành lập năm nào?", Type = QuestionType.SingleChoice, Options = ["1930", "1941", "1931", "1945"], CorrectOptions = [2], TimeLimitSeconds = 60 },
                new Question { Text = "Chọn hai đáp án đúng", Type = QuestionType.MultipleSelect, Options = ["Đúng 1", "Đúng 2", "Sai 1", "Sai 2"], CorrectOptions = [0, 1], PartialCredit = true, TimeLimitSeconds = 60 },
                new Question { Text = "Ai sáng lập Đoàn?", Type = QuestionType.FillBlank, AcceptedAnswers = ["Hồ Chí Minh"], IgnoreDiacritics = true, TimeLimitSeconds = 60 },
            ],
        };
        ctx.QuestionBanks.Add(bank);
        await ctx.SaveChangesAsync();
        return bank.Id;
    }

    [Fact]
    public async Task A_refused_host_action_is_explained_in_the_host_s_language()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var server = await ContestProcess.StartAsync(db);
        var bankId = await AddBankAsync(db);
        await using var hostContext = await browser.DesktopAsync(server.BaseUrl, 1280, 720);
        var host = await hostContext.NewPageAsync();
        await LiveHostSteps.CreateGameAsync(host, bankId, 3, _ => Task.CompletedTask);

        var shown = new TaskCompletionSource<string>();
        host.Dialog += async (_, d) => { shown.TrySetResult(d.Message); await d.DismissAsync(); };
        // Nobody has joined: the server refuses Start with "no-players"; the page must say so in Vietnamese, not show the server's English.
        await host.ClickAsync("[data-testid=host-primary]");
        Assert.Equal("Chưa có người chơi nào vào phòng.", await shown.Task.WaitAsync(TimeSpan.FromSeconds(30)));
        await Assertions.Expect(host.Locator("[data-testid=host-primary]")).ToBeEnabledAsync();
    }

    [Fact]
    public async Task A_host_and_three_phones_play_three_questions_to_the_podium()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var server = await ContestProcess.StartAsync(db);
        var bankId = await AddBankAsync(db);

        await using var hostContext = await browser.DesktopAsync(server.BaseUrl, 1920, 1080);
        var host = await hostContext.NewPageAsync();
        var pin = await LiveHostSteps.CreateGameAsync(host, bankId, 3, async h =>
        {
            await h.SelectOptionAsync("#Scoring", "Accuracy");
            await h.FillAsync("#Podium", "3");
        });
        Assert.Matches("^[0-9]{6}$", pin);

        var names = new[] { "An", "Bình", "Chi" };
        var phones = new List<IPage>();
        foreach (var name in names)
        {
            var ctx = await browser.PhoneAsync(server.BaseUrl);
            var phone = await ctx.NewPageAsync();
            await phone.GotoAsync("/");
            await phone.FillAsync("#pin", pin);
            await phone.ClickAsync("#join button");
            await phone.WaitForURLAsync($"**/play?pin={pin}");
            await phone.FillAsync("[data-testid=nickname]", name);
            await phone.ClickAsync("[data-testid=join]");
            await phone.Locator("[data-testid=waiting]").WaitForAsync();
            phones.Add(phone);
        }
        await Assertions.Expect(host.Locator("[data-testid=roster] li")).ToHaveCountAsync(3);
        await BrowserFixture.ShotAsync(host, "live-host-lobby");
        await host.ClickAsync("[data-testid=host-primary]");

        // Accuracy scoring, 1000 points each.
        // Q1 (right: 1931, the third option): An and Bình right, Chi wrong.
        foreach (var p in phones) await p.Locator("[data-testid=option-2]").WaitForAsync();
        await BrowserFixture.ShotAsync(phones[0], "live-phone-question");
        await phones[0].ClickAsync("[data-testid=option-2]");
        await phones[1].ClickAsync("[data-testid=option-2]");
        await phones[2].ClickAsync("[data-testid=option-0]");
        await phones[0].Locator("[data-testid=verdict]").WaitForAsync();
        await host.Locator("[data-testid=tally]").WaitForAsync();
        await BrowserFixture.ShotAsync(host, "live-host-reveal");
        await BrowserFixture.ShotAsync(phones[2], "live-phone-reveal");
        await host.Keyboard.PressAsync("ArrowRight"); // leaderboard
        await host.Locator("[data-testid=standings]").WaitForAsync();
        await host.Keyboard.PressAsync("ArrowRight"); // question 2

        // Q2 (right: the first two, partial credit): An both → 1000; Bình only the first → ½ → 500; Chi a wrong one → 0.
        foreach (var p in phones) await p.Locator("[data-testid=option-0]").WaitForAsync();
        await phones[0].ClickAsync("[data-testid=option-0]");
        await phones[0].ClickAsync("[data-testid=option-1]");
        await phones[0].ClickAsync("[data-testid=send]");
        await phones[1].ClickAsync("[data-testid=option-0]");
        await phones[1].ClickAsync("[data-testid=send]");
        await phones[2].ClickAsync("[data-testid=option-3]");
        await phones[2].ClickAsync("[data-testid=send]");
        await host.Locator("[data-testid=tally]").WaitForAsync();
        await host.ClickAsync("[data-testid=host-primary]");
        await host.Locator("[data-testid=standings]").WaitForAsync();
        await BrowserFixture.ShotAsync(host, "live-host-leaderboard");
        await host.ClickAsync("[data-testid=host-primary]");

        // Q3 fill-in "Hồ Chí Minh", diacritics ignored: An "ho chi minh" right, Bình "Hà Nội" wrong, Chi "Hồ Chí Minh" right.
        var typed = new[] { "ho chi minh", "Hà Nội", "Hồ Chí Minh" };
        for (var i = 0; i < 3; i++)
        {
            await phones[i].FillAsync("[data-testid=typed]", typed[i]);
            await phones[i].ClickAsync("[data-testid=send]");
        }
        await host.Locator("[data-testid=tally]").WaitForAsync();
        await host.ClickAsync("[data-testid=host-primary]");
        await host.Locator("[data-testid=standings]").WaitForAsync();
        await host.ClickAsync("[data-testid=host-primary]");

        // Totals: An 3000, Bình 1000 + 500 = 1500, Chi 1000.
        await host.Locator("[data-testid=podium]").WaitForAsync();
        var podium = await host.Locator("[data-testid=podium] li .name").AllInnerTextsAsync();
        Assert.Equal(names, podium);
        Assert.Equal(["3.000", "1.500", "1.000"], await host.Locator("[data-testid=podium] li .score").AllInnerTextsAsync());
        await BrowserFixture.ShotAsync(host, "live-host-podium");
        Assert.Equal("2/3", await phones[1].Locator("[data-testid=final-rank]").InnerTextAsync());
        Assert.Equal("1.500", await phones[1].Locator("[data-testid=final-score]").InnerTextAsync());
        await BrowserFixture.ShotAsync(phones[1], "live-phone-final");
        var scrollWidth = await phones[1].EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 360, $"page scrolls sideways: {scrollWidth}");
        Assert.Equal(200, (await host.APIRequest.GetAsync($"/api/live/games/{host.Url.Split('/').Last()}/results.xlsx")).Status);
    }
}
