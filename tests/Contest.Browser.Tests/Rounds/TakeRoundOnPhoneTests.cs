using System.Net.Http.Json;
using Contest.Engine.Contests;
using Contest.Engine.Rounds;
using Contest.Engine.Storage;
using Contest.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Contest.Browser.Tests.Rounds;

public class TakeRoundOnPhoneTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_participant_registers_takes_a_round_on_a_phone_predicts_and_sees_the_results_after_close()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var server = await ContestProcess.StartAsync(db);

        int contestId, bankId, unitId;
        string unitName;
        await using (var ctx = db.NewContext())
        {
            contestId = await ctx.Contests.Where(c => c.Kind == ContestKind.OnlineRound).Select(c => c.Id).FirstAsync();
            bankId = await ctx.QuestionBanks.Where(b => b.Language == "vi").Select(b => b.Id).FirstAsync();
            var unit = await ctx.Units.Where(u => u.ParentId != null).OrderBy(u => u.Id).Select(u => new { u.Id, u.Name }).FirstAsync();
            (unitId, unitName) = (unit.Id, unit.Name);
        }
        using var admin = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = new Uri(server.BaseUrl) };
        await AccountFlows.LoginAsync(admin, ContestApp.AdminUser, ContestApp.AdminPassword);
        var now = DateTimeOffset.UtcNow;
        var created = await admin.PostAsJsonAsync("/api/rounds", new ContestRound
        {
            ContestId = contestId, Name = "Tuần 1 — Lịch sử Đoàn", OpensAt = now.AddSeconds(2), ClosesAt = now.AddSeconds(50),
            TimeLimitSeconds = 300, AttemptsAllowed = 1, Selection = SelectionMode.Random, BankIds = [bankId], QuestionCount = 3,
            PredictionQuestion = "Có bao nhiêu người trả lời đúng cả 3 câu?",
            // The test answers faster than anyone reads: with the checks on, the review queue would hold the publish it waits for.
            IntegrityChecks = false,
        });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var roundId = (await created.Content.ReadFromJsonAsync<Contest.Web.Rounds.RoundSummary>())!.Id;

        await using var context = await browser.PhoneAsync(server.BaseUrl);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/rounds");
        await page.ClickAsync("[data-testid=register-link]");
        await page.FillAsync("#FullName", "Nguyễn Thị Hoa");
        await page.FillAsync("#DateOfBirth", "2002-03-26");
        await Units.UnitPickerSteps.ChooseAsync(page, "UnitId", unitName, unitId);
        await page.FillAsync("#Phone", "0912 345 678");
        await page.FillAsync("#Password", "Hoa-2002-Doan");
        await BrowserFixture.ShotAsync(page, "rounds-register-phone");
        await page.ClickAsync("[data-testid=register-submit]");
        await page.WaitForURLAsync("**/rounds");

        // The round opens by its job; the list shows the take button once it has.
        var take = page.Locator($"[data-testid=take-{roundId}]");
        for (var i = 0; i < 60 && await take.CountAsync() == 0; i++)
        {
            await Task.Delay(500);
            await page.ReloadAsync();
        }
        await BrowserFixture.ShotAsync(page, "rounds-list-phone");
        await take.ClickAsync();
        await page.WaitForURLAsync("**/rounds/attempt/**");

        for (var q = 1; q <= 3; q++)
        {
            var question = page.Locator($"[data-testid=question-{q}]");
            try
            {
                await question.WaitForAsync();
            }
            catch (TimeoutException)
            {
                // Seen once in CI and never since: say what the phone showed and what the server logged instead.
                var shown = await page.Locator("body").InnerTextAsync();
                var log = server.Output;
                Assert.Fail($"question {q} never showed at {page.Url}; the page said:\n{shown[..Math.Min(shown.Length, 1500)]}\nserver log:\n{log[Math.Max(0, log.Length - 4000)..]}");
            }
            if (q == 1) await BrowserFixture.ShotAsync(page, "rounds-question-phone");
            var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
            Assert.True(scrollWidth <= 360, $"page scrolls sideways: {scrollWidth}");
            await AnswerAnyAsync(question);
            await page.ClickAsync(q < 3 ? "[data-testid=next]" : "[data-testid=to-prediction]");
        }
        await page.FillAsync("[data-testid=prediction]", "1");
        await BrowserFixture.ShotAsync(page, "rounds-prediction-phone");
        var submit = await page.Locator("[data-testid=submit]").BoundingBoxAsync();
        Assert.True(submit!.Height >= 48, $"submit height {submit.Height}");
        await page.ClickAsync("[data-testid=submit]");
        await page.Locator("[data-testid=attempt-done]").WaitForAsync();

        await page.GotoAsync($"/rounds/{roundId}/results");
        Assert.Equal(1, await page.Locator("[data-testid=results-not-yet]").CountAsync());

        // The close job ranks and publishes at the close time.
        for (var i = 0; i < 120; i++)
        {
            await using var ctx = db.NewContext();
            if (await ctx.Set<ContestRound>().AnyAsync(r => r.Id == roundId && r.Status == RoundStatus.Published)) break;
            await Task.Delay(500);
        }
        await page.GotoAsync($"/rounds/{roundId}/results");
        var ranking = page.Locator("[data-testid=ranking]");
        await ranking.WaitForAsync();
        var rows = await ranking.Locator("tr").AllInnerTextsAsync();
        // One participant: rank 1, with the prediction 1 shown.
        Assert.Equal(2, rows.Count);
        Assert.StartsWith("1", rows[1].Trim());
        Assert.Contains("Nguyễn Thị Hoa", rows[1]);
        await BrowserFixture.ShotAsync(page, "rounds-results-phone");

        await page.GotoAsync("/rounds/me");
        Assert.Contains("Tuần 1", await page.Locator("[data-testid=past-attempts]").InnerTextAsync());
    }

    /// <summary>Gives some answer whatever the question type: the first option, a typed word, or the shown order.</summary>
    private static async Task AnswerAnyAsync(ILocator question)
    {
        var choices = question.Locator(".option input");
        if (await choices.CountAsync() > 0) { await choices.First.CheckAsync(); return; }
        var typed = question.Locator("input[name^=t]");
        if (await typed.CountAsync() > 0) { await typed.FillAsync("Bác"); return; }
        var selects = question.Locator(".order-item select");
        var n = await selects.CountAsync();
        for (var i = 0; i < n; i++) await selects.Nth(i).SelectOptionAsync((i + 1).ToString());
    }
}
