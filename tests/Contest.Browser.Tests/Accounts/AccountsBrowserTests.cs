using ClosedXML.Excel;
using Contest.Engine.Storage;
using Contest.Testing;
using Microsoft.Playwright;

namespace Contest.Browser.Tests.Accounts;

/// <summary>
/// As its people would: the admin creates judges and organizers from a sheet (one bad row shown, then confirmed,
/// passwords downloaded) on a 1920×1080 screen and on a phone; a new judge signs in for the first time on a 360×800
/// phone, is asked to choose a password, gets a weak one refused with every reason, then reaches the judging page.
/// </summary>
public class AccountsBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static ILocatorAssertions Expect(ILocator l) => Assertions.Expect(l);

    private Task<IBrowserContext> Phone(string baseUrl) => browser.Browser.NewContextAsync(new BrowserNewContextOptions
    {
        BaseURL = baseUrl, ViewportSize = new ViewportSize { Width = 360, Height = 800 }, IsMobile = true, HasTouch = true, DeviceScaleFactor = 2, AcceptDownloads = true,
    });

    private static byte[] Sheet(params string[][] rows)
    {
        using var wb = new XLWorkbook();
        var ws = wb.Worksheets.Add("Tài khoản");
        string[] header = ["Họ tên", "Tên đăng nhập", "Email", "Vai trò", "Đơn vị"];
        for (var c = 0; c < header.Length; c++) ws.Cell(1, c + 1).SetValue(header[c]);
        for (var r = 0; r < rows.Length; r++)
            for (var c = 0; c < rows[r].Length; c++)
                if (rows[r][c].Length > 0) { ws.Cell(r + 2, c + 1).SetValue(rows[r][c]); ws.Cell(r + 2, c + 1).DataType = XLDataType.Text; }
        using var ms = new MemoryStream();
        wb.SaveAs(ms);
        return ms.ToArray();
    }

    private static async Task<int> ScrollWidthAsync(IPage page) => await page.EvaluateAsync<int>("document.documentElement.scrollWidth");

    [Fact]
    public async Task Admin_creates_accounts_from_a_sheet_and_a_new_judge_chooses_a_password_at_first_sign_in()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var server = await ContestProcess.StartAsync(db);

        await using var desk = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseUrl, ViewportSize = new ViewportSize { Width = 1920, Height = 1080 }, AcceptDownloads = true,
        });
        desk.SetDefaultTimeout(60_000);
        var admin = await desk.NewPageAsync();
        await admin.GotoAsync("/account/login?ReturnUrl=%2Fadmin%2Fusers");
        await admin.FillAsync("#UserName", ContestApp.AdminUser);
        await admin.FillAsync("#Password", ContestApp.AdminPassword);
        await admin.ClickAsync("button[type=submit]");
        await admin.WaitForURLAsync("**/admin/users");
        await admin.ClickAsync("[data-testid=bulk-accounts]");
        await admin.WaitForURLAsync("**/admin/users/import");

        var file = Path.Combine(Path.GetTempPath(), $"tai-khoan-{Guid.NewGuid():N}.xlsx");
        await File.WriteAllBytesAsync(file, Sheet(
            ["Nguyễn Thị Giám Khảo", "gk-lan", "lan@example.org", "Giám khảo", "Huyện Đoàn Bù Đăng"],
            ["Trần Văn Tổ Chức", "btc-tuan", "", "Ban tổ chức", ""],
            ["Lê Văn Lỗi", "lê lỗi", "khong-email", "Thư ký", "Chi đoàn không có"]));
        await admin.SetInputFilesAsync("#Upload", file);
        await admin.ClickAsync("[data-testid=check-accounts]");
        await Expect(admin.Locator("[data-testid=accounts-report]")).ToContainTextAsync("2 tài khoản hợp lệ, 1 dòng lỗi.");
        await Expect(admin.Locator("[data-testid=accounts-problems]")).ToContainTextAsync("Vai trò “Thư ký” không có; chỉ nhận Giám khảo hoặc Ban tổ chức.");
        await BrowserFixture.ShotAsync(admin, "accounts-import-report-1920");

        // The same report on a phone fits the screen: each bad row is a card.
        await using var phoneAdminContext = await Phone(server.BaseUrl);
        var phoneAdmin = await phoneAdminContext.NewPageAsync();
        await phoneAdmin.GotoAsync("/account/login?ReturnUrl=%2Fadmin%2Fusers%2Fimport");
        await phoneAdmin.FillAsync("#UserName", ContestApp.AdminUser);
        await phoneAdmin.FillAsync("#Password", ContestApp.AdminPassword);
        await phoneAdmin.ClickAsync("button[type=submit]");
        await phoneAdmin.WaitForURLAsync("**/admin/users/import");
        await phoneAdmin.SetInputFilesAsync("#Upload", file);
        await phoneAdmin.ClickAsync("[data-testid=check-accounts]");
        await Expect(phoneAdmin.Locator("[data-testid=accounts-problems]")).ToBeVisibleAsync();
        Assert.True(await ScrollWidthAsync(phoneAdmin) <= 360, "the import report scrolls sideways on a phone");
        await BrowserFixture.ShotAsync(phoneAdmin, "accounts-import-report-360");

        await admin.ClickAsync("[data-testid=confirm-accounts]");
        await Expect(admin.Locator("[data-testid=accounts-created]")).ToContainTextAsync("Đã tạo 2 tài khoản.");
        var download = await admin.RunAndWaitForDownloadAsync(() => admin.ClickAsync("[data-testid=download-passwords]"));
        Assert.EndsWith(".xlsx", download.SuggestedFilename);
        var saved = Path.Combine(Path.GetTempPath(), download.SuggestedFilename);
        await download.SaveAsAsync(saved);
        await BrowserFixture.ShotAsync(admin, "accounts-import-done-1920");
        string password;
        using (var wb = new XLWorkbook(saved))
        {
            var ws = wb.Worksheet(1);
            Assert.Equal("gk-lan", ws.Cell(3, 2).GetString());
            password = ws.Cell(3, 3).GetString();
        }

        await admin.GotoAsync("/admin/users");
        await Expect(admin.Locator("[data-testid=users]")).ToContainTextAsync("Chờ đổi mật khẩu tạm, hạn đến");
        await BrowserFixture.ShotAsync(admin, "accounts-users-1920");
        // The admin's own password, from the header, on the big screen: a wrong current password is named as such.
        await admin.ClickAsync("[data-testid=nav-password]");
        await admin.WaitForURLAsync("**/account/password");
        await admin.FillAsync("#Current", "sai-mat-khau");
        await admin.FillAsync("#New", "Quan-tri-moi-2026");
        await admin.FillAsync("#Again", "Quan-tri-moi-2026");
        await admin.ClickAsync("[data-testid=save-password]");
        await Expect(admin.Locator("[data-testid=current-error]")).ToHaveTextAsync("Mật khẩu hiện tại không đúng.");
        await BrowserFixture.ShotAsync(admin, "accounts-admin-password-1920");
        await phoneAdmin.GotoAsync("/admin/users");
        Assert.True(await ScrollWidthAsync(phoneAdmin) <= 360, "the accounts page scrolls sideways on a phone");
        await BrowserFixture.ShotAsync(phoneAdmin, "accounts-users-360");

        // The new judge, on a phone, first time.
        await using var judgeContext = await Phone(server.BaseUrl);
        judgeContext.SetDefaultTimeout(60_000);
        var judge = await judgeContext.NewPageAsync();
        await judge.GotoAsync("/account/login?ReturnUrl=%2Fpitch");
        await judge.FillAsync("#UserName", "gk-lan");
        await judge.FillAsync("#Password", password);
        await judge.ClickAsync("button[type=submit]");
        await judge.WaitForURLAsync("**/account/password?returnUrl=%2Fpitch");
        await Expect(judge.Locator("[data-testid=must-change]")).ToContainTextAsync("Bạn đang dùng mật khẩu tạm");
        Assert.True(await ScrollWidthAsync(judge) <= 360, "the change page scrolls sideways on a phone");
        await BrowserFixture.ShotAsync(judge, "accounts-first-sign-in-360");

        // Any other page brings them back here.
        await judge.GotoAsync("/pitch");
        await judge.WaitForURLAsync("**/account/password?returnUrl=%2Fpitch");

        await judge.FillAsync("#Current", password);
        await judge.FillAsync("#New", "matkhau");
        await judge.FillAsync("#Again", "matkhau");
        await judge.ClickAsync("[data-testid=save-password]");
        await Expect(judge.Locator("[data-testid=new-error]")).ToContainTextAsync("Mật khẩu cần ít nhất 8 ký tự.");
        await Expect(judge.Locator("[data-testid=new-error]")).ToContainTextAsync("Mật khẩu cần ít nhất một chữ hoa (A–Z).");
        await BrowserFixture.ShotAsync(judge, "accounts-weak-password-360");

        await judge.FillAsync("#Current", password);
        await judge.FillAsync("#New", "Lan-cham-thi-2026");
        await judge.FillAsync("#Again", "Lan-cham-thi-2026");
        await judge.ClickAsync("[data-testid=save-password]");
        await Expect(judge.Locator("[data-testid=password-changed]")).ToHaveTextAsync("Đã đổi mật khẩu.");
        await BrowserFixture.ShotAsync(judge, "accounts-changed-360");
        await judge.ClickAsync("[data-testid=change-password] a.button");
        await judge.WaitForURLAsync("**/pitch");
        Assert.True(await ScrollWidthAsync(judge) <= 360, "the header with the password link scrolls sideways on a phone");
        await BrowserFixture.ShotAsync(judge, "accounts-judge-after-360");
    }
}
