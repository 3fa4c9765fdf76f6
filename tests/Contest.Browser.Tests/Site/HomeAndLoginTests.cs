using Contest.Engine.Storage;
using Contest.Testing;
using Microsoft.Playwright;

namespace Contest.Browser.Tests.Site;

public class HomeAndLoginTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Phone_home_page_shows_the_join_form_and_demo_contests_and_switches_to_english()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var server = await ContestProcess.StartAsync(db);
        await using var context = await browser.PhoneAsync(server.BaseUrl);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");

        Assert.Equal("Vào trò chơi", await page.Locator("#join h2").InnerTextAsync());
        var contests = await page.Locator("[data-testid=contests] li").AllInnerTextsAsync();
        Assert.Contains(contests, c => c.Contains("Lịch sử Đoàn"));
        // Touch target: the join button is at least 48 px tall and fits the 360 px screen.
        var box = await page.Locator("#join button").BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.Height >= 48, $"button height {box.Height}");
        Assert.True(box.X + box.Width <= 360, $"button overflows: {box.X + box.Width}");
        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 360, $"page scrolls sideways: {scrollWidth}");
        await BrowserFixture.ShotAsync(page, "home-phone");

        await page.ClickAsync("[data-testid=lang-switch]");
        await page.WaitForURLAsync("**/");
        Assert.Equal("Join a game", await page.Locator("#join h2").InnerTextAsync());
    }

    [Fact]
    public async Task Admin_logs_in_and_sees_the_overview()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var server = await ContestProcess.StartAsync(db);
        await using var context = await browser.DesktopAsync(server.BaseUrl);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/admin");
        Assert.Contains("/account/login", page.Url);
        await page.FillAsync("#UserName", ContestApp.AdminUser);
        await page.FillAsync("#Password", "not-the-password");
        await page.ClickAsync("button[type=submit]");
        Assert.Equal("Sai tên đăng nhập hoặc mật khẩu.", await page.Locator("[data-testid=login-error]").InnerTextAsync());

        await page.FillAsync("#UserName", ContestApp.AdminUser);
        await page.FillAsync("#Password", ContestApp.AdminPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**/admin");
        Assert.Equal("Quản trị", await page.Locator("main h1").InnerTextAsync());
        await BrowserFixture.ShotAsync(page, "admin-overview");
    }
}
