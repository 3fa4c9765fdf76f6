using Contest.Engine.Storage;
using Contest.Testing;
using Microsoft.Playwright;

namespace Contest.Browser.Tests.Events;

public class DirectorAndProjectorTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==");

    private static Task<IPage> LoggedInDirectorAsync(IBrowserContext context) => DirectorPages.NewEventAsync(context, "Ngày hội Tháng Thanh niên 2023");

    [Theory]
    [InlineData(1920, 1080)]
    [InlineData(1280, 720)]
    public async Task Director_switches_the_projector_through_its_screens(int width, int height)
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var server = await ContestProcess.StartAsync(db);
        await using var directorContext = await browser.DesktopAsync(server.BaseUrl);
        var director = await LoggedInDirectorAsync(directorContext);
        var link = await director.Locator("[data-testid=projector-link]").InnerTextAsync();

        await using var projectorContext = await browser.DesktopAsync(server.BaseUrl, width, height);
        var projector = await projectorContext.NewPageAsync();
        await projector.GotoAsync(link);
        await Assertions.Expect(projector.Locator(".event-title")).ToHaveTextAsync("Ngày hội Tháng Thanh niên 2023");
        await Assertions.Expect(projector.Locator("#screen")).ToHaveAttributeAsync("data-kind", "Welcome");

        await director.FillAsync("#join-pin", "482913");
        await director.ClickAsync("[data-testid=show-join]");
        await Assertions.Expect(projector.Locator(".pin")).ToHaveTextAsync("482913");
        await Assertions.Expect(projector.Locator("img.qr")).ToBeVisibleAsync();
        var pinBox = await projector.Locator(".pin").BoundingBoxAsync();
        Assert.True(pinBox!.Height >= height * 0.12, $"PIN is {pinBox.Height}px tall on a {height}px screen: too small for a hall");
        await BrowserFixture.ShotAsync(projector, $"projector-join-{width}x{height}");

        await director.FillAsync("#slide-title", "Chương trình");
        await director.FillAsync("#slide-text", "14:00 Khai mạc\n14:30 Rung chuông vàng <b>không phải HTML</b>");
        await director.ClickAsync("[data-testid=show-slide]");
        await Assertions.Expect(projector.Locator(".slide-title")).ToHaveTextAsync("Chương trình");
        await Assertions.Expect(projector.Locator(".slide-text").Nth(1)).ToHaveTextAsync("14:30 Rung chuông vàng <b>không phải HTML</b>");
        Assert.Equal(0, await projector.Locator("img.slide-image").CountAsync());

        // The sponsors' slide with an uploaded image: a real 1×1 PNG, drawn on the projector.
        await director.FillAsync("#slide-title", "Nhà tài trợ");
        await director.SetInputFilesAsync("#slide-image", new FilePayload { Name = "tai-tro.png", MimeType = "image/png", Buffer = Png });
        await director.ClickAsync("[data-testid=show-slide]");
        await Assertions.Expect(projector.Locator(".slide-title")).ToHaveTextAsync("Nhà tài trợ");
        await Assertions.Expect(projector.Locator("img.slide-image")).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("^/media/[0-9a-f]{32}\\.png$"));
        Assert.Equal(1, await projector.Locator("img.slide-image").EvaluateAsync<int>("img => img.complete ? img.naturalWidth : -1"));
        await BrowserFixture.ShotAsync(projector, $"projector-slide-{width}x{height}");

        await director.FillAsync("#b-title", "English Challenge Final");
        await director.SelectOptionAsync("#b-lang", "en");
        await director.ClickAsync("[data-testid=save-branding]");
        await Assertions.Expect(projector.Locator(".event-title")).ToHaveTextAsync("English Challenge Final");

        await director.ClickAsync("[data-testid=show-welcome]");
        await Assertions.Expect(projector.Locator("#screen")).ToHaveAttributeAsync("data-kind", "Welcome");
        Assert.Equal(0, await projector.Locator(".pin").CountAsync());
        Assert.True(await projector.Locator("[data-testid=offline]").IsHiddenAsync());
    }

    [Fact]
    public async Task Projector_survives_a_ten_second_outage_and_shows_the_current_screen()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        var server = await ContestProcess.StartAsync(db);
        var port = server.Port;
        try
        {
            await using var directorContext = await browser.DesktopAsync(server.BaseUrl);
            var director = await LoggedInDirectorAsync(directorContext);
            var link = await director.Locator("[data-testid=projector-link]").InnerTextAsync();
            var eventUrl = director.Url;

            await using var projectorContext = await browser.DesktopAsync(server.BaseUrl, 1920, 1080);
            var projector = await projectorContext.NewPageAsync();
            await projector.GotoAsync(link);
            await Assertions.Expect(projector.Locator("#screen")).ToHaveAttributeAsync("data-kind", "Welcome");

            // The hall's network goes down: the server disappears for 10 s.
            await server.DisposeAsync();
            await Assertions.Expect(projector.Locator("[data-testid=offline]")).ToBeVisibleAsync(new() { Timeout = 15_000 });
            await Task.Delay(TimeSpan.FromSeconds(10));

            // Meanwhile the director moved on (a second server over the same data, as after a restart).
            server = ContestProcess.Start(new Dictionary<string, string>
            {
                ["Contest__DataDirectory"] = db.DataDirectory,
                ["Contest__AdminPassword"] = ContestApp.AdminPassword,
            }, port);
            await server.WaitReadyAsync(TimeSpan.FromSeconds(60));
            await director.GotoAsync(eventUrl);
            if (director.Url.Contains("/account/login"))
            {
                await director.FillAsync("#UserName", ContestApp.AdminUser);
                await director.FillAsync("#Password", ContestApp.AdminPassword);
                await director.ClickAsync("button[type=submit]");
                await director.WaitForURLAsync(eventUrl);
            }
            await director.FillAsync("#slide-title", "Giải lao 15 phút");
            await director.ClickAsync("[data-testid=show-slide]");

            await Assertions.Expect(projector.Locator(".slide-title")).ToHaveTextAsync("Giải lao 15 phút", new() { Timeout = 20_000 });
            await Assertions.Expect(projector.Locator("[data-testid=offline]")).ToBeHiddenAsync();
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_revoked_projector_link_stops_working()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var server = await ContestProcess.StartAsync(db);
        await using var directorContext = await browser.DesktopAsync(server.BaseUrl);
        var director = await LoggedInDirectorAsync(directorContext);
        var oldLink = await director.Locator("[data-testid=projector-link]").InnerTextAsync();

        await using var projectorContext = await browser.DesktopAsync(server.BaseUrl, 1280, 720);
        var projector = await projectorContext.NewPageAsync();
        await projector.GotoAsync(oldLink);
        await Assertions.Expect(projector.Locator("#screen")).ToHaveAttributeAsync("data-kind", "Welcome");

        await director.ClickAsync("[data-testid=revoke]");
        var newLink = await director.Locator("[data-testid=projector-link]").InnerTextAsync();
        Assert.NotEqual(oldLink, newLink);

        await Assertions.Expect(projector.Locator("[data-testid=revoked]")).ToBeVisibleAsync();
        await director.FillAsync("#join-pin", "123456");
        await director.ClickAsync("[data-testid=show-join]");
        await Task.Delay(1000);
        Assert.Equal(0, await projector.Locator(".pin").CountAsync());

        var reopened = await projectorContext.NewPageAsync();
        var response = await reopened.GotoAsync(oldLink);
        Assert.Equal(404, response!.Status);
        await Assertions.Expect(reopened.Locator("[data-testid=revoked]")).ToContainTextAsync("đã bị thu hồi");

        var fresh = await projectorContext.NewPageAsync();
        await fresh.GotoAsync(newLink);
        await Assertions.Expect(fresh.Locator(".pin")).ToHaveTextAsync("123456");
    }
}
