using Contest.Engine.Accounts;
using Contest.Engine.Contests;
using Contest.Engine.Demo;
using Contest.Engine.Rounds;
using Contest.Engine.Storage;
using Contest.Engine.Units;
using Contest.Testing;
using Microsoft.Playwright;

namespace Contest.Browser.Tests.Rounds;

/// <summary>
/// The prize table as an organizer edits it (rows added, moved, removed) and as everyone reads it on the results
/// page, on a 360×800 phone and a 1920×1080 screen, in Vietnamese. The round is written straight into the database
/// and closed by the real <see cref="RoundLifecycle"/> with the province's usual table.
/// </summary>
public class PrizeTableBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly DateTimeOffset Opens = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero); // Monday 08:00 in Vietnam

    private const string BuDang = "Huyện Đoàn Bù Đăng";   // 200 members
    private const string DongXoai = "Thành Đoàn Đồng Xoài"; // 20 members

    // Ten questions; An and Bình have all ten right → the actual number is 2.
    // (name, district, correct, prediction, seconds, submitted minute). An and Bình are equal on every key (a full
    // tie), as are Hân and Khoa.
    private static readonly (string Name, string District, int Correct, int? Prediction, int Seconds, int Minute)[] People =
    [
        ("Nguyễn Văn An", BuDang, 10, 3, 200, 1), ("Trần Thị Bình", DongXoai, 10, 3, 200, 1),
        ("Lê Văn Cường", BuDang, 9, 2, 250, 2), ("Phạm Minh Dũng", DongXoai, 9, 5, 250, 3),
        ("Võ Thị Em", BuDang, 8, 1, 260, 4), ("Đặng Thu Giang", BuDang, 8, 1, 270, 5),
        ("Hoàng Gia Hân", DongXoai, 7, 2, 280, 6), ("Bùi Văn Khoa", BuDang, 7, 2, 280, 6),
        ("Điểu Thị Lan", BuDang, 6, 0, 290, 7), ("Vũ Đức Minh", DongXoai, 5, null, 100, 8),
        ("Đỗ Thị Ngân", BuDang, 5, 2, 300, 9), ("Phan Văn Phúc", BuDang, 4, 9, 300, 10),
        ("Lý Thị Quyên", DongXoai, 3, 2, 310, 11), ("Trịnh Văn Sơn", BuDang, 2, 4, 320, 12),
    ];

    [Fact]
    public async Task The_round_editor_prize_rows_and_the_results_page_on_a_phone_and_a_wide_screen()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        var roundId = await SeedPublishedAsync(db);
        await using var server = await ContestProcess.StartAsync(db);

        foreach (var (width, height) in new[] { (360, 800), (1920, 1080) })
        {
            await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = server.BaseUrl, ViewportSize = new ViewportSize { Width = width, Height = height }, IsMobile = width < 500, HasTouch = width < 500,
            });
            context.SetDefaultTimeout(60_000);
            var page = await context.NewPageAsync();
            await ResultsAsync(page, roundId, $"{width}x{height}");
            await RulesAsync(page, roundId, $"{width}x{height}");
            await EditorAsync(page, $"{width}x{height}");
        }
    }

    /// <summary>
    /// Worked by hand from <see cref="People"/> (ranking: correct, then prediction distance, time, submission):
    /// ranks An 1, Bình 1, Cường 3, Dũng 4, Em 5, Giang 6, Hân 7, Khoa 7, Lan 9, Ngân 10 (5 right, distance 0),
    /// Minh 11 (5 right, no prediction), Phúc 12, Quyên 13, Sơn 14.
    /// Nhất ×1: An and Bình tie on rank 1 → both. Nhì ×2: Cường, Dũng. Ba ×3: Em, Giang, then Hân and Khoa tie on
    /// the last place → four. Khuyến khích ×5: Lan, Ngân, Minh, Phúc, Quyên. Prediction (distance 0: Cường 250 s,
    /// Hân and Khoa 280 s, Ngân 300 s, Quyên 310 s): Cường. Units: Bù Đăng 9 participants of 200 (4.5 %), Đồng
    /// Xoài 5 of 20 (25 %) → most participants Bù Đăng, highest rate Đồng Xoài.
    /// </summary>
    private static async Task ResultsAsync(IPage page, int roundId, string size)
    {
        await page.GotoAsync($"/rounds/{roundId}/results");
        var rows = await page.Locator("[data-testid=prizes] tr").AllInnerTextsAsync();
        var got = rows.Skip(1).Select(r => r.Split('\t').Select(c => c.Trim()).ToArray()).Select(c => $"{c[0]}: {c[1]} ({c[2]})").ToArray();
        Assert.Equal(
        [
            "Giải Nhất: Nguyễn Văn An (Hạng 1)", "Giải Nhất: Trần Thị Bình (Hạng 1)",
            "Giải Nhì: Lê Văn Cường (Hạng 3)", "Giải Nhì: Phạm Minh Dũng (Hạng 4)",
            "Giải Ba: Võ Thị Em (Hạng 5)", "Giải Ba: Đặng Thu Giang (Hạng 6)", "Giải Ba: Hoàng Gia Hân (Hạng 7)", "Giải Ba: Bùi Văn Khoa (Hạng 7)",
            "Giải Khuyến khích: Điểu Thị Lan (Hạng 9)", "Giải Khuyến khích: Đỗ Thị Ngân (Hạng 10)", "Giải Khuyến khích: Vũ Đức Minh (Hạng 11)",
            "Giải Khuyến khích: Phan Văn Phúc (Hạng 12)", "Giải Khuyến khích: Lý Thị Quyên (Hạng 13)",
            "Giải dự đoán chính xác nhất: Lê Văn Cường (Chênh lệch 0)",
            $"Giải tập thể: đơn vị có nhiều người dự thi nhất: {BuDang} (9 người dự thi)",
            $"Giải tập thể: đơn vị có tỷ lệ tham gia cao nhất: {DongXoai} (Tỷ lệ tham gia 25,0% (5 người dự thi))",
        ], got);
        Assert.Equal("Giải dự đoán, khi chênh lệch bằng nhau: ai làm bài nhanh hơn, rồi ai nộp sớm hơn.", await page.Locator("[data-testid=tie-break]").InnerTextAsync());
        // The ranking names each person's prizes; Sơn (14th) has none.
        var ranking = await page.Locator("[data-testid=ranking] tr").AllInnerTextsAsync();
        Assert.EndsWith("Giải Nhì, Giải dự đoán chính xác nhất", ranking.Single(r => r.Contains("Lê Văn Cường")).TrimEnd());
        Assert.DoesNotContain("Giải", ranking.Single(r => r.Contains("Trịnh Văn Sơn")));
        await BrowserFixture.ShotAsync(page, $"prizes-results-{size}");
    }

    private static async Task RulesAsync(IPage page, int roundId, string size)
    {
        await page.GotoAsync("/rounds");
        var rules = page.Locator($"[data-testid=rules-{roundId}]");
        await rules.Locator("summary").ClickAsync();
        var text = await rules.InnerTextAsync();
        Assert.Contains("lượt được tính là lượt có nhiều câu đúng nhất, nếu bằng nhau thì lượt có thời gian làm bài ngắn nhất", text);
        Assert.Contains("Giải Nhì (2 giải): theo thứ hạng, các hạng tiếp sau những người nhận Giải Nhất.", text);
        Assert.Contains("chênh lệch bằng nhau thì xét: ai làm bài nhanh hơn, rồi ai nộp sớm hơn.", text);
        Assert.Contains("huyện đoàn có tỷ lệ tham gia cao nhất (số người dự thi ÷ số đoàn viên)", text.ToLowerInvariant());
        await BrowserFixture.ShotAsync(page, $"prizes-round-rules-{size}");
    }

    /// <summary>The new-round form: the usual table, then a row added, moved up twice and one removed, as an organizer would.</summary>
    private static async Task EditorAsync(IPage page, string size)
    {
        if (!page.Url.Contains("/admin"))
        {
            await page.GotoAsync("/account/login?ReturnUrl=%2Fadmin%2Frounds%2Fedit");
            await page.FillAsync("#UserName", ContestApp.AdminUser);
            await page.FillAsync("#Password", ContestApp.AdminPassword);
            await page.ClickAsync("button[type=submit]");
            await page.WaitForURLAsync("**/admin/rounds/edit");
        }
        await page.GotoAsync("/admin/rounds/edit");
        var rows = page.Locator("[data-prize-rows] > [data-prize-row]");
        Assert.Equal(7, await rows.CountAsync()); // the usual table, the no-script spare row removed by the script

        await page.ClickAsync("[data-testid=add-prize]");
        var added = rows.Nth(7);
        await added.Locator("select[data-prize-kind]").SelectOptionAsync("UnitAverageScore");
        Assert.True(await added.Locator("[data-prize-level]").IsVisibleAsync());
        Assert.False(await rows.Nth(0).Locator("[data-prize-level]").IsVisibleAsync()); // a rank tier has no level
        await added.Locator("input[name$='.Name']").FillAsync("Giải tập thể: điểm bình quân cao nhất");
        await added.Locator("input[name$='.Count']").FillAsync("1");
        await added.Locator("[data-testid=prize-up]").ClickAsync();
        await rows.Nth(6).Locator("[data-testid=prize-up]").ClickAsync();
        await rows.Nth(3).Locator("[data-testid=prize-remove]").ClickAsync(); // Khuyến khích

        // What the form would post: the rows in their new order, numbered 0..6.
        var posted = await page.EvaluateAsync<string[]>(
            "() => [...new FormData(document.querySelector('[data-testid=round-form]')).entries()].filter(([k]) => /^PrizeRows\\[\\d+\\]\\.Name$/.test(k)).map(([k, v]) => k + '=' + v)");
        Assert.Equal(
        [
            "PrizeRows[0].Name=Giải Nhất", "PrizeRows[1].Name=Giải Nhì", "PrizeRows[2].Name=Giải Ba", "PrizeRows[3].Name=Giải dự đoán chính xác nhất",
            "PrizeRows[4].Name=Giải tập thể: điểm bình quân cao nhất", "PrizeRows[5].Name=Giải tập thể: đơn vị có nhiều người dự thi nhất",
            "PrizeRows[6].Name=Giải tập thể: đơn vị có tỷ lệ tham gia cao nhất",
        ], posted);
        Assert.Equal("Giải thứ 5", await rows.Nth(4).GetAttributeAsync("aria-label"));
        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= page.ViewportSize!.Width, $"the form scrolls sideways: {scrollWidth}");
        await page.Locator("[data-testid=prizes]").ScrollIntoViewIfNeededAsync();
        await page.Locator("[data-testid=prizes]").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, $"prizes-editor-{size}.png") });
    }

    private static async Task<int> SeedPublishedAsync(TestDatabase db)
    {
        int roundId;
        await using (var ctx = db.NewContext())
        {
            var buDang = new Unit
            {
                Name = BuDang, Level = UnitLevel.District, MemberCount = 200,
                Children = [new Unit { Name = "Đoàn xã Đức Liễu", Level = UnitLevel.Grassroots, Children = [new Unit { Name = "Chi đoàn 1A", Level = UnitLevel.Chapter }] }],
            };
            var dongXoai = new Unit { Name = DongXoai, Level = UnitLevel.District, MemberCount = 20 };
            ctx.Units.Add(new Unit { Name = "Tỉnh Đoàn Bình Phước", Level = UnitLevel.Province, Children = [buDang, dongXoai] });
            var contest = new ContestInfo { Name = "Tìm hiểu Nghị quyết Đại hội Đoàn", Kind = ContestKind.OnlineRound };
            ctx.Contests.Add(contest);
            await ctx.SaveChangesAsync();
            var round = new ContestRound
            {
                ContestId = contest.Id, Name = "Tuần 1: Nghị quyết Đại hội Đoàn", OpensAt = Opens, ClosesAt = Opens.AddDays(6), Status = RoundStatus.Open, OpenedAt = Opens,
                Selection = SelectionMode.Fixed, FixedQuestionIds = [.. Enumerable.Range(1, 10)], AttemptsAllowed = 3, CreatedAt = Opens.AddDays(-1),
                Prizes = DemoPrizes.UsualTable(),
            };
            ctx.Add(round);
            await ctx.SaveChangesAsync();
            roundId = round.Id;
            var chapter = buDang.Children[0].Children[0].Id;
            for (var i = 0; i < People.Length; i++)
            {
                var (name, district, correct, prediction, seconds, minute) = People[i];
                var user = new AppUser { UserName = $"09120000{i:00}", DisplayName = name, CreatedAt = Opens };
                ctx.Users.Add(user);
                // Bù Đăng's people registered with its chapter (two levels down): they still count for the district.
                var p = new RoundParticipant { UserId = user.Id, FullName = name, UnitId = district == BuDang ? chapter : dongXoai.Id, Phone = user.UserName, CreatedAt = Opens };
                ctx.Add(p);
                await ctx.SaveChangesAsync();
                var finished = Opens.AddHours(1).AddMinutes(minute);
                ctx.Add(new RoundAttempt
                {
                    RoundId = round.Id, ParticipantId = p.Id, Number = 1, StartedAt = finished.AddSeconds(-seconds), Deadline = finished.AddMinutes(10),
                    FinishedAt = finished, End = AttemptEnd.Submitted, Correct = correct, Score = correct, Prediction = prediction, TimeTakenMs = seconds * 1000L,
                });
            }
            await ctx.SaveChangesAsync();
        }
        var after = new FixedTime(Opens.AddDays(6).AddMinutes(1));
        await using (var ctx = db.NewContext()) Assert.True(await new RoundLifecycle(ctx, after).CloseAsync(roundId));
        await using (var ctx = db.NewContext()) Assert.True(await new RoundLifecycle(ctx, after).PublishAsync(roundId));
        return roundId;
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
