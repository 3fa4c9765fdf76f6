using System.Net.Http.Json;
using Contest.Engine.Contests;
using Contest.Engine.Questions;
using Contest.Engine.Rounds;
using Contest.Engine.Rounds.Integrity;
using Contest.Engine.Storage;
using Contest.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Contest.Browser.Tests.Rounds;

/// <summary>
/// Issue 20 end to end, in Vietnamese: three youths take a round on phones; one of them (Cường) also answers every question
/// under the reading floor from a second account (Dũng) in the same browser, so both accounts share the device cookie.
/// The close job ranks but holds the publish; the organizer sees both flagged with their facts, voids Dũng with a reason,
/// lets Cường's entry stand, publishes; the ranks and prizes move as worked by hand, and each sees their own rank chain.
/// </summary>
public class ReviewQueueBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Password = "Doan-2026-Thang3";

    // Three questions, each right answer the second option (options are not shuffled); reading floor 3 s a question.
    //            right  prediction  how
    // An           2        1       honest, 4.5 s a question
    // Bình         3        1       honest
    // Cường        2        2       honest pace, same browser as Dũng
    // Dũng         3        2       Cường's second account: every answer at once
    // Before the review: 2 all right (Bình, Dũng); distances An 1, Bình 1, Cường 0, Dũng 0
    //   → Dũng 1, Bình 2, Cường 3, An 4. One prize per person: Nhất Dũng, Nhì Bình, prediction Cường (An is 1 off).
    // After voiding Dũng: 1 all right (Bình); distances An 0, Bình 0, Cường 1
    //   → Bình 1, An 2 (fewer right than Bình), Cường 3 (prediction 1 further off than An).
    //   Nhất Bình, Nhì An, prediction: Bình and An have won already → Cường.
    [Fact]
    public async Task An_organizer_voids_a_second_account_and_everyone_sees_their_own_rank_chain()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var server = await ContestProcess.StartAsync(db);

        int contestId, unitId;
        List<int> questions;
        await using (var ctx = db.NewContext())
        {
            contestId = await ctx.Contests.Where(c => c.Kind == ContestKind.OnlineRound).Select(c => c.Id).FirstAsync();
            unitId = await ctx.Units.Where(u => u.ParentId != null).OrderBy(u => u.Id).Select(u => u.Id).FirstAsync();
            var bank = new QuestionBank { Name = "Lịch sử Đoàn (kiểm tra rà soát)" };
            bank.Questions.Add(new Question { Type = QuestionType.SingleChoice, Text = "Đoàn thành lập năm nào?", Options = ["1930", "1931", "1945"], CorrectOptions = [1] });
            bank.Questions.Add(new Question { Type = QuestionType.SingleChoice, Text = "Ngày thành lập Đoàn là ngày nào?", Options = ["19/5", "26/3", "2/9"], CorrectOptions = [1] });
            bank.Questions.Add(new Question { Type = QuestionType.SingleChoice, Text = "Đoàn mang tên ai?", Options = ["Lê Duẩn", "Hồ Chí Minh", "Trần Phú"], CorrectOptions = [1] });
            ctx.QuestionBanks.Add(bank);
            await ctx.SaveChangesAsync();
            questions = bank.Questions.Select(q => q.Id).ToList();
        }
        using var admin = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = new Uri(server.BaseUrl) };
        await AccountFlows.LoginAsync(admin, ContestApp.AdminUser, ContestApp.AdminPassword);
        var now = DateTimeOffset.UtcNow;
        var created = await admin.PostAsJsonAsync("/api/rounds", new ContestRound
        {
            ContestId = contestId, Name = "Tuần 2 — Lịch sử Đoàn", OpensAt = now.AddSeconds(3), ClosesAt = now.AddSeconds(110),
            TimeLimitSeconds = 300, AttemptsAllowed = 1, Selection = SelectionMode.Fixed, FixedQuestionIds = questions, ShuffleOptions = false,
            PredictionQuestion = "Có bao nhiêu người trả lời đúng cả 3 câu?", ReadingMinimumMs = 3000, OnePrizePerPerson = true,
            Prizes =
            [
                new PrizeRule { Kind = PrizeKind.RankTier, Name = "Giải Nhất", Count = 1, SortOrder = 1 },
                new PrizeRule { Kind = PrizeKind.RankTier, Name = "Giải Nhì", Count = 1, SortOrder = 2 },
                new PrizeRule { Kind = PrizeKind.ClosestPrediction, Name = "Giải dự đoán", Count = 1, SortOrder = 3 },
            ],
        });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var roundId = (await created.Content.ReadFromJsonAsync<Contest.Web.Rounds.RoundSummary>())!.Id;

        await using var phoneA = await browser.PhoneAsync(server.BaseUrl);
        await using var phoneB = await browser.PhoneAsync(server.BaseUrl);
        await using var phoneC = await browser.PhoneAsync(server.BaseUrl);
        var an = await RegisterAsync(phoneA, "Nguyễn Văn An", "0912000101", unitId);
        var binh = await RegisterAsync(phoneB, "Trần Thị Bình", "0912000102", unitId);
        var cuong = await RegisterAsync(phoneC, "Lê Văn Cường", "0912000103", unitId);
        var pageA = await phoneA.NewPageAsync();
        var pageB = await phoneB.NewPageAsync();
        var pageC = await phoneC.NewPageAsync();
        await Task.WhenAll(
            TakeAsync(pageA, roundId, [true, true, false], 1, honest: true),
            TakeAsync(pageB, roundId, [true, true, true], 1, honest: true),
            TakeAsync(pageC, roundId, [true, false, true], 2, honest: true));
        // The attempt rule and what voiding means, stated on the round page in the participant's language.
        await pageA.GotoAsync("/rounds");
        await pageA.ClickAsync($"[data-testid=rules-{roundId}] summary");
        Assert.Equal("Mỗi người được thi một lượt trong vòng này (một lượt mỗi tuần).", await pageA.Locator($"[data-testid=rules-{roundId}] [data-testid=rules-attempt]").InnerTextAsync());
        Assert.StartsWith("Bài dự thi bị ban tổ chức hủy", await pageA.Locator($"[data-testid=rules-{roundId}] [data-testid=rules-voided]").InnerTextAsync());
        await BrowserFixture.ShotAsync(pageA, "review-round-rules-phone");

        // The second account, registered and played in Cường's browser: the same device cookie.
        var dung = await RegisterAsync(phoneC, "Phạm Văn Dũng", "0912000104", unitId);
        await TakeAsync(pageC, roundId, [true, true, true], 2, honest: false);

        // The close job ranks, then holds the publish: flagged entries await a decision.
        await WaitForAsync(db, roundId, RoundStatus.Closed, TimeSpan.FromSeconds(150));
        await using (var ctx = db.NewContext())
        {
            for (var i = 0; i < 60 && !await ctx.Set<RoundEvent>().AnyAsync(e => e.RoundId == roundId && e.Kind == "publish" && e.Detail.StartsWith("held")); i++) await Task.Delay(500);
            Assert.True(await ctx.Set<RoundEvent>().AnyAsync(e => e.RoundId == roundId && e.Kind == "publish" && e.Detail.StartsWith("held: 2 ")));
            Assert.Equal(RoundStatus.Closed, (await ctx.Set<ContestRound>().SingleAsync(r => r.Id == roundId)).Status);
            Assert.Equal([(1, dung), (2, binh), (3, cuong), (4, an)], await RanksAsync(ctx, roundId));
        }
        await pageA.GotoAsync($"/rounds/{roundId}/results");
        Assert.Equal(1, await pageA.Locator("[data-testid=results-not-yet]").CountAsync());

        await using var orgPhone = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseUrl, ViewportSize = new ViewportSize { Width = 360, Height = 800 }, IsMobile = true, HasTouch = true,
        });
        await using var orgWide = await browser.DesktopAsync(server.BaseUrl, 1920, 1080);
        orgPhone.SetDefaultTimeout(60_000);
        var org = await orgWide.NewPageAsync();
        var orgSmall = await orgPhone.NewPageAsync();
        await SignInAsync(org, ContestApp.AdminUser, ContestApp.AdminPassword, $"/admin/rounds/edit/{roundId}");
        await SignInAsync(orgSmall, ContestApp.AdminUser, ContestApp.AdminPassword, $"/admin/rounds/edit/{roundId}");
        var held = await org.Locator("[data-testid=publish-held]").InnerTextAsync();
        Assert.Contains("đang bị giữ lại", held);
        Assert.Contains("còn 2 bài dự thi", held);
        await BrowserFixture.ShotAsync(org, "review-held-round-1920");
        await org.ClickAsync("[data-testid=review-link]");
        await org.WaitForURLAsync($"**/admin/rounds/review/{roundId}");

        // Dũng first (too fast and a shared device weigh more than a shared device alone), each with the other named and linked.
        var cards = await org.Locator("[data-testid=review-queue] > li").AllAsync();
        var order = new List<string>();
        foreach (var c in cards) order.Add(await c.GetAttributeAsync("data-testid") ?? "");
        Assert.Equal([$"flagged-{dung}", $"flagged-{cuong}"], order);
        var dungCard = org.Locator($"[data-testid=flagged-{dung}]");
        var fast = await dungCard.Locator("[data-testid=flag-TooFast]").InnerTextAsync();
        Assert.Contains("Trả lời quá nhanh", fast);
        Assert.Contains("3/3 câu trả lời nhanh hơn thời gian đọc tối thiểu", fast);
        Assert.Contains("cần ít nhất 9,0 giây để đọc", fast);
        var device = await dungCard.Locator("[data-testid=flag-SharedDevice]").InnerTextAsync();
        Assert.Contains("2 tài khoản trên cùng một thiết bị", device);
        var partner = dungCard.Locator($"[data-testid=flag-SharedDevice] [data-testid=other-{cuong}]");
        Assert.Equal("Lê Văn Cường", await partner.InnerTextAsync());
        Assert.Equal($"#p-{cuong}", await partner.GetAttributeAsync("href"));
        Assert.Equal("Phạm Văn Dũng", await org.Locator($"[data-testid=flagged-{cuong}] [data-testid=flag-SharedDevice] [data-testid=other-{dung}]").InnerTextAsync());
        Assert.Equal(0, await org.Locator($"[data-testid=flagged-{cuong}] [data-testid=flag-TooFast]").CountAsync());
        await BrowserFixture.ShotAsync(org, "review-queue-1920");
        await orgSmall.GotoAsync($"/admin/rounds/review/{roundId}");
        await BrowserFixture.ShotAsync(orgSmall, "review-queue-360");
        Assert.True(await orgSmall.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 360, "the review queue scrolls sideways on a phone");

        // Voiding needs a reason; the page says so in Vietnamese and keeps the entry in the queue.
        await org.ClickAsync($"[data-testid=void-{dung}]");
        Assert.Equal("Hãy ghi lý do hủy bài dự thi.", await org.Locator("[data-testid=decide-error]").InnerTextAsync());
        await org.FillAsync($"#reason-{dung}", "Tài khoản thứ hai của Lê Văn Cường trên cùng thiết bị; trả lời cả 3 câu trong chưa đến 3 giây.");
        await org.ClickAsync($"[data-testid=void-{dung}]");
        await org.Locator("[data-testid=review-message]").WaitForAsync();
        Assert.Contains("Phạm Văn Dũng", await org.Locator("[data-testid=review-message]").InnerTextAsync());
        Assert.Equal(0, await org.Locator("[data-testid=publish-now]").CountAsync());
        // Undone before publish: Dũng is back in the ranking and the queue; the undone decision stays listed with who and when.
        await org.ClickAsync($"[data-testid=undo-{dung}]");
        await org.Locator($"[data-testid=flagged-{dung}]").WaitForAsync();
        Assert.StartsWith("Đã hoàn tác quyết định về bài dự thi của Phạm Văn Dũng", await org.Locator("[data-testid=review-message]").InnerTextAsync());
        var undoneRow = await org.Locator("[data-testid=review-undone] tbody tr").InnerTextAsync();
        Assert.Contains("Đã hủy", undoneRow);
        Assert.Contains(ContestApp.AdminUser, undoneRow);
        await using (var ctx = db.NewContext()) Assert.Equal([(1, dung), (2, binh), (3, cuong), (4, an)], await RanksAsync(ctx, roundId));
        await BrowserFixture.ShotAsync(org, "review-undone-1920");
        await org.FillAsync($"#reason-{dung}", "Tài khoản thứ hai của Lê Văn Cường trên cùng thiết bị; trả lời cả 3 câu trong chưa đến 3 giây.");
        await org.ClickAsync($"[data-testid=void-{dung}]");
        await org.Locator($"[data-testid=decided-{dung}]").WaitForAsync();
        await org.FillAsync($"#reason-{cuong}", "Tài khoản chính, làm bài bình thường; tài khoản thứ hai đã bị hủy.");
        await org.ClickAsync($"[data-testid=clear-{cuong}]");
        await org.Locator("[data-testid=review-empty]").WaitForAsync();
        await BrowserFixture.ShotAsync(org, "review-decided-1920");
        await orgSmall.GotoAsync($"/admin/rounds/review/{roundId}");
        await BrowserFixture.ShotAsync(orgSmall, "review-decided-360");
        Assert.True(await orgSmall.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 360, "the decided review scrolls sideways on a phone");
        await org.ClickAsync("[data-testid=publish-now]");
        await org.Locator("[data-testid=review-published]").WaitForAsync();
        // After publish the decisions stand, and the page says why they cannot be undone.
        Assert.Contains("Không thể hoàn tác nữa vì người dự thi đã xem bảng xếp hạng", await org.Locator("[data-testid=review-published]").InnerTextAsync());
        Assert.Equal(0, await org.Locator($"[data-testid=undo-{dung}]").CountAsync());
        await BrowserFixture.ShotAsync(org, "review-published-1920");

        await using (var ctx = db.NewContext())
        {
            Assert.Equal([(1, binh), (2, an), (3, cuong)], await RanksAsync(ctx, roundId));
            Assert.Equal(1, (await ctx.Set<ContestRound>().SingleAsync(r => r.Id == roundId)).AllCorrectCount);
            // Dũng's first void, undone, stays beside the standing one.
            Assert.Equal(DecisionOutcome.Voided, (await ctx.Set<IntegrityDecision>().SingleAsync(d => d.ParticipantId == dung && d.UndoneAt == null)).Outcome);
            Assert.Equal(ContestApp.AdminUser, (await ctx.Set<IntegrityDecision>().SingleAsync(d => d.ParticipantId == dung && d.UndoneAt != null)).UndoneBy);
            Assert.Equal(1, await ctx.Set<RoundAttempt>().CountAsync(a => a.RoundId == roundId && a.ParticipantId == dung));
        }

        // Everyone sees the new ranking and prizes; each sees their own chain.
        await pageA.GotoAsync($"/rounds/{roundId}/results");
        var prizes = (await pageA.Locator("[data-testid=prizes] tr").AllInnerTextsAsync()).Skip(1).Select(r => string.Join(" | ", r.Split('\t').Take(2).Select(c => c.Trim()))).ToArray();
        Assert.Equal(["Giải Nhất | Trần Thị Bình", "Giải Nhì | Nguyễn Văn An", "Giải dự đoán | Lê Văn Cường"], prizes);
        Assert.Equal("Bạn xếp hạng 2 trên 3 người.", await pageA.Locator("[data-testid=my-rank]").InnerTextAsync());
        Assert.Equal("Bạn xếp sau Trần Thị Bình vì ít hơn 1 câu đúng.", await pageA.Locator("[data-testid=why-above]").InnerTextAsync());
        Assert.Equal("Bạn xếp trên Lê Văn Cường: cùng số câu đúng, và dự đoán của bạn gần hơn 1 (bạn lệch 0, Lê Văn Cường lệch 1).",
            await pageA.Locator("[data-testid=why-below]").InnerTextAsync());
        await BrowserFixture.ShotAsync(pageA, "review-rank-chain-360");
        // The chain reads as cards on a phone: no box scrolling sideways inside the page either.
        var scrollers = await pageA.EvaluateAsync<string[]>("[...document.querySelectorAll('main *')].filter(e => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX) && e.scrollWidth > e.clientWidth + 1).map(e => e.className + ' ' + (e.firstElementChild?.dataset.testid ?? ''))");
        Assert.True(scrollers.Length == 0, "boxes scroll sideways on a phone: " + string.Join("; ", scrollers));
        Assert.Equal("block", await pageA.EvaluateAsync<string>("getComputedStyle(document.querySelector('[data-testid=chain-me]')).display"));
        Assert.True(await pageA.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 360, "the results page scrolls sideways on a phone");

        await pageB.GotoAsync($"/rounds/{roundId}/results");
        Assert.Equal("Bạn xếp hạng 1 trên 3 người.", await pageB.Locator("[data-testid=my-rank]").InnerTextAsync());
        Assert.Equal("Bạn đứng đầu bảng xếp hạng.", await pageB.Locator("[data-testid=why-above]").InnerTextAsync());
        Assert.Equal("Bạn xếp trên Nguyễn Văn An vì nhiều hơn 1 câu đúng.", await pageB.Locator("[data-testid=why-below]").InnerTextAsync());

        // Phone C is still signed in as Dũng: the voided entry is told why; then Cường signs back in.
        await pageC.GotoAsync($"/rounds/{roundId}/results");
        Assert.StartsWith("Bài dự thi của bạn trong vòng này đã bị hủy: Tài khoản thứ hai", await pageC.Locator("[data-testid=my-entry-voided]").InnerTextAsync());
        // Cường signs back in on the same phone, over Dũng's session: the form says it switches account and he lands
        // on the results page he was going to (the header's "log out" button is not the form's).
        var pageC2 = pageC;
        await pageC2.GotoAsync("/account/login?ReturnUrl=" + Uri.EscapeDataString($"/rounds/{roundId}/results"));
        Assert.Contains("Phạm Văn Dũng", await pageC2.Locator("[data-testid=login-switch]").InnerTextAsync());
        await BrowserFixture.ShotAsync(pageC2, "review-switch-account-360");
        await SignInAsync(pageC2, "0912000103", Password, $"/rounds/{roundId}/results");
        Assert.Equal("Bạn xếp hạng 3 trên 3 người.", await pageC2.Locator("[data-testid=my-rank]").InnerTextAsync());
        Assert.Equal("Bạn xếp sau Nguyễn Văn An: cùng số câu đúng, nhưng dự đoán của bạn lệch xa hơn 1 (bạn lệch 1, Nguyễn Văn An lệch 0).",
            await pageC2.Locator("[data-testid=why-above]").InnerTextAsync());
        Assert.Equal("Không có ai xếp sau bạn.", await pageC2.Locator("[data-testid=why-below]").InnerTextAsync());

        await org.GotoAsync($"/rounds/{roundId}/results");
        await BrowserFixture.ShotAsync(org, "review-results-1920");
    }

    private static async Task<int> RegisterAsync(IBrowserContext context, string name, string phone, int unitId)
    {
        var response = await context.APIRequest.PostAsync("/api/rounds/register", new APIRequestContextOptions
        {
            DataObject = new { fullName = name, dateOfBirth = "2002-03-26", unitId, phone, password = Password },
        });
        Assert.True(response.Ok, await response.TextAsync());
        var json = await response.JsonAsync();
        return json!.Value.GetProperty("participantId").GetInt32();
    }

    /// <summary>Takes the round: <paramref name="right"/> says which answers are right (the second option) or wrong (the first).
    /// An honest taker reads each question for longer than the floor before answering; the other answers at once.</summary>
    private static async Task TakeAsync(IPage page, int roundId, bool[] right, int prediction, bool honest)
    {
        await page.GotoAsync("/rounds");
        var take = page.Locator($"[data-testid=take-{roundId}]");
        for (var i = 0; i < 60 && await take.CountAsync() == 0; i++)
        {
            await Task.Delay(500);
            await page.ReloadAsync();
        }
        await take.ClickAsync();
        await page.WaitForURLAsync("**/rounds/attempt/**");
        for (var q = 1; q <= right.Length; q++)
        {
            var question = page.Locator($"[data-testid=question-{q}]");
            await question.WaitForAsync();
            if (honest) await Task.Delay(4500);
            await question.Locator(".option input").Nth(right[q - 1] ? 1 : 0).CheckAsync();
            await page.ClickAsync(q < right.Length ? "[data-testid=next]" : "[data-testid=to-prediction]");
        }
        await page.FillAsync("[data-testid=prediction]", prediction.ToString());
        await page.ClickAsync("[data-testid=submit]");
        await page.Locator("[data-testid=attempt-done]").WaitForAsync();
    }

    private static async Task SignInAsync(IPage page, string user, string password, string to)
    {
        await page.GotoAsync("/account/login?ReturnUrl=" + Uri.EscapeDataString(to));
        await page.FillAsync("#UserName", user);
        await page.FillAsync("#Password", password);
        await page.ClickAsync("[data-testid=login-submit]");
        try { await page.WaitForURLAsync("**" + to); }
        catch (TimeoutException) { Assert.Fail($"signing in as {user} stayed at {page.Url}: {await page.Locator("main").InnerTextAsync()}"); }
    }

    private static async Task WaitForAsync(TestDatabase db, int roundId, RoundStatus status, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            await using var ctx = db.NewContext();
            if (await ctx.Set<ContestRound>().AnyAsync(r => r.Id == roundId && r.Status == status)) return;
            await Task.Delay(500);
        }
        throw new TimeoutException($"Round {roundId} never reached {status}.");
    }

    private static async Task<List<(int, int)>> RanksAsync(ContestDb ctx, int roundId) =>
        (await ctx.Set<RoundResult>().Where(r => r.RoundId == roundId).OrderBy(r => r.Rank).Select(r => new { r.Rank, r.ParticipantId }).ToListAsync())
        .Select(r => (r.Rank, r.ParticipantId)).ToList();
}
