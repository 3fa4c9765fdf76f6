using Contest.Engine.Storage;
using Contest.Testing;
using Microsoft.Playwright;

namespace Contest.Browser.Tests.Rounds;

/// <summary>The round form's integrity settings (on/off, reading floor) in Vietnamese, on a 360×800 phone and a 1920×1080 screen.</summary>
public class IntegritySettingsBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_round_form_shows_the_integrity_settings_with_their_defaults_and_refuses_a_floor_out_of_range()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var server = await ContestProcess.StartAsync(db);
        foreach (var (width, height) in new[] { (360, 800), (1920, 1080) })
        {
            await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = server.BaseUrl, ViewportSize = new ViewportSize { Width = width, Height = height }, IsMobile = width < 500, HasTouch = width < 500, BypassCSP = true, // only to turn off the browser's own range check below
            });
            context.SetDefaultTimeout(60_000);
            var page = await context.NewPageAsync();
            await page.GotoAsync("/account/login?ReturnUrl=%2Fadmin%2Frounds%2Fedit");
            await page.FillAsync("#UserName", ContestApp.AdminUser);
            await page.FillAsync("#Password", ContestApp.AdminPassword);
            await page.ClickAsync("button[type=submit]");
            await page.WaitForURLAsync("**/admin/rounds/edit");

            var settings = page.Locator("[data-testid=integrity-settings]");
            Assert.Equal("Kiểm tra tính trung thực", (await settings.Locator("legend").InnerTextAsync()).Trim());
            Assert.True(await page.Locator("#IntegrityChecks").IsCheckedAsync());
            Assert.Equal("20", await page.InputValueAsync("#ReadingMsPerCharacter"));
            Assert.Equal("1.5", await page.InputValueAsync("#ReadingMinimumSeconds"));
            var box = (await settings.BoundingBoxAsync())!;
            Assert.True(box.X >= 0 && box.X + box.Width <= width, $"the settings overflow a {width} px screen: {box.X} + {box.Width}");
            await settings.ScrollIntoViewIfNeededAsync();
            await settings.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, $"integrity-settings-{width}x{height}.png") });

            // 5,000 ms per character is out of range; the browser's own range check is bypassed to reach the server's.
            await page.Locator("form:has([data-testid=save-round])").EvaluateAsync("f => f.noValidate = true");
            await page.FillAsync("#ReadingMsPerCharacter", "5000");
            await page.ClickAsync("[data-testid=save-round]");
            var error = page.Locator("[data-valmsg-for=ReadingMsPerCharacter], span.field-error").Filter(new LocatorFilterOptions { HasText = "mili giây" });
            Assert.Equal("Thời gian đọc mỗi ký tự là số từ 0 đến 1.000 mili giây.", (await error.First.InnerTextAsync()).Trim());
            await BrowserFixture.ShotAsync(page, $"integrity-settings-error-{width}x{height}");
        }
    }
}
