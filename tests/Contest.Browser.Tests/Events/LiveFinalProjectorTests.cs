using Contest.Engine.LiveGames;
using Contest.Engine.Storage;
using Contest.Engine.Units;
using Contest.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Contest.Browser.Tests.Events.DirectorPages;

namespace Contest.Browser.Tests.Events;

/// <summary>
/// A team game that ended before this server started (it never ran here): the director puts it on the projector
/// afterwards, and the hall reads its final screen — the top ten with the first three as the podium, the unit ranking
/// beside them, "stopped after question 3 of 5" — at both hall sizes, without anything running off the screen.
/// </summary>
public class LiveFinalProjectorTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    /// <summary>Twelve players in three units, ranked 1–12 with 12000, 11000, … 1000 points; one more removed by the host.</summary>
    private static async Task<Guid> SeedAsync(TestDatabase db)
    {
        await using var ctx = db.NewContext();
        var units = new[] { "Huyện Đoàn Đồng Phú", "Thành Đoàn Đồng Xoài", "Đoàn Khối các cơ quan tỉnh" }
            .Select(n => new Unit { Name = n, Level = UnitLevel.District }).ToArray();
        ctx.Units.AddRange(units);
        await ctx.SaveChangesAsync();
        var questions = await ctx.Questions.OrderBy(q => q.Id).Select(q => q.Id).Take(5).ToListAsync();
        var now = DateTimeOffset.UtcNow;
        var game = new LiveGameRecord
        {
            Id = Guid.NewGuid(), Pin = "482913", Title = "Rung chuông vàng — Chung kết", Host = ContestApp.AdminUser, Scoring = ScoringMode.Accuracy,
            Teams = TeamMode.Total, PodiumSize = 3, TimerFactor = 1, QuestionIds = questions, QuestionPoints = [.. questions.Select(_ => 1000)],
            QuestionSeconds = [.. questions.Select(_ => 20)], CreatedAt = now.AddMinutes(-30), FinishedAt = now.AddMinutes(-5), Phase = GamePhase.Finished, CurrentIndex = 2,
        };
        ctx.Set<LiveGameRecord>().Add(game);
        string[] names = ["Nguyễn Thị Minh Anh", "Trần Quốc Bảo", "Lê Thu Hà", "Phạm Đức Huy", "Võ Lan Chi", "Đặng Khánh Linh", "Bùi Gia Huy",
            "Hoàng Mỹ Duyên", "Ngô Thanh Tùng", "Đỗ Phương Thảo", "Huỳnh Tấn Phát", "Lý Hải Yến"];
        for (var i = 0; i < names.Length; i++)
        {
            var unit = units[i % 3];
            ctx.Set<LivePlayerRecord>().Add(new LivePlayerRecord
            {
                Id = Guid.NewGuid(), GameId = game.Id, Nickname = names[i], UnitId = unit.Id, UnitName = unit.Name, ResumeTokenHash = LiveGameService.Hash("t" + i),
                JoinedAt = now.AddMinutes(-29).AddSeconds(i), FinalScore = (12 - i) * 1000, FinalRank = i + 1,
            });
        }
        ctx.Set<LivePlayerRecord>().Add(new LivePlayerRecord
        {
            Id = Guid.NewGuid(), GameId = game.Id, Nickname = "Kẻ phá rối", UnitId = units[0].Id, UnitName = units[0].Name, ResumeTokenHash = LiveGameService.Hash("x"),
            JoinedAt = now.AddMinutes(-28), Kicked = true,
        });
        await ctx.SaveChangesAsync();
        return game.Id;
    }

    [Theory]
    [InlineData(1920, 1080)]
    [InlineData(1280, 720)]
    public async Task A_team_game_finished_before_the_server_started_is_projected_with_its_podium_top_ten_and_units(int width, int height)
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var server = await ContestProcess.StartAsync(db);
        var gameId = await SeedAsync(db);

        await using var directorContext = await browser.DesktopAsync(server.BaseUrl);
        var director = await NewEventAsync(directorContext, "Lễ khai mạc Tháng Thanh niên");
        await using var projectorContext = await browser.DesktopAsync(server.BaseUrl, width, height);
        var (projector, _) = await ProjectorAsync(projectorContext, await ProjectorLinkAsync(director));
        await ShowAsync(director, "LiveGame", gameId.ToString());

        var screen = projector.Locator("#screen");
        await Expect(screen).ToHaveAttributeAsync("data-phase", "Finished");
        await Expect(projector.Locator(".final-badge")).ToHaveTextAsync("Kết quả chung cuộc");
        await Expect(projector.Locator(".final-title")).ToHaveTextAsync("Rung chuông vàng — Chung kết");
        await Expect(projector.Locator(".final-note")).ToHaveTextAsync("Trò chơi đã kết thúc · 12 người chơi · Dừng sau câu 3/5");
        // The top ten of twelve, in order, with their units; the removed player nowhere.
        string[] top = ["Nguyễn Thị Minh Anh", "Trần Quốc Bảo", "Lê Thu Hà", "Phạm Đức Huy", "Võ Lan Chi", "Đặng Khánh Linh", "Bùi Gia Huy", "Hoàng Mỹ Duyên", "Ngô Thanh Tùng", "Đỗ Phương Thảo"];
        Assert.Equal(top, await NamesAsync(projector, "live-board"));
        Assert.Equal(["12.000", "11.000", "10.000", "9.000", "8.000", "7.000", "6.000", "5.000", "4.000", "3.000"], await ScoresAsync(projector, "live-board"));
        Assert.Equal("Huyện Đoàn Đồng Phú", await projector.Locator("[data-testid=live-board] li .sub").First.InnerTextAsync());
        // Units by total: Đồng Phú 12+9+6+3 = 30.000, Đồng Xoài 11+8+5+2 = 26.000, Khối 10+7+4+1 = 22.000.
        Assert.Equal(["Huyện Đoàn Đồng Phú", "Thành Đoàn Đồng Xoài", "Đoàn Khối các cơ quan tỉnh"], await NamesAsync(projector, "live-teams"));
        Assert.Equal(["30.000", "26.000", "22.000"], await ScoresAsync(projector, "live-teams"));
        await Expect(projector.Locator("[data-testid=live-board] li").First).ToBeVisibleAsync();
        await projector.WaitForTimeoutAsync(2500); // the podium rows rise one after another
        await BrowserFixture.ShotAsync(projector, $"projector-live-final-{width}x{height}");
        // Everything on the screen: the last row ends above the bottom edge, nothing wider than the screen.
        var bottom = await projector.EvaluateAsync<double>("Math.max(...[...document.querySelectorAll('.live-final li')].map(li => li.getBoundingClientRect().bottom))");
        Assert.True(bottom <= height, $"the final screen runs to {bottom} px on a {height} px screen");
        Assert.True(await projector.EvaluateAsync<int>("document.documentElement.scrollWidth") <= width);
        Assert.DoesNotContain("Kẻ phá rối", await projector.EvaluateAsync<string>("document.body.innerText"));
    }
}
