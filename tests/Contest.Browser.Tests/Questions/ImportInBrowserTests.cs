using Contest.Admin.Questions.Excel;
using Contest.Engine.Questions;
using Contest.Engine.Storage;
using Contest.Testing;

namespace Contest.Browser.Tests.Questions;

public class ImportInBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Admin_imports_a_file_reads_the_report_confirms_and_finds_the_questions()
    {
        var dir = Directory.CreateTempSubdirectory("contest-import-").FullName;
        var path = Path.Combine(dir, "cau-hoi-thang-thanh-nien.xlsx");
        await using (var file = File.Create(path))
            QuestionSheetWriter.WriteBank(file,
            [
                new Question { Type = QuestionType.SingleChoice, Text = "Ngày Chủ nhật xanh năm 2023 diễn ra vào tháng mấy?", Options = ["Tháng 1", "Tháng 3"], CorrectOptions = [1], Tags = ["Tháng Thanh niên"] },
                new Question { Type = QuestionType.TrueFalse, Text = "Tháng Thanh niên gắn với ngày thành lập Đoàn 26/3.", Options = ["Đúng", "Sai"], CorrectOptions = [0], Tags = ["Tháng Thanh niên"] },
                // No correct answer: the report must name row 4, column I.
                new Question { Type = QuestionType.SingleChoice, Text = "Câu này thiếu đáp án đúng?", Options = ["A", "B"] },
            ], new ImportLimits());

        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var server = await ContestProcess.StartAsync(db);
        await using var context = await browser.DesktopAsync(server.BaseUrl);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/account/login?ReturnUrl=%2Fadmin%2Fbanks");
        await page.FillAsync("#UserName", ContestApp.AdminUser);
        await page.FillAsync("#Password", ContestApp.AdminPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**/admin/banks");
        await page.ClickAsync("text=Lịch sử Đoàn TNCS Hồ Chí Minh");
        await page.ClickAsync("[data-testid=import-link]");

        await page.SetInputFilesAsync("#Upload", path);
        await page.ClickAsync("[data-testid=check-file]");
        var report = page.Locator("[data-testid=import-report]");
        await report.WaitForAsync();
        var text = await report.InnerTextAsync();
        Assert.Contains("2 câu hỏi hợp lệ, 1 dòng lỗi", text);
        Assert.Contains("Thiếu đáp án đúng", text);
        Assert.Contains("I — Đáp án đúng", text);
        await BrowserFixture.ShotAsync(page, "import-report");

        await page.ClickAsync("[data-testid=confirm-import]");
        var saved = page.Locator("[data-testid=import-saved]");
        await saved.WaitForAsync();
        Assert.Equal("Đã nhập 2 câu hỏi vào ngân hàng.", await saved.InnerTextAsync());

        await page.ClickAsync("text=Về ngân hàng");
        await page.FillAsync("#Search", "Chủ nhật xanh");
        await page.ClickAsync("[data-testid=filters] button");
        var rows = await page.Locator("[data-testid=questions] tbody tr").AllInnerTextsAsync();
        Assert.Single(rows);
        Assert.Contains("Ngày Chủ nhật xanh năm 2023 diễn ra vào tháng mấy?", rows[0]);
        // Demo bank: 12 questions + 2 imported.
        Assert.Equal("Hiển thị 1 / 14 câu hỏi", await page.Locator("[data-testid=showing]").InnerTextAsync());
        await BrowserFixture.ShotAsync(page, "bank-after-import");
        Directory.Delete(dir, recursive: true);
    }
}
