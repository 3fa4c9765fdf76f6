using System.Text.RegularExpressions;
using ClosedXML.Excel;
using Contest.Engine.Storage;
using Contest.Testing;
using Microsoft.Playwright;

namespace Contest.Browser.Tests.Units;

/// <summary>An organizer imports a unit tree with a roster on a phone and on a wide screen, in Vietnamese, then edits a unit.</summary>
public partial class UnitPagesBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    /// <summary>A district's sheet: four good units (one "Chi đoàn 1A" like the demo's), two bad rows, and a roster with one bad date.</summary>
    private static string Workbook(string dir, string tag)
    {
        var path = Path.Combine(dir, $"don-vi-{tag}.xlsx");
        using var wb = new XLWorkbook();
        var ws = wb.Worksheets.Add("Đơn vị");
        string[] header = ["STT", "Mã đơn vị", "Tên đơn vị", "Cấp", "Mã đơn vị cấp trên", "Số đoàn viên"];
        for (var c = 0; c < header.Length; c++) ws.Cell(1, c + 1).SetValue(header[c]);
        string[][] rows =
        [
            // The province added before the import (the demo's) has no code yet: the row gives it one, found by its name.
            ["0", "TINH", Contest.Engine.Demo.DemoData.ProvinceName, "Tỉnh đoàn", "", "64000"],
            ["1", $"HD-BUDANG-{tag}", $"Huyện đoàn Bù Đăng {tag}", "Huyện đoàn", "TINH", "4200"],
            ["2", $"XD-DUCLIEU-{tag}", "Xã Đoàn Đức Liễu", "Đoàn cơ sở", $"HD-BUDANG-{tag}", "310"],
            ["3", $"CD-1A-{tag}", "Chi đoàn 1A", "Chi đoàn", $"XD-DUCLIEU-{tag}", "28"],
            ["4", $"CD-2B-{tag}", "Chi đoàn 2B", "Chi đoàn", $"XD-DUCLIEU-{tag}", "hai mươi"],
            ["5", $"CD-3C-{tag}", "Chi đoàn 3C", "Chi bộ", $"XD-KHONGCO-{tag}", "12"],
        ];
        for (var r = 0; r < rows.Length; r++)
            for (var c = 0; c < rows[r].Length; c++) ws.Cell(r + 2, c + 1).SetValue(rows[r][c]);
        var rs = wb.Worksheets.Add("Đoàn viên");
        string[] rosterHeader = ["Mã đơn vị", "Tên đơn vị", "Họ và tên", "Số thẻ đoàn viên", "Ngày sinh"];
        for (var c = 0; c < rosterHeader.Length; c++) rs.Cell(1, c + 1).SetValue(rosterHeader[c]);
        object[][] roster =
        [
            [$"CD-1A-{tag}", "Chi đoàn 1A", "Nguyễn Văn An", "0123456", new DateTime(2004, 3, 26)],
            [$"CD-1A-{tag}", "Chi đoàn 1A", "Trần Thị Bình", "", new DateTime(2005, 11, 2)],
            [$"CD-1A-{tag}", "Chi đoàn 1A", "Lê Minh Châu", "", "31/02/2004"],
        ];
        for (var r = 0; r < roster.Length; r++)
            for (var c = 0; c < roster[r].Length; c++)
            {
                var cell = rs.Cell(r + 2, c + 1);
                if (roster[r][c] is DateTime d) { cell.SetValue(d); cell.Style.NumberFormat.Format = "dd/mm/yyyy"; }
                else cell.SetValue((string)roster[r][c]);
            }
        wb.SaveAs(path);
        return path;
    }

    [Fact]
    public async Task An_organizer_imports_a_tree_with_a_roster_and_edits_a_unit_on_a_phone_and_a_wide_screen()
    {
        var dir = Directory.CreateTempSubdirectory("contest-units-").FullName;
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var server = await ContestProcess.StartAsync(db);
        var (user, password) = await OrganizerAsync(server.BaseUrl);

        foreach (var (name, width, height, phone) in new[] { ("phone", 360, 800, true), ("desktop", 1920, 1080, false) })
        {
            await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = server.BaseUrl, ViewportSize = new ViewportSize { Width = width, Height = height }, IsMobile = phone, HasTouch = phone, DeviceScaleFactor = phone ? 2 : 1,
            });
            context.SetDefaultTimeout(60_000);
            var page = await context.NewPageAsync();
            await page.GotoAsync("/account/login?ReturnUrl=%2Fadmin%2Funits");
            await page.FillAsync("#UserName", user);
            await page.FillAsync("#Password", password);
            await page.ClickAsync("button[type=submit]");
            await page.WaitForURLAsync("**/admin/units");
            await BrowserFixture.ShotAsync(page, $"units-tree-{name}");
            await NoSidewaysScrollAsync(page, name);

            await page.ClickAsync("[data-testid=unit-import-link]");
            await page.SetInputFilesAsync("#Workbook", Workbook(dir, name == "phone" ? "P" : "D"));
            await page.ClickAsync("[data-testid=check-file]");
            var report = page.Locator("[data-testid=import-report]");
            await report.WaitForAsync();
            var text = await report.InnerTextAsync();
            Assert.Contains(phone ? "Nếu xác nhận: thêm 3 đơn vị, thay đổi 1, giữ nguyên 0; 3 dòng lỗi sẽ không được nhập."
                : "Nếu xác nhận: thêm 3 đơn vị, thay đổi 0, giữ nguyên 1; 3 dòng lỗi sẽ không được nhập.", text);
            Assert.Contains("Danh sách đoàn viên: thêm 2, sửa 0, xóa 0, giữ nguyên 0.", text);
            Assert.Contains("Các cột sau không được dùng, đã bỏ qua: trang «Đơn vị» cột A «STT».", text);
            Assert.Contains("«hai mươi» không phải số nguyên từ 0 trở lên.", text);
            Assert.Contains("Cấp «Chi bộ» không rõ", text);
            Assert.Contains("«31/02/2004» không phải ngày hợp lệ", text);
            await BrowserFixture.ShotAsync(page, $"units-import-report-{name}");
            await NoSidewaysScrollAsync(page, name);

            await page.ClickAsync("[data-testid=confirm-import]");
            await Assertions.Expect(page.Locator("[data-testid=import-saved]")).ToHaveTextAsync($"Đã nhập: thêm 3 đơn vị, thay đổi {(phone ? 1 : 0)}; đoàn viên thêm 2, sửa 0, xóa 0.");
            await BrowserFixture.ShotAsync(page, $"units-import-saved-{name}");

            // The imported chapter, told apart from the demo's "Chi đoàn 1A" by its path.
            await page.GotoAsync("/admin/units");
            var tag = name == "phone" ? "P" : "D";
            await page.ClickAsync($"li:has(> a:has-text('Huyện đoàn Bù Đăng {tag}')) a:has-text('Chi đoàn 1A')");
            await Assertions.Expect(page.Locator("[data-testid=unit-path]")).ToContainTextAsync($"Huyện đoàn Bù Đăng {tag} › Xã Đoàn Đức Liễu › Chi đoàn 1A");
            Assert.Equal("Danh sách đoàn viên: 2 người.", await page.Locator("[data-testid=roster-count]").InnerTextAsync());
            Assert.Contains("2 đoàn viên trong danh sách", await page.Locator("[data-testid=unit-usage]").InnerTextAsync());
            await page.FillAsync("#Code", "cd 1a");
            await page.ClickAsync("[data-testid=edit-unit] button[type=submit]");
            await Assertions.Expect(page.Locator("[data-valmsg-for=Code]")).ToHaveTextAsync("Mã chỉ gồm chữ cái không dấu A–Z, chữ số và . _ -, tối đa 40 ký tự.");
            await BrowserFixture.ShotAsync(page, $"units-edit-{name}");
            await NoSidewaysScrollAsync(page, name);
        }
        Directory.Delete(dir, recursive: true);
    }

    private static async Task NoSidewaysScrollAsync(IPage page, string name)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"{name}: {page.Url} scrolls sideways by {overflow} px");
    }

    /// <summary>The admin creates an organizer account on the users page; the organizer then does the work.</summary>
    private async Task<(string User, string Password)> OrganizerAsync(string baseUrl)
    {
        await using var context = await browser.DesktopAsync(baseUrl);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login?ReturnUrl=%2Fadmin%2Fusers");
        await page.FillAsync("#UserName", ContestApp.AdminUser);
        await page.FillAsync("#Password", ContestApp.AdminPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**/admin/users");
        await page.FillAsync("#UserName", "btc-donvi");
        await page.SelectOptionAsync("#Role", "Organizer");
        await page.ClickAsync("form:has(#UserName) button[type=submit]");
        var shown = await page.Locator("text=Mật khẩu tạm:").First.InnerTextAsync();
        var temporary = TempPassword().Match(shown).Groups[1].Value;

        // A temporary password must be changed at first sign-in (accounts lane): the organizer chooses one once.
        await using var own = await browser.DesktopAsync(baseUrl);
        var first = await own.NewPageAsync();
        await first.GotoAsync("/account/login?ReturnUrl=%2Fadmin%2Funits");
        await first.FillAsync("#UserName", "btc-donvi");
        await first.FillAsync("#Password", temporary);
        await first.ClickAsync("button[type=submit]");
        await first.WaitForURLAsync("**/account/password?**");
        const string chosen = "Don-vi-Btc-2026";
        await first.FillAsync("#Current", temporary);
        await first.FillAsync("#New", chosen);
        await first.FillAsync("#Again", chosen);
        await first.ClickAsync("[data-testid=save-password]");
        await Assertions.Expect(first.Locator("[data-testid=password-changed]")).ToBeVisibleAsync();
        return ("btc-donvi", chosen);
    }

    [GeneratedRegex(@"Mật khẩu tạm: (\S+)")]
    private static partial Regex TempPassword();
}
