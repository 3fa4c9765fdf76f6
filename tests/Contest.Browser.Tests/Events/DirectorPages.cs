using Contest.Testing;
using Microsoft.Playwright;

namespace Contest.Browser.Tests.Events;

/// <summary>The organizer's side of the event screens in a browser: log in, make an event, choose what its projectors show.</summary>
internal static class DirectorPages
{
    /// <summary>Logs in as the admin, creates an event on /events and returns its director page.</summary>
    public static async Task<IPage> NewEventAsync(IBrowserContext context, string title, string language = "vi")
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login?ReturnUrl=%2Fevents");
        await page.FillAsync("#UserName", ContestApp.AdminUser);
        await page.FillAsync("#Password", ContestApp.AdminPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**/events");
        await page.FillAsync("#Title", title);
        await page.SelectOptionAsync("#Language", language);
        await page.ClickAsync("[data-testid=create-event]");
        await page.WaitForURLAsync("**/events/*");
        return page;
    }

    public static Task<string> ProjectorLinkAsync(IPage director) => director.Locator("[data-testid=projector-link]").InnerTextAsync();

    /// <summary>Chooses <paramref name="target"/> in the card of a feature screen and shows it; waits for the page to confirm.</summary>
    public static async Task ShowAsync(IPage director, string kind, string target)
    {
        await director.SelectOptionAsync($"#target-{kind}", target);
        await director.ClickAsync($"[data-testid=show-{kind}]");
        await director.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        Assert.Equal(0, await director.Locator("[data-testid=director-error]").CountAsync());
    }

    /// <summary>Opens the projector link at a hall's screen size, recording every WebSocket frame it receives.</summary>
    public static async Task<(IPage Page, List<string> Frames)> ProjectorAsync(IBrowserContext context, string link)
    {
        var page = await context.NewPageAsync();
        var frames = new List<string>();
        page.WebSocket += (_, ws) => ws.FrameReceived += (_, f) => { lock (frames) frames.Add(f.Text ?? ""); };
        await page.GotoAsync(link);
        await Assertions.Expect(page.Locator("#screen")).ToHaveAttributeAsync("data-kind", "Welcome");
        return (page, frames);
    }

    public static Task<string[]> NamesAsync(IPage projector, string board) =>
        projector.Locator($"[data-testid={board}] li .name").EvaluateAllAsync<string[]>("els => els.map(e => e.firstChild.textContent)");

    public static Task<IReadOnlyList<string>> ScoresAsync(IPage projector, string board) =>
        projector.Locator($"[data-testid={board}] li .score").AllInnerTextsAsync();
}
