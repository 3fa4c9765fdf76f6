using Contest.Browser.Tests.Site;
using Contest.Engine.Storage;
using Contest.Testing;
using Microsoft.Playwright;

namespace Contest.Browser.Tests.Contests;

/// <summary>
/// The organizer's setup pages — contests, the contest form, the first-event checklist, start clean — used as an
/// organizer would, on a 360×800 phone and at 1920×1080, in Vietnamese: nothing wider than the screen, every target
/// at least 44 px, screenshots kept.
/// </summary>
public class ContestPagesFitTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Contest_pages_and_the_checklist_fit_a_phone_and_a_wide_screen()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var server = await ContestProcess.StartAsync(db);
        var problems = new List<string>();
        foreach (var (device, make) in new (string, Func<Task<IBrowserContext>>)[]
                 {
                     ("phone", () => browser.PhoneAsync(server.BaseUrl)),
                     ("wide", () => browser.DesktopAsync(server.BaseUrl, 1920, 1080)),
                 })
        {
            await using var context = await make();
            var page = await context.NewPageAsync();
            await page.GotoAsync("/account/login");
            await page.FillAsync("#UserName", ContestApp.AdminUser);
            await page.FillAsync("#Password", ContestApp.AdminPassword);
            await page.ClickAsync("button[type=submit]");
            await page.WaitForURLAsync("**/");

            // The form sent empty shows its messages; then a real contest is created from it.
            await page.GotoAsync("/admin/contests/edit");
            await page.EvalOnSelectorAsync("form[data-testid=contest-form]", "f => f.noValidate = true");
            await page.ClickAsync("form[data-testid=contest-form] button[type=submit]");
            await page.WaitForSelectorAsync("[data-testid=contest-error]");
            await CheckAsync(page, $"contests-{device}-form-errors", problems);
            var name = device == "phone" ? "Cuộc thi trực tuyến tìm hiểu Nghị quyết Đại hội Đoàn toàn quốc lần thứ XII" : "Hội thi Tiếng Anh — English Challenge 2027";
            await page.FillAsync("#Name", name);
            await page.CheckAsync("input[name=Kinds][value=OnlineRound]");
            if (device == "wide") await page.CheckAsync("input[name=Kinds][value=English]");
            await page.FillAsync("#StartsOn", "2027-02-26");
            await page.FillAsync("#EndsOn", "2027-03-31");
            await page.FillAsync("#Description", "Mỗi tuần một vòng, mở thứ Hai 8:00, đóng Chủ nhật 20:00 (giờ Việt Nam).");
            await page.ClickAsync("form[data-testid=contest-form] button[type=submit]");
            await page.WaitForURLAsync("**/admin/contests?saved=*");
            Assert.Contains(name, await page.InnerTextAsync("[data-testid=contests-message]"));

            // Archive one demo contest (another on each pass: they share the database) so both lists show.
            await page.ClickAsync($"li:has-text('{(device == "phone" ? "Rung chuông vàng" : "English Challenge — Youth Month")}') button:text-is('Lưu trữ')");
            await page.WaitForSelectorAsync("[data-testid=contests-message]:has-text('Đã lưu trữ')");
            await page.WaitForSelectorAsync("[data-testid=archived-contests]");
            await CheckAsync(page, $"contests-{device}-list", problems);

            foreach (var path in new[] { "/admin", "/admin/checklist", "/admin/start-clean" })
            {
                await page.GotoAsync(path);
                await CheckAsync(page, $"contests-{device}{path.Replace('/', '-')}", problems);
            }
            if (device == "wide")
            {
                // Start clean, typed as the admin would, then the checklist with only the organizers' contest.
                await page.FillAsync("#Confirmation", "XÓA DỮ LIỆU MẪU");
                await page.ClickAsync("form[data-testid=start-clean] button[type=submit]");
                await page.WaitForSelectorAsync("[data-testid=clean-done]");
                await CheckAsync(page, $"contests-{device}-start-clean-done", problems);
                await page.GotoAsync("/admin/checklist");
                Assert.Equal("true", await page.GetAttributeAsync("[data-testid='step-Check.Contest']", "data-done"));
                Assert.Equal("false", await page.GetAttributeAsync("[data-testid='step-Check.Units']", "data-done"));
                await CheckAsync(page, $"contests-{device}-checklist-after-clean", problems);
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static async Task CheckAsync(IPage page, string shot, List<string> problems)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        foreach (var p in await page.EvaluateAsync<string[]>(SitePagesFitTests.Measure)) problems.Add($"{shot}: {p}");
        await BrowserFixture.ShotAsync(page, shot);
    }
}
