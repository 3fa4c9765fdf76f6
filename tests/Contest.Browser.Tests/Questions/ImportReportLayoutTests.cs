using ClosedXML.Excel;
using Contest.Engine.Storage;
using Contest.Testing;
using Microsoft.Playwright;

namespace Contest.Browser.Tests.Questions;

/// <summary>The import report of a workbook with several bad rows, read on a phone and on a wide screen, in Vietnamese.</summary>
public class ImportReportLayoutTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    /// <summary>
    /// What a Vietnamese office sheet looks like: an STT and a notes column, a "Mức độ" column, a date Excel made of
    /// 26/3/1931, a "Tự luận" type, a row with three problems, a duplicate of the demo bank and a long link.
    /// </summary>
    private static string Workbook(string dir)
    {
        var path = Path.Combine(dir, "cau-hoi-co-loi.xlsx");
        using var wb = new XLWorkbook();
        var ws = wb.Worksheets.Add("Câu hỏi tháng 3");
        string[] header = ["STT", "Loại câu hỏi", "Câu hỏi", "Đáp án A", "Đáp án B", "Đáp án C", "Đáp án đúng", "Thời gian (giây)", "Điểm", "Mức độ", "Hình ảnh / âm thanh", "Ghi chú"];
        for (var c = 0; c < header.Length; c++) ws.Cell(1, c + 1).SetValue(header[c]);
        object[][] rows =
        [
            [1, "Điền khuyết", "Đoàn TNCS Hồ Chí Minh thành lập ngày nào?", "", "", "", new DateTime(1931, 3, 26), 30, 1000, "Dễ", "", "ngày"],
            [2, "Một đáp án", "Tháng Thanh niên là tháng mấy?", "Tháng 3", "Tháng 5", "", "A", 20, 1000, "TB", "", ""],
            [3, "Tự luận", "Nêu ý nghĩa của phong trào Thanh niên tình nguyện?", "", "", "", "", 120, 1000, "Khó", "", "câu tự luận"],
            [4, "Một đáp án", "Câu có nhiều lỗi cùng lúc?", "x", "y", "", "D", 601, "nhiều", "Siêu khó", "", ""],
            [5, "Một đáp án", "Tên gọi đầu tiên của Đoàn là gì?", "Đoàn Thanh niên Cộng sản Đông Dương", "Đoàn Thanh niên Cứu quốc", "", "A", 20, 1000, "Dễ", "", ""],
            [6, "Một đáp án", "Ảnh minh họa?", "a", "b", "", "A", 20, 1000, "", "https://example.org/anh-rat-dai/thu-muc-con/khong-co-phan-mo-rong-hop-le-cho-anh-hoac-am-thanh.pdf", ""],
        ];
        for (var r = 0; r < rows.Length; r++)
            for (var c = 0; c < rows[r].Length; c++)
            {
                var cell = ws.Cell(r + 2, c + 1);
                switch (rows[r][c])
                {
                    case int n: cell.SetValue(n); break;
                    case DateTime d: cell.SetValue(d); cell.Style.NumberFormat.NumberFormatId = 14; break;
                    case string { Length: > 0 } s: cell.SetValue(s); break;
                }
            }
        wb.SaveAs(path);
        return path;
    }

    [Fact]
    public async Task Report_of_several_bad_rows_fits_a_phone_and_a_wide_screen()
    {
        var dir = Directory.CreateTempSubdirectory("contest-import-layout-").FullName;
        var path = Workbook(dir);
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var server = await ContestProcess.StartAsync(db);

        foreach (var (name, width, height, phone) in new[] { ("phone", 360, 800, true), ("desktop", 1920, 1080, false) })
        {
            await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = server.BaseUrl, ViewportSize = new ViewportSize { Width = width, Height = height }, IsMobile = phone, HasTouch = phone, DeviceScaleFactor = phone ? 2 : 1,
            });
            context.SetDefaultTimeout(60_000);
            var page = await context.NewPageAsync();
            await page.GotoAsync("/account/login?ReturnUrl=%2Fadmin%2Fbanks");
            await page.FillAsync("#UserName", ContestApp.AdminUser);
            await page.FillAsync("#Password", ContestApp.AdminPassword);
            await page.ClickAsync("button[type=submit]");
            await page.WaitForURLAsync("**/admin/banks");
            await page.ClickAsync("text=Lịch sử Đoàn TNCS Hồ Chí Minh");
            await page.ClickAsync("[data-testid=import-link]");
            if (phone)
            {
                // A 12 MB file is refused before it is sent, in words, with its size.
                var importUrl = page.Url;
                await page.SetInputFilesAsync("#Upload", new FilePayload { Name = "qua-lon.xlsx", MimeType = "application/octet-stream", Buffer = new byte[12 * 1024 * 1024] });
                await page.ClickAsync("[data-testid=check-file]");
                await Assertions.Expect(page.Locator("[data-testid=upload-error]")).ToHaveTextAsync("Tệp quá lớn: 12 MB, tối đa 10 MB.");
                Assert.Equal(importUrl, page.Url);
            }
            await page.SetInputFilesAsync("#Upload", path);
            await page.ClickAsync("[data-testid=check-file]");
            var report = page.Locator("[data-testid=import-report]");
            await report.WaitForAsync();
            var text = await report.InnerTextAsync();

            // Row 2's date answer is read as typed; rows 4–7 are bad (row 6 repeats a question of the demo bank).
            Assert.Contains("2 câu hỏi hợp lệ, 4 dòng lỗi (đọc theo mẫu của hệ thống).", text);
            Assert.Contains("Các cột sau không được dùng, đã bỏ qua: cột A «STT», cột L «Ghi chú».", text);
            Assert.Contains("Loại câu hỏi không rõ: \"Tự luận\". Dùng một trong: Một đáp án, Nhiều đáp án, Đúng/Sai, Điền khuyết, Sắp xếp.", text);
            Assert.Contains("Đáp án đúng số 4 không có (chỉ có 2 đáp án)", text);
            Assert.Contains("Giá trị 601 ngoài khoảng 5–600", text);
            Assert.Contains("Không phải số: \"nhiều\"", text);
            Assert.Contains("Độ khó không rõ: \"Siêu khó\". Dùng Dễ, Trung bình (TB) hoặc Khó.", text);
            Assert.Contains("Trùng với câu hỏi đã có trong ngân hàng «Lịch sử Đoàn TNCS Hồ Chí Minh»", text);
            Assert.DoesNotContain("11408", text);

            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            await BrowserFixture.ShotAsync(page, $"import-report-{name}");
            Assert.True(overflow <= 0, $"{name}: the page scrolls sideways by {overflow} px");
            if (!phone) continue;

            // The same report in English, through the site's language switch.
            await page.GotoAsync("/culture/en?returnUrl=" + Uri.EscapeDataString(new Uri(page.Url).PathAndQuery));
            text = await page.Locator("[data-testid=import-report]").InnerTextAsync();
            Assert.Contains("Good questions: 2; rows with problems: 4 (read as this site's template).", text);
            Assert.Contains("These columns are not used and were ignored: column A “STT”, column L “Ghi chú”.", text);
            Assert.Contains("Unknown question type: \"Tự luận\". Use one of: Single choice, Multiple select, True/false, Fill in the blank, Ordering", text);
            Assert.Contains("Same as a question already in the bank “Lịch sử Đoàn TNCS Hồ Chí Minh”", text);
            Assert.Contains("Unknown difficulty: \"Siêu khó\". Use Easy, Medium or Hard", text);
            await BrowserFixture.ShotAsync(page, "import-report-phone-en");
            Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0);
        }
        Directory.Delete(dir, recursive: true);
    }
}
