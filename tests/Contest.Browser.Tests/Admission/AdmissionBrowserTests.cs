using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Contest.Engine.Questions;
using Contest.Engine.Storage;
using Contest.Testing;
using Microsoft.Playwright;

namespace Contest.Browser.Tests.Admission;

/// <summary>What a refused phone shows (issue 18, admission control): a full game, then a full node.</summary>
public class AdmissionBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_phone_is_told_the_game_is_full_and_another_that_the_server_is_busy_while_the_player_in_stays()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        int bankId;
        await using (var ctx = db.NewContext())
        {
            var bank = new QuestionBank
            {
                Name = "Đủ người",
                Questions = [new Question { Text = "Đoàn thành lập năm nào?", Type = QuestionType.SingleChoice, Options = ["1930", "1931"], CorrectOptions = [1], TimeLimitSeconds = 60 }],
            };
            ctx.QuestionBanks.Add(bank);
            await ctx.SaveChangesAsync();
            bankId = bank.Id;
        }
        // Room for two hub connections, one player per game.
        await using var node = await ContestProcess.StartAsync(db, new Dictionary<string, string>
        {
            ["Contest__Admission__MaxConnections"] = "2", ["Contest__Admission__MaxPlayersPerGame"] = "1",
        });
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(node.BaseUrl) };
        await AccountFlows.LoginAsync(http, ContestApp.AdminUser, ContestApp.AdminPassword);
        var created = await http.PostAsJsonAsync("/api/live/games", new { bankId });
        created.EnsureSuccessStatusCode();
        var pin = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("pin").GetString();

        await using var firstContext = await browser.PhoneAsync(node.BaseUrl);
        var first = await firstContext.NewPageAsync();
        await first.GotoAsync($"/play?pin={pin}");
        await first.FillAsync("[data-testid=nickname]", "An");
        await first.ClickAsync("[data-testid=join]");
        await first.Locator("[data-testid=waiting]").WaitForAsync();

        // The second phone connects (the node's second connection) but the game holds one player.
        await using var secondContext = await browser.PhoneAsync(node.BaseUrl);
        var second = await secondContext.NewPageAsync();
        await second.GotoAsync($"/play?pin={pin}");
        await second.FillAsync("[data-testid=nickname]", "Bình");
        await second.ClickAsync("[data-testid=join]");
        await Assertions.Expect(second.Locator("[data-testid=join-form] .error")).ToHaveTextAsync("Trận đã đủ người.");
        await BrowserFixture.ShotAsync(second, "admission-game-full-360");

        // The third finds the node full: refused before its connection opens, told to come back later.
        await using var thirdContext = await browser.PhoneAsync(node.BaseUrl);
        var third = await thirdContext.NewPageAsync();
        await third.GotoAsync($"/play?pin={pin}");
        await Assertions.Expect(third.Locator("[data-testid=play-status]")).ToHaveTextAsync("Máy chủ đang bận, vui lòng thử lại sau ít phút.");
        await BrowserFixture.ShotAsync(third, "admission-server-busy-360");
        await using var wideContext = await browser.DesktopAsync(node.BaseUrl, 1920, 1080);
        var wide = await wideContext.NewPageAsync();
        await wide.GotoAsync($"/play?pin={pin}");
        await Assertions.Expect(wide.Locator("[data-testid=play-status]")).ToHaveTextAsync("Máy chủ đang bận, vui lòng thử lại sau ít phút.");
        await BrowserFixture.ShotAsync(wide, "admission-server-busy-1920");

        // The player already in noticed nothing: still waiting, still connected.
        await Assertions.Expect(first.Locator("[data-testid=waiting]")).ToBeVisibleAsync();
        var health = await http.GetFromJsonAsync<JsonElement>("/healthz");
        var connections = health.GetProperty("checks").GetProperty("connections");
        Assert.Equal(("Degraded", 2), (connections.GetProperty("status").GetString(), connections.GetProperty("data").GetProperty("open").GetInt32()));
    }
}
