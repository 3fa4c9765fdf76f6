using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Contest.Engine.Leaderboards;
using Contest.Engine.LiveGames;
using Contest.Engine.Questions;
using Contest.Engine.Questions.Answers;
using Contest.Engine.Storage;
using Contest.Testing;
using Contest.Testing.Events;
using Contest.Web.LiveGames;
using Contest.Web.Rounds;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using StackExchange.Redis;
using static Contest.Browser.Tests.Events.DirectorPages;
using static Contest.Testing.Events.RoundScreenSeed;

namespace Contest.Browser.Tests.Events;

/// <summary>
/// The director switches a projector to each feature's screen (live game, scheduled round, units, pitch) and the
/// projector page shows it, at both hall sizes. Data comes from the services and APIs, not from clicking admin pages.
/// Screenshots go to the artifacts folder as projector-{screen}-{width}x{height}.png.
/// </summary>
public class FeatureScreensTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static async Task<HubConnection> LiveHubAsync(ContestProcess server, string? cookie = null)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(server.BaseUrl + LiveHub.Path, o => { if (cookie is not null) o.Headers["Cookie"] = cookie; })
            .Build();
        await connection.StartAsync();
        return connection;
    }

    [Theory]
    [InlineData(1920, 1080)]
    [InlineData(1280, 720)]
    public async Task Live_game_and_pitch_screens_follow_the_host_from_the_lobby_to_the_podium(int width, int height)
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var server = await ContestProcess.StartAsync(db);
        int bankId;
        await using (var ctx = db.NewContext())
        {
            var bank = new QuestionBank
            {
                Name = "Rung chuông vàng",
                Questions =
                [
                    new Question { Text = "Đoàn thành lập năm nào?", Type = QuestionType.SingleChoice, Options = ["1930", "1941", "1931", "1945"], CorrectOptions = [2], TimeLimitSeconds = 60 },
                    new Question { Text = "Đại hội Đoàn XII năm nào?", Type = QuestionType.SingleChoice, Options = ["2017", "2022", "2012", "2019"], CorrectOptions = [1], TimeLimitSeconds = 60 },
                ],
            };
            ctx.QuestionBanks.Add(bank);
            await ctx.SaveChangesAsync();
            bankId = bank.Id;
        }

        // The game, made through the API as the host's page would.
        var cookies = new CookieContainer();
        using var admin = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(server.BaseUrl) };
        await AccountFlows.LoginAsync(admin, ContestApp.AdminUser, ContestApp.AdminPassword);
        var created = await admin.PostAsJsonAsync("/api/live/games", new CreateGameRequest { BankId = bankId, Scoring = ScoringMode.Accuracy, Title = "Rung chuông vàng" });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var game = (await created.Content.ReadFromJsonAsync<CreatedGame>(JsonSerializerOptions.Web))!;

        await using var directorContext = await browser.DesktopAsync(server.BaseUrl);
        var director = await NewEventAsync(directorContext, "Ngày hội Tháng Thanh niên");
        await using var projectorContext = await browser.DesktopAsync(server.BaseUrl, width, height);
        var (projector, frames) = await ProjectorAsync(projectorContext, await ProjectorLinkAsync(director));
        var screen = projector.Locator("#screen");

        await ShowAsync(director, "LiveGame", game.GameId.ToString());
        await Expect(screen).ToHaveAttributeAsync("data-kind", "LiveGame");
        await Expect(screen).ToHaveAttributeAsync("data-phase", "Lobby");
        await Expect(projector.Locator(".pin")).ToHaveTextAsync(game.Pin);
        await Expect(projector.Locator("img.qr")).ToBeVisibleAsync();

        await using var host = await LiveHubAsync(server, cookies.GetCookieHeader(new Uri(server.BaseUrl)));
        await host.InvokeAsync<JsonElement>("HostGame", game.GameId);
        await using var an = await LiveHubAsync(server);
        await using var binh = await LiveHubAsync(server);
        await an.InvokeAsync<JsonElement>("Join", game.Pin, "An", null);
        await binh.InvokeAsync<JsonElement>("Join", game.Pin, "Bình", null);
        await Expect(projector.Locator(".players")).ToHaveTextAsync("2 👤");
        await BrowserFixture.ShotAsync(projector, $"projector-live-lobby-{width}x{height}");

        await host.InvokeAsync<JsonElement>("Start", game.GameId);
        await Expect(screen).ToHaveAttributeAsync("data-phase", "Question");
        await Expect(projector.Locator("[data-testid=question] .qtext")).ToHaveTextAsync("Đoàn thành lập năm nào?");
        Assert.Equal(["1930", "1941", "1931", "1945"], await projector.Locator("[data-testid=question] .opt .opt-text").AllInnerTextsAsync());
        Assert.Equal(0, await projector.Locator(".opt.correct").CountAsync());
        // Nothing the projector has received so far names the key: no "correct…" field in any frame.
        lock (frames) Assert.DoesNotContain(frames, f => f.Contains("correct", StringComparison.OrdinalIgnoreCase));
        await BrowserFixture.ShotAsync(projector, $"projector-live-question-{width}x{height}");

        // Q1 (right: 1931, option 2): An right, Bình wrong. Everyone answered, so it reveals by itself.
        await an.InvokeAsync<JsonElement>("Answer", 0, SubmittedAnswer.Choice(2));
        await binh.InvokeAsync<JsonElement>("Answer", 0, SubmittedAnswer.Choice(0));
        await Expect(screen).ToHaveAttributeAsync("data-phase", "Reveal");
        await Expect(projector.Locator("[data-testid=reveal] .opt.correct")).ToHaveCountAsync(1);
        await Expect(projector.Locator("[data-testid=reveal] .opt.correct .opt-text")).ToHaveTextAsync("1931");
        // One chose 1930 (Bình), one 1931 (An): counts 1, 0, 1, 0, and 1 of 2 right.
        Assert.Equal(["1", "0", "1", "0"], await projector.Locator("[data-testid=reveal] .opt .count").AllInnerTextsAsync());
        await Expect(projector.Locator("[data-testid=reveal] .tally")).ToHaveTextAsync("1 / 2 ✓");
        await BrowserFixture.ShotAsync(projector, $"projector-live-reveal-{width}x{height}");

        // Accuracy, 1000 points a question: An 1000, Bình 0 (Vietnamese groups thousands with ".").
        await host.InvokeAsync<JsonElement>("Next", game.GameId);
        await Expect(screen).ToHaveAttributeAsync("data-phase", "Leaderboard");
        Assert.Equal(["An", "Bình"], await NamesAsync(projector, "live-board"));
        Assert.Equal(["1.000", "0"], await ScoresAsync(projector, "live-board"));
        await BrowserFixture.ShotAsync(projector, $"projector-live-leaderboard-{width}x{height}");

        // Q2 (right: 2022, option 1): both right → An 2000, Bình 1000.
        await host.InvokeAsync<JsonElement>("Next", game.GameId);
        await Expect(projector.Locator("[data-testid=question] .qtext")).ToHaveTextAsync("Đại hội Đoàn XII năm nào?");
        await an.InvokeAsync<JsonElement>("Answer", 1, SubmittedAnswer.Choice(1));
        await binh.InvokeAsync<JsonElement>("Answer", 1, SubmittedAnswer.Choice(1));
        await Expect(screen).ToHaveAttributeAsync("data-phase", "Reveal");
        await host.InvokeAsync<JsonElement>("Next", game.GameId);
        await Expect(screen).ToHaveAttributeAsync("data-phase", "Leaderboard");
        await host.InvokeAsync<JsonElement>("Next", game.GameId);
        await Expect(screen).ToHaveAttributeAsync("data-phase", "Podium");
        await Expect(projector.Locator(".board.podium")).ToBeVisibleAsync();
        Assert.Equal(["An", "Bình"], await NamesAsync(projector, "live-board"));
        Assert.Equal(["2.000", "1.000"], await ScoresAsync(projector, "live-board"));
        await Task.Delay(2000); // the podium's rows arrive one after another
        await BrowserFixture.ShotAsync(projector, $"projector-live-podium-{width}x{height}");

        // The demo pitch final: the organizer puts its first team on stage and starts the timer; nothing is locked yet.
        var rounds = await admin.GetFromJsonAsync<JsonElement>("/api/pitch/rounds");
        var pitchId = rounds[0].GetProperty("id").GetInt32();
        var team = (await admin.GetFromJsonAsync<JsonElement>($"/api/pitch/rounds/{pitchId}/control")).GetProperty("teams")[0];
        (await admin.PostAsJsonAsync($"/api/pitch/rounds/{pitchId}/current", new { teamId = team.GetProperty("id").GetInt32() })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"/api/pitch/rounds/{pitchId}/timer", new { phase = 1 })).EnsureSuccessStatusCode();
        await ShowAsync(director, "Pitch", pitchId.ToString());
        await Expect(screen).ToHaveAttributeAsync("data-kind", "Pitch");
        await Expect(projector.Locator("[data-testid=current]")).ToHaveTextAsync(team.GetProperty("name").GetString()!);
        await Expect(projector.Locator("[data-testid=timer]")).ToContainTextAsync("Thuyết trình");
        await Expect(projector.Locator(".pitch .caption")).ToHaveTextAsync("Chưa có đội nào được chốt điểm.");
        Assert.Equal(0, await projector.Locator("[data-testid=ranking]").CountAsync());
        await BrowserFixture.ShotAsync(projector, $"projector-pitch-on-stage-{width}x{height}");
        await AssertFitsAsync(projector, width, height);
    }

    [Theory]
    [InlineData(1920, 1080)]
    [InlineData(1280, 720)]
    public async Task Round_and_unit_screens_show_the_live_board_then_results_prizes_and_units(int width, int height) =>
        await RoundAndUnitScreensAsync(width, height, "vi");

    [Fact]
    public async Task An_English_event_presents_its_screens_in_English() =>
        await RoundAndUnitScreensAsync(1920, 1080, "en");

    private async Task RoundAndUnitScreensAsync(int width, int height, string language)
    {
        var en = language == "en";
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        var seed = await SeedOpenAsync(db);
        // Redis-backed leaderboards, so this test can put the round's live board where the server reads it.
        var prefix = $"screens{Guid.NewGuid():N}:";
        await using var server = await ContestProcess.StartAsync(db, new Dictionary<string, string>
        {
            ["ConnectionStrings__Redis"] = TestServers.Redis,
            ["Contest__RedisPrefix"] = prefix,
        });
        await using (var redis = await ConnectionMultiplexer.ConnectAsync(TestServers.Redis))
        {
            // What RoundLiveBoard.RecordAsync writes at each submission: correct answers, earlier first on a tie.
            var live = new RedisLeaderboard(redis, prefix);
            foreach (var (name, _, correct, _) in People)
                await live.SetAsync(RoundLiveBoard.Board(seed.RoundId), seed.ParticipantIds[name].ToString(), correct, seed.FinishedAt[name]);
        }

        await using var directorContext = await browser.DesktopAsync(server.BaseUrl);
        var director = await NewEventAsync(directorContext, en ? "Youth Month English Contest" : "Tổng kết tuần 3", language);
        await using var projectorContext = await browser.DesktopAsync(server.BaseUrl, width, height);
        var (projector, _) = await ProjectorAsync(projectorContext, await ProjectorLinkAsync(director));
        var screen = projector.Locator("#screen");
        Assert.Equal(language, await projector.Locator("html").GetAttributeAsync("lang"));
        var tag = $"{(en ? "en-" : "")}{width}x{height}";

        // Open, live board allowed: correct answers 5, 4, 3, 1, 0.
        await ShowAsync(director, "Round", seed.RoundId.ToString());
        await Expect(screen).ToHaveAttributeAsync("data-kind", "Round");
        await Expect(projector.Locator("[data-testid=ranking] li")).ToHaveCountAsync(5);
        Assert.Equal(["Nguyễn Văn An", "Phạm Minh Dũng", "Lê Văn Cường", "Trần Thị Bình", "Võ Thị Em"], await NamesAsync(projector, "ranking"));
        Assert.Equal(["5", "4", "3", "1", "0"], await ScoresAsync(projector, "ranking"));
        await Expect(projector.Locator(".board .caption").First).ToHaveTextAsync(en ? "Ranking" : "Bảng xếp hạng");
        Assert.Equal(0, await projector.Locator("[data-testid=prizes]").CountAsync());
        await BrowserFixture.ShotAsync(projector, $"projector-round-live-{tag}");

        // Closed and published (by the round's own lifecycle): the final ranking out of 5 and the prize winners.
        await CloseAndPublishAsync(db, seed.RoundId);
        await ShowAsync(director, "Round", seed.RoundId.ToString());
        await Expect(projector.Locator("[data-testid=prizes] li")).ToHaveCountAsync(2);
        Assert.Equal(["5/5", "4/5", "3/5", "1/5", "0/5"], await ScoresAsync(projector, "ranking"));
        Assert.Equal(["Nguyễn Văn An", DongPhu], await NamesAsync(projector, "prizes"));
        Assert.Equal(["Giải Nhất", "Giải tập thể"], await projector.Locator("[data-testid=prizes] li .sub").AllInnerTextsAsync());
        await Expect(projector.Locator(".pair .board h2").Nth(1)).ToHaveTextAsync(en ? "Prizes" : "Giải thưởng");
        await BrowserFixture.ShotAsync(projector, $"projector-round-results-{tag}");
        await AssertFitsAsync(projector, width, height);

        // Units: average Đồng Phú (5+1+3)/3 = 3.0, Đồng Xoài (4+0)/2 = 2.0; participation Đồng Xoài 2/4 = 50 %,
        // Đồng Phú 3/10 = 30 %, Lộc Ninh 0/20 = 0 %. Decimal comma in Vietnamese, point in English.
        await ShowAsync(director, "Units", seed.RoundId.ToString());
        await Expect(screen).ToHaveAttributeAsync("data-kind", "Units");
        await Expect(projector.Locator("[data-testid=by-participation] li")).ToHaveCountAsync(3);
        Assert.Equal([DongPhu, DongXoai], await NamesAsync(projector, "by-average"));
        Assert.Equal(en ? ["3.0", "2.0"] : ["3,0", "2,0"], await ScoresAsync(projector, "by-average"));
        Assert.Equal([DongXoai, DongPhu, LocNinh], await NamesAsync(projector, "by-participation"));
        Assert.Equal(en ? ["50.0%", "30.0%", "0.0%"] : ["50,0%", "30,0%", "0,0%"], await ScoresAsync(projector, "by-participation"));
        Assert.Equal(en ? ["Average score by unit", "Participation rate by unit"] : ["Điểm trung bình theo đơn vị", "Tỉ lệ tham gia theo đơn vị"],
            await projector.Locator(".pair .caption").AllInnerTextsAsync());
        await BrowserFixture.ShotAsync(projector, $"projector-units-{tag}");
        await AssertFitsAsync(projector, width, height);
    }

    /// <summary>A projector has no scroll bar: every row must be inside the screen.</summary>
    private static async Task AssertFitsAsync(IPage projector, int width, int height)
    {
        var bottom = await projector.EvaluateAsync<double>("Math.max(0, ...[...document.querySelectorAll('.stage li, .stage p')].map(e => e.getBoundingClientRect().bottom))");
        Assert.True(bottom <= height, $"content reaches {bottom}px on a {height}px screen");
        var right = await projector.EvaluateAsync<double>("Math.max(0, ...[...document.querySelectorAll('.stage li, .stage p')].map(e => e.getBoundingClientRect().right))");
        Assert.True(right <= width, $"content reaches {right}px on a {width}px-wide screen");
    }
}
