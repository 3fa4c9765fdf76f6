using Microsoft.Playwright;

namespace Contest.Browser.Tests;

/// <summary>One Debian Chromium per test class, driven by Playwright (never a downloaded browser).</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public static string ArtifactsDirectory
    {
        get
        {
            var dir = Environment.GetEnvironmentVariable("CONTEST_ARTIFACTS") is { Length: > 0 } d ? d : Path.Combine(Path.GetTempPath(), "contest-artifacts");
            var shots = Path.Combine(dir, "screenshots");
            Directory.CreateDirectory(shots);
            return shots;
        }
    }

    public async Task InitializeAsync()
    {
        // Generous waits: CI machines have 2 cores, and a cold server's first page or a SignalR update can take seconds there.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CONTEST_CHROMIUM") is { Length: > 0 } c ? c : "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
    }

    /// <summary>A phone: 360 px wide, touch, the size the youths' phones have.</summary>
    public Task<IBrowserContext> PhoneAsync(string baseUrl) => WithTimeouts(Browser.NewContextAsync(new BrowserNewContextOptions
    {
        BaseURL = baseUrl, ViewportSize = new ViewportSize { Width = 360, Height = 740 }, IsMobile = true, HasTouch = true, DeviceScaleFactor = 2,
    }));

    public Task<IBrowserContext> DesktopAsync(string baseUrl, int width = 1366, int height = 800) => WithTimeouts(Browser.NewContextAsync(new BrowserNewContextOptions
    {
        BaseURL = baseUrl, ViewportSize = new ViewportSize { Width = width, Height = height },
    }));

    private static async Task<IBrowserContext> WithTimeouts(Task<IBrowserContext> creating)
    {
        var context = await creating;
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        return context;
    }

    public static Task ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ArtifactsDirectory, name + ".png"), FullPage = true });

    /// <summary>
    /// Waits until a JavaScript expression is true. Playwright's WaitForFunction runs its predicate through eval inside
    /// the page, which the site's content policy refuses; an evaluation from the test (the DevTools protocol) is allowed.
    /// </summary>
    public static async Task WaitUntilAsync(IPage page, string expression, int timeoutMs = 30_000)
    {
        var until = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!await page.EvaluateAsync<bool>(expression))
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"Still false after {timeoutMs} ms: {expression}");
            await Task.Delay(50);
        }
    }
}
