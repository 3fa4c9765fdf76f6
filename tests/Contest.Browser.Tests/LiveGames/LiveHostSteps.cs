using Contest.Testing;
using Microsoft.Playwright;

namespace Contest.Browser.Tests.LiveGames;

/// <summary>The host's way into a game, shared by the live-game browser tests.</summary>
internal static class LiveHostSteps
{
    /// <summary>Signs the admin in on /live/host, creates a game from the bank with the chosen options, and returns its PIN.</summary>
    public static async Task<string> CreateGameAsync(IPage host, int bankId, int count, Func<IPage, Task> chooseOptions)
    {
        await host.GotoAsync("/account/login?ReturnUrl=%2Flive%2Fhost");
        await host.FillAsync("#UserName", ContestApp.AdminUser);
        await host.FillAsync("#Password", ContestApp.AdminPassword);
        await host.ClickAsync("button[type=submit]");
        await host.WaitForURLAsync("**/live/host");
        await host.SelectOptionAsync("#BankId", bankId.ToString());
        await host.FillAsync("#Count", count.ToString());
        await chooseOptions(host);
        await host.ClickAsync("[data-testid=create-game] button[type=submit]");
        await host.WaitForURLAsync("**/live/host/*");
        return (await host.Locator("[data-testid=big-pin]").InnerTextAsync()).Trim();
    }
}
