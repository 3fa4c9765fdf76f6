using System.Globalization;
using ClosedXML.Excel;
using Contest.Admin.Questions.Excel;
using Contest.Engine.Questions;
using Contest.Engine.Storage;
using Contest.Testing;
using Microsoft.Playwright;

namespace Contest.Browser.Tests.Setup;

/// <summary>
/// Issue 17's first event, from an empty database with no demo data, every step in the browser in Vietnamese as its
/// people would do it: the admin bulk-creates an organizer and a judge from a sheet and downloads their one-time
/// passwords; the organizer signs in, changes the password, creates a contest, imports the unit tree with rosters
/// (then a second file that changes two units and adds one), creates a bank and imports questions, creates a weekly
/// round with roster matching and a prize table, and an event; three roster members register and take the round on
/// 360×800 phones, a fourth person who is on no roster is refused; the organizer moves the close time to now, the
/// round closes and publishes by its jobs, and the results show the prizes worked by hand below.
/// </summary>
public class FirstEventBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static ILocatorAssertions Expect(ILocator l) => Assertions.Expect(l);
    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    private const string BuDang = "Huyện Đoàn Bù Đăng";
    private const string DongXoai = "Thành Đoàn Đồng Xoài";

    // The bank: three single-choice questions, told apart on the phone by a phrase of their text.
    private static readonly (string Phrase, string Text, string[] Options, int Correct)[] Bank =
    [
        ("thành lập năm nào", "Đoàn TNCS Hồ Chí Minh được thành lập năm nào?", ["Năm 1930", "Năm 1931", "Năm 1945"], 1),
        ("Tháng Thanh niên", "Tháng Thanh niên là tháng mấy trong năm?", ["Tháng 3", "Tháng 5", "Tháng 9"], 0),
        ("ngày thành lập Đoàn", "Ngày nào là ngày thành lập Đoàn?", ["Ngày 26/3", "Ngày 19/5", "Ngày 2/9"], 0),
    ];

    /// <summary>
    /// The three roster members (name, date of birth, chapter they choose, how many of the 3 questions they answer
    /// right — the first N in <see cref="Bank"/> order — and their prediction of how many get all 3 right).
    /// </summary>
    private static readonly (string Name, string Birth, string Chapter, int Right, int Prediction, string Phone)[] Takers =
    [
        ("Nguyễn Văn An", "2004-03-26", "Chi đoàn 1A", 3, 3, "0912000001"),
        ("Trần Thị Bình", "2005-11-02", "Chi đoàn 2B", 2, 2, "0912000002"),
        ("Lê Thị Cúc", "2002-07-15", "Chi đoàn Khu phố 2", 1, 1, "0912000003"),
    ];

    [Fact]
    public async Task An_organizer_sets_up_a_first_event_from_an_empty_database_and_the_results_show_the_prizes_worked_by_hand()
    {
        var dir = Directory.CreateTempSubdirectory("contest-first-event-").FullName;
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var server = await ContestProcess.StartAsync(db, new Dictionary<string, string> { ["Contest__Demo"] = "false" });

        await using var adminDesk = await DeskAsync(server.BaseUrl);
        await using var desk = await DeskAsync(server.BaseUrl);

        IPage? org = null;
        try
        {
            // 1. The admin: an empty site (nothing on the checklist), then accounts from a sheet.
            var admin = await adminDesk.NewPageAsync();
            await SignInAsync(admin, ContestApp.AdminUser, ContestApp.AdminPassword, "/admin/checklist");
            await Expect(admin.Locator("[data-testid=checklist-progress]")).ToHaveTextAsync("Đã xong 0/6 bước");
            await BrowserFixture.ShotAsync(admin, "first-event-01-checklist-empty");
            var organizerPassword = await BulkAccountsAsync(admin, dir);

            // 2. The organizer's first sign-in: the one-time password must be changed first.
            org = await desk.NewPageAsync();
            await org.GotoAsync("/account/login?ReturnUrl=%2Fadmin%2Fchecklist");
            await org.FillAsync("#UserName", "btc-tinh");
            await org.FillAsync("#Password", organizerPassword);
            await org.ClickAsync("button[type=submit]");
            await org.WaitForURLAsync("**/account/password?returnUrl=%2Fadmin%2Fchecklist");
            await Expect(org.Locator("[data-testid=must-change]")).ToContainTextAsync("Bạn đang dùng mật khẩu tạm");
            await org.FillAsync("#Current", organizerPassword);
            await org.FillAsync("#New", "Ban-to-chuc-2026");
            await org.FillAsync("#Again", "Ban-to-chuc-2026");
            await org.ClickAsync("[data-testid=save-password]");
            await Expect(org.Locator("[data-testid=password-changed]")).ToHaveTextAsync("Đã đổi mật khẩu.");
            await org.GotoAsync("/admin/checklist");
            await Expect(org.Locator("[data-testid=checklist-progress]")).ToHaveTextAsync("Đã xong 1/6 bước"); // the accounts

            // 3. The contest.
            await org.GotoAsync("/admin/contests/edit");
            await org.FillAsync("#Name", "Tìm hiểu lịch sử Đoàn — Tháng Thanh niên 2027");
            await org.CheckAsync("input[name=Kinds][value=OnlineRound]");
            await org.FillAsync("#StartsOn", "2027-03-01");
            await org.FillAsync("#EndsOn", "2027-03-31");
            await org.FillAsync("#Description", "Cuộc thi trực tuyến hằng tuần dành cho đoàn viên toàn tỉnh.");
            await org.ClickAsync("[data-testid=contest-form] button[type=submit]");
            await org.WaitForURLAsync("**/admin/contests?saved=*");
            await Expect(org.Locator("main")).ToContainTextAsync("Tìm hiểu lịch sử Đoàn — Tháng Thanh niên 2027");

            // 4. The unit tree with rosters, then a second file.
            await ImportUnitsAsync(org, UnitsWorkbook(dir, second: false), "first",
                "thêm 8 đơn vị, thay đổi 0", "Đã nhập: thêm 8 đơn vị, thay đổi 0; đoàn viên thêm 4, sửa 0, xóa 0.");
            await ImportUnitsAsync(org, UnitsWorkbook(dir, second: true), "second",
                "thêm 1 đơn vị, thay đổi 2, giữ nguyên 6", "Đã nhập: thêm 1 đơn vị, thay đổi 2; đoàn viên thêm 1, sửa 0, xóa 0.");
            await org.GotoAsync("/admin/units");
            await Expect(org.Locator("main")).ToContainTextAsync("Chi đoàn Khu phố 1 Tân Phú");
            await Expect(org.Locator("main")).ToContainTextAsync("Chi đoàn Khu phố 2");
            await BrowserFixture.ShotAsync(org, "first-event-05-units-tree");

            // 5. The question bank.
            await ImportBankAsync(org, dir);

            // 6. The weekly round: opens this minute, closes tomorrow for now (moved to now once everyone has taken it).
            var opens = Minute(DateTimeOffset.UtcNow.ToOffset(Vietnam));
            var roundId = await CreateRoundAsync(org, opens);

            // 7. The event screen (the checklist's last step).
            await org.GotoAsync("/events");
            await org.FillAsync("#Title", "Lễ phát động Tháng Thanh niên 2027");
            await org.CheckAsync("input[name=ContestIds]");
            await org.ClickAsync("[data-testid=create-event]");
            await org.WaitForURLAsync("**/events/*"); // the new event's director page
            await org.GotoAsync("/events");
            await Expect(org.Locator("[data-testid=events]")).ToContainTextAsync("Lễ phát động Tháng Thanh niên 2027");

            // 8. On phones: the non-member refused, then three roster members register and take the round.
            await RefusedRegistrantAsync(server.BaseUrl);
            foreach (var t in Takers) await TakeAsync(server.BaseUrl, roundId, t);

            // 9. The organizer moves the close time to now (a minute after it opened at the earliest: the form is to the minute).
            var closes = Minute(DateTimeOffset.UtcNow.ToOffset(Vietnam));
            if (closes <= opens) closes = opens.AddMinutes(1);
            await org.GotoAsync($"/admin/rounds/edit/{roundId}");
            await org.FillAsync("#Closes", closes.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
            await org.CheckAsync("[data-testid=confirm-open]");
            await org.ClickAsync("[data-testid=save-round]");
            await org.WaitForURLAsync("**/admin/rounds");

            var results = await desk.NewPageAsync();
            await results.GotoAsync($"/rounds/{roundId}/results");
            for (var i = 0; i < 180 && await results.Locator("[data-testid=prizes]").CountAsync() == 0; i++)
            {
                await Task.Delay(500);
                await results.ReloadAsync();
            }
            await CheckResultsAsync(results);
            await BrowserFixture.ShotAsync(results, "first-event-10-results-1920");
            await using (var phone = await PhoneAsync(server.BaseUrl))
            {
                var p = await phone.NewPageAsync();
                await p.GotoAsync($"/rounds/{roundId}/results");
                await CheckResultsAsync(p);
                Assert.True(await p.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 360, "the results page scrolls sideways on a phone");
                await BrowserFixture.ShotAsync(p, "first-event-10-results-360");
            }

            // 10. Every step of the checklist is done.
            await org.GotoAsync("/admin/checklist");
            await Expect(org.Locator("[data-testid=checklist-progress]")).ToHaveTextAsync("Đã xong 6/6 bước");
            var steps = org.Locator("[data-testid=checklist] > li");
            Assert.Equal(6, await steps.CountAsync());
            for (var i = 0; i < 6; i++) Assert.Equal("true", await steps.Nth(i).GetAttributeAsync("data-done"));
            await BrowserFixture.ShotAsync(org, "first-event-11-checklist-done");
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            // Say where the organizer was and what the server logged: a timeout alone names only the selector.
            if (org is not null) await BrowserFixture.ShotAsync(org, "first-event-failed");
            var log = server.Output;
            throw new InvalidOperationException($"failed at {org?.Url}; server log:\n{log[Math.Max(0, log.Length - 4000)..]}", e);
        }
    }

    /// <summary>
    /// Worked by hand. Ranking by correct answers (all differ, so no further key decides): An 3 → rank 1, Bình 2 →
    /// rank 2, Cúc 1 → rank 3. Nhất ×1: An; Nhì ×1 (the next place): Bình; Ba ×1: Cúc.
    /// Actual number with all 3 right: 1 (An). Distances: An |3−1| = 2, Bình |2−1| = 1, Cúc |1−1| = 0 → prediction
    /// prize: Cúc, distance 0 (no tie, so no tie-break is used).
    /// Districts: Bù Đăng has An (Chi đoàn 1A) and Bình (Chi đoàn 2B) = 2; Đồng Xoài has Cúc = 1 → most participants:
    /// Bù Đăng, 2. Rates (districts have no roster of their own, so their declared member counts): Bù Đăng 2 ÷ 500
    /// = 0.4 %, Đồng Xoài 1 ÷ 25 (the second import changed 20 to 25) = 4.0 % → highest rate: Đồng Xoài, 4,0 %.
    /// </summary>
    private static async Task CheckResultsAsync(IPage page)
    {
        var rows = await page.Locator("[data-testid=prizes] tr").AllInnerTextsAsync();
        var got = rows.Skip(1).Select(r => r.Split('\t').Select(c => c.Trim()).ToArray()).Select(c => $"{c[0]}: {c[1]} ({c[2]})").ToArray();
        Assert.Equal(
        [
            "Giải Nhất: Nguyễn Văn An (Hạng 1)",
            "Giải Nhì: Trần Thị Bình (Hạng 2)",
            "Giải Ba: Lê Thị Cúc (Hạng 3)",
            "Giải dự đoán chính xác nhất: Lê Thị Cúc (Chênh lệch 0)",
            $"Giải tập thể: đơn vị có nhiều người dự thi nhất: {BuDang} (2 người dự thi)",
            $"Giải tập thể: đơn vị có tỷ lệ tham gia cao nhất: {DongXoai} (Tỷ lệ tham gia 4,0% (1 người dự thi))",
        ], got);
        var ranking = (await page.Locator("[data-testid=ranking] tr").AllInnerTextsAsync()).Skip(1).ToList();
        Assert.Equal(3, ranking.Count);
        Assert.StartsWith("1", ranking[0].Trim());
        Assert.Contains("Nguyễn Văn An", ranking[0]);
        Assert.Contains("Trần Thị Bình", ranking[1]);
        Assert.Contains("Lê Thị Cúc", ranking[2]);
        Assert.DoesNotContain(ranking, r => r.Contains("Phạm Văn Dũng"));
    }

    private static async Task SignInAsync(IPage page, string user, string password, string to)
    {
        await page.GotoAsync("/account/login?ReturnUrl=" + Uri.EscapeDataString(to));
        await page.FillAsync("#UserName", user);
        await page.FillAsync("#Password", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**" + to);
    }

    /// <summary>An organizer and a judge from a sheet; returns the organizer's one-time password from the downloaded sheet.</summary>
    private static async Task<string> BulkAccountsAsync(IPage admin, string dir)
    {
        var file = Path.Combine(dir, "tai-khoan.xlsx");
        using (var wb = new XLWorkbook())
        {
            var ws = wb.Worksheets.Add("Tài khoản");
            string[][] rows =
            [
                ["Họ tên", "Tên đăng nhập", "Email", "Vai trò", "Đơn vị"],
                ["Hoàng Minh Tuấn", "btc-tinh", "tuan@example.org", "Ban tổ chức", ""],
                ["Nguyễn Thị Hoa", "gk-hoa", "", "Giám khảo", ""],
            ];
            for (var r = 0; r < rows.Length; r++)
                for (var c = 0; c < rows[r].Length; c++)
                    if (rows[r][c].Length > 0) ws.Cell(r + 1, c + 1).SetValue(rows[r][c]);
            wb.SaveAs(file);
        }
        await admin.GotoAsync("/admin/users");
        await admin.ClickAsync("[data-testid=bulk-accounts]");
        await admin.WaitForURLAsync("**/admin/users/import");
        await admin.SetInputFilesAsync("#Upload", file);
        await admin.ClickAsync("[data-testid=check-accounts]");
        await Expect(admin.Locator("[data-testid=accounts-report]")).ToContainTextAsync("2 tài khoản hợp lệ");
        await admin.ClickAsync("[data-testid=confirm-accounts]");
        await Expect(admin.Locator("[data-testid=accounts-created]")).ToContainTextAsync("Đã tạo 2 tài khoản.");
        var download = await admin.RunAndWaitForDownloadAsync(() => admin.ClickAsync("[data-testid=download-passwords]"));
        var saved = Path.Combine(dir, download.SuggestedFilename);
        await download.SaveAsAsync(saved);
        await BrowserFixture.ShotAsync(admin, "first-event-02-accounts-created");
        using var sheet = new XLWorkbook(saved);
        var row = sheet.Worksheet(1).RowsUsed().Single(r => r.Cell(2).GetString() == "btc-tinh");
        var password = row.Cell(3).GetString();
        Assert.True(password.Length >= 8, $"one-time password «{password}»");
        Assert.Contains(sheet.Worksheet(1).RowsUsed(), r => r.Cell(2).GetString() == "gk-hoa");
        return password;
    }

    /// <summary>
    /// Province → 2 districts → grassroots → chapters, coded; rosters on four chapters. The second file changes two
    /// units (Đồng Xoài's member count 20 → 25, a chapter renamed), adds Chi đoàn Khu phố 2 with its roster (Cúc).
    /// </summary>
    private static string UnitsWorkbook(string dir, bool second)
    {
        var path = Path.Combine(dir, second ? "don-vi-lan-2.xlsx" : "don-vi.xlsx");
        using var wb = new XLWorkbook();
        var ws = wb.Worksheets.Add("Đơn vị");
        var units = new List<string[]>
        {
            new[] { "Mã đơn vị", "Tên đơn vị", "Cấp", "Mã đơn vị cấp trên", "Số đoàn viên" },
            new[] { "TINH", "Tỉnh Đoàn Bình Phước", "Tỉnh đoàn", "", "1000" },
            new[] { "HD-BUDANG", BuDang, "Huyện đoàn", "TINH", "500" },
            new[] { "HD-DONGXOAI", DongXoai, "Huyện đoàn", "TINH", second ? "25" : "20" },
            new[] { "XD-DUCLIEU", "Xã Đoàn Đức Liễu", "Đoàn cơ sở", "HD-BUDANG", "60" },
            new[] { "CD-1A", "Chi đoàn 1A", "Chi đoàn", "XD-DUCLIEU", "30" },
            new[] { "CD-2B", "Chi đoàn 2B", "Chi đoàn", "XD-DUCLIEU", "30" },
            new[] { "PD-TANPHU", "Phường Đoàn Tân Phú", "Đoàn cơ sở", "HD-DONGXOAI", "20" },
            new[] { "CD-KP1", second ? "Chi đoàn Khu phố 1 Tân Phú" : "Chi đoàn Khu phố 1", "Chi đoàn", "PD-TANPHU", "10" },
        };
        if (second) units.Add(["CD-KP2", "Chi đoàn Khu phố 2", "Chi đoàn", "PD-TANPHU", "10"]);
        for (var r = 0; r < units.Count; r++)
            for (var c = 0; c < units[r].Length; c++)
                if (units[r][c].Length > 0) ws.Cell(r + 1, c + 1).SetValue(units[r][c]);

        var rs = wb.Worksheets.Add("Đoàn viên");
        string[] header = ["Mã đơn vị", "Tên đơn vị", "Họ và tên", "Số thẻ đoàn viên", "Ngày sinh"];
        for (var c = 0; c < header.Length; c++) rs.Cell(1, c + 1).SetValue(header[c]);
        (string Code, string Unit, string Name, DateTime Birth)[] roster = second
            ? [("CD-KP2", "Chi đoàn Khu phố 2", "Lê Thị Cúc", new DateTime(2002, 7, 15))]
            :
            [
                ("CD-1A", "Chi đoàn 1A", "Nguyễn Văn An", new DateTime(2004, 3, 26)),
                ("CD-1A", "Chi đoàn 1A", "Hoàng Thị Mai", new DateTime(2003, 5, 1)),
                ("CD-2B", "Chi đoàn 2B", "Trần Thị Bình", new DateTime(2005, 11, 2)),
                ("CD-KP1", "Chi đoàn Khu phố 1", "Đỗ Văn Hùng", new DateTime(2002, 1, 10)),
            ];
        for (var r = 0; r < roster.Length; r++)
        {
            rs.Cell(r + 2, 1).SetValue(roster[r].Code);
            rs.Cell(r + 2, 2).SetValue(roster[r].Unit);
            rs.Cell(r + 2, 3).SetValue(roster[r].Name);
            rs.Cell(r + 2, 5).SetValue(roster[r].Birth);
            rs.Cell(r + 2, 5).Style.NumberFormat.Format = "dd/mm/yyyy";
        }
        wb.SaveAs(path);
        return path;
    }

    private static async Task ImportUnitsAsync(IPage page, string file, string name, string preview, string saved)
    {
        await page.GotoAsync("/admin/units");
        await page.ClickAsync("[data-testid=unit-import-link]");
        await page.SetInputFilesAsync("#Workbook", file);
        await page.ClickAsync("[data-testid=check-file]");
        await Expect(page.Locator("[data-testid=import-report]")).ToContainTextAsync(preview);
        await BrowserFixture.ShotAsync(page, $"first-event-04-units-{name}-report");
        await page.ClickAsync("[data-testid=confirm-import]");
        await Expect(page.Locator("[data-testid=import-saved]")).ToHaveTextAsync(saved);
    }

    private static async Task ImportBankAsync(IPage page, string dir)
    {
        var file = Path.Combine(dir, "cau-hoi.xlsx");
        await using (var stream = File.Create(file))
            QuestionSheetWriter.WriteBank(stream,
                [.. Bank.Select(q => new Question { Type = QuestionType.SingleChoice, Text = q.Text, Options = [.. q.Options], CorrectOptions = [q.Correct], Tags = ["Lịch sử Đoàn"] })],
                new ImportLimits());
        await page.GotoAsync("/admin/banks");
        await page.FillAsync("[data-testid=create-bank] #Name", "Lịch sử Đoàn — Tháng Thanh niên");
        await page.ClickAsync("[data-testid=create-bank] button[type=submit]");
        // Saving a bank opens its page, where the import is.
        await page.ClickAsync("[data-testid=import-link]");
        await page.SetInputFilesAsync("#Upload", file);
        await page.ClickAsync("[data-testid=check-file]");
        await Expect(page.Locator("[data-testid=import-report]")).ToContainTextAsync("3 câu hỏi hợp lệ");
        await page.ClickAsync("[data-testid=confirm-import]");
        await Expect(page.Locator("[data-testid=import-saved]")).ToHaveTextAsync("Đã nhập 3 câu hỏi vào ngân hàng.");
        await BrowserFixture.ShotAsync(page, "first-event-06-bank-imported");
    }

    /// <summary>
    /// The round form starts from the province's usual table; for three participants it becomes Nhất ×1, Nhì ×1,
    /// Ba ×1, the prediction prize and the two district prizes (Khuyến khích removed: nobody would be left for it).
    /// </summary>
    private static async Task<int> CreateRoundAsync(IPage page, DateTimeOffset opens)
    {
        await page.GotoAsync("/admin/rounds/edit");
        await page.FillAsync("#Name", "Tuần 1: Lịch sử Đoàn");
        await page.FillAsync("#Opens", opens.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        await page.FillAsync("#Closes", opens.AddDays(1).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        await page.FillAsync("#TimeLimitMinutes", "10");
        await page.FillAsync("#AttemptsAllowed", "1");
        await page.SelectOptionAsync("#RosterMatch", "NameAndBirth");
        await page.SelectOptionAsync("#Selection", "Random");
        await page.CheckAsync("input[name=BankIds]");
        await page.FillAsync("#QuestionCount", "3");
        await page.FillAsync("#PredictionQuestion", "Có bao nhiêu người trả lời đúng cả 3 câu?");
        // The takers below answer faster than anyone reads; with the checks on, the review queue would hold the publish
        // this test waits for (ReviewQueueBrowserTests walks that path).
        await page.UncheckAsync("#IntegrityChecks");

        var rows = page.Locator("[data-prize-rows] > [data-prize-row]");
        Assert.Equal(7, await rows.CountAsync());
        await rows.Nth(1).Locator("input[name$='.Count']").FillAsync("1"); // Nhì
        await rows.Nth(2).Locator("input[name$='.Count']").FillAsync("1"); // Ba
        await rows.Nth(3).Locator("[data-testid=prize-remove]").ClickAsync(); // Khuyến khích
        Assert.Equal(6, await rows.CountAsync());
        await BrowserFixture.ShotAsync(page, "first-event-07-round-form");
        await page.ClickAsync("[data-testid=save-round]");
        await page.WaitForURLAsync("**/admin/rounds");
        var href = await page.Locator("a[href^='/admin/rounds/edit/']").First.GetAttributeAsync("href");
        return int.Parse(href!.Split('/').Last(), CultureInfo.InvariantCulture);
    }

    private async Task<IBrowserContext> DeskAsync(string baseUrl)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl, ViewportSize = new ViewportSize { Width = 1920, Height = 1080 }, AcceptDownloads = true,
        });
        context.SetDefaultTimeout(60_000);
        return context;
    }

    private async Task<IBrowserContext> PhoneAsync(string baseUrl)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl, ViewportSize = new ViewportSize { Width = 360, Height = 800 }, IsMobile = true, HasTouch = true, DeviceScaleFactor = 2,
        });
        context.SetDefaultTimeout(60_000);
        return context;
    }

    private static async Task FillRegistrationAsync(IPage page, string name, string birth, string chapter, string phone)
    {
        await page.GotoAsync("/rounds");
        await page.ClickAsync("[data-testid=register-link]");
        await Expect(page.Locator("[data-testid=roster-note]")).ToBeVisibleAsync();
        await page.FillAsync("#FullName", name);
        await page.FillAsync("#DateOfBirth", birth);
        await Units.UnitPickerSteps.ChooseAsync(page, "UnitId", chapter);
        await page.FillAsync("#Phone", phone);
        await page.FillAsync("#Password", "Doan-vien-2027");
    }

    /// <summary>Someone on no roster (right unit, but not in its list) is refused with the reason, in Vietnamese.</summary>
    private async Task RefusedRegistrantAsync(string baseUrl)
    {
        await using var context = await PhoneAsync(baseUrl);
        var page = await context.NewPageAsync();
        await FillRegistrationAsync(page, "Phạm Văn Dũng", "2001-01-01", "Chi đoàn 1A", "0912000009");
        await page.ClickAsync("[data-testid=register-submit]");
        await Expect(page.Locator("[data-testid=error-Roster]"))
            .ToContainTextAsync("Không tìm thấy đoàn viên có họ tên và ngày sinh này trong danh sách của đơn vị đã chọn.");
        Assert.Contains("/rounds/register", page.Url);
        await BrowserFixture.ShotAsync(page, "first-event-08-refused-360");
    }

    private async Task TakeAsync(string baseUrl, int roundId, (string Name, string Birth, string Chapter, int Right, int Prediction, string Phone) t)
    {
        await using var context = await PhoneAsync(baseUrl);
        var page = await context.NewPageAsync();
        await FillRegistrationAsync(page, t.Name, t.Birth, t.Chapter, t.Phone);
        await page.ClickAsync("[data-testid=register-submit]");
        await page.WaitForURLAsync("**/rounds");

        // The round opened by its job at the minute it was set to open (already past): reload until it shows.
        var take = page.Locator($"[data-testid=take-{roundId}]");
        for (var i = 0; i < 60 && await take.CountAsync() == 0; i++)
        {
            await Task.Delay(500);
            await page.ReloadAsync();
        }
        await take.ClickAsync();
        await page.WaitForURLAsync("**/rounds/attempt/**");
        for (var q = 1; q <= 3; q++)
        {
            var question = page.Locator($"[data-testid=question-{q}]");
            var text = await question.InnerTextAsync();
            var index = Array.FindIndex(Bank, b => text.Contains(b.Phrase, StringComparison.Ordinal));
            Assert.True(index >= 0, $"unknown question: {text}");
            var (_, _, options, correct) = Bank[index];
            // Right on the first t.Right questions of the bank, the next option (wrong) on the rest.
            var answer = options[index < t.Right ? correct : (correct + 1) % options.Length];
            await question.Locator($"label.option:has-text('{answer}') input").CheckAsync();
            if (t.Right == 2 && q == 1) await BrowserFixture.ShotAsync(page, "first-event-09-question-360");
            await page.ClickAsync(q < 3 ? "[data-testid=next]" : "[data-testid=to-prediction]");
        }
        await page.FillAsync("[data-testid=prediction]", t.Prediction.ToString(CultureInfo.InvariantCulture));
        await page.ClickAsync("[data-testid=submit]");
        await page.Locator("[data-testid=attempt-done]").WaitForAsync();
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 360, "the attempt page scrolls sideways on a phone");
    }

    private static DateTimeOffset Minute(DateTimeOffset at) => new(at.Year, at.Month, at.Day, at.Hour, at.Minute, 0, at.Offset);
}
