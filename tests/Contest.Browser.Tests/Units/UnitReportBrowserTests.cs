using Contest.Engine.Storage;
using Contest.Testing;
using Contest.Testing.Units;
using Microsoft.Playwright;

namespace Contest.Browser.Tests.Units;

/// <summary>The organizer's side of the picker: the round report's unit tree and the users page, on a phone and a wide screen.</summary>
public class UnitReportBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData(360, 800)]
    [InlineData(1920, 1080)]
    public async Task The_report_opens_the_tree_at_a_unit_found_by_the_picker_and_the_users_page_picks_a_chapter(int width, int height)
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        var units = await UnitTreeSeed.CreateAsync(db);
        var roundId = await units.ClosedRoundAsync(db);
        await using var server = await ContestProcess.StartAsync(db);
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseUrl, ViewportSize = new ViewportSize { Width = width, Height = height }, IsMobile = width < 800, HasTouch = width < 800,
        });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/account/login?ReturnUrl=%2Fadmin%2Frounds%2Freport%2F{roundId}");
        await page.FillAsync("#UserName", ContestApp.AdminUser);
        await page.FillAsync("#Password", ContestApp.AdminPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync($"**/admin/rounds/report/{roundId}");

        // The top of the tree: the province and its two districts, each row its subtree's subtotal.
        await Assertions.Expect(page.Locator("[data-testid=unit-stats] tbody tr")).ToHaveCountAsync(3);
        // Picking "Xã Đoàn Đức Liễu" (typed without accents) opens the tree there, with the way back up.
        await UnitPickerSteps.ChooseAsync(page, "unit-find", "duc lieu", units.DucLieu);
        await page.WaitForURLAsync($"**unit={units.DucLieu}**");
        await Assertions.Expect(page.Locator("[data-testid=unit-trail]")).ToContainTextAsync("Huyện Đoàn Bù Đăng");
        await Assertions.Expect(page.Locator($"[data-testid=unit-row-{units.DucLieu1A}]")).ToContainTextAsync("66,7%");
        await page.Locator("#units").ScrollIntoViewIfNeededAsync();
        await BrowserFixture.ShotAsync(page, $"unit-report-{width}x{height}");
        if (width < 800)
            Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 360"), "the report scrolls sideways at 360 px");

        // Users: the unit of a new organizer is chosen among the three "Chi đoàn 1A" by its path.
        await page.GotoAsync("/admin/users");
        await page.Locator("#UserName").FillAsync("btc-ducliu");
        var box = page.Locator("#UnitId-search");
        await box.ClickAsync();
        await box.PressSequentiallyAsync("chi doan 1a");
        await Assertions.Expect(page.Locator("#UnitId-list [role=option] .up-name")).ToHaveTextAsync(["Chi đoàn 1A", "Chi đoàn 1A", "Chi đoàn 1A"]);
        await BrowserFixture.ShotAsync(page, $"unit-users-{width}x{height}");
        await page.Locator($"#UnitId-list [role=option][data-id='{units.TanPhu1A}']").ClickAsync();
        await Assertions.Expect(page.Locator("#UnitId")).ToHaveValueAsync(units.TanPhu1A.ToString());
        await Assertions.Expect(box).ToHaveValueAsync("Thành Đoàn Đồng Xoài › Đoàn Phường Tân Phú › Chi đoàn 1A");
    }
}
