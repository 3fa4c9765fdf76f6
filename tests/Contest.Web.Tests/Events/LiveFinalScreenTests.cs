using System.Net;
using System.Text.Json;
using Contest.Engine.Events;
using Contest.Engine.LiveGames;
using Contest.Engine.Questions.Answers;
using Contest.Engine.Storage;
using Contest.Engine.Units;
using Contest.Testing;
using Contest.Testing.Events;
using Contest.Web.LiveGames;
using Contest.Web.Tests.LiveGames;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Contest.Web.Tests.Events;

/// <summary>
/// After a live game: its grain goes once the game is finished, yet the event projector, the host's page and a phone
/// reloaded after the end show the final ranks — from the stored rows, also on a fresh app over the same database.
/// </summary>
public class LiveFinalScreenTests
{
    private static (string Name, long Rank, string Score, string? Unit)[] Rows(JsonElement content) =>
        content.GetProperty("board").GetProperty("rows").EnumerateArray()
            .Select(r => (r.GetProperty("name").GetString()!, r.GetProperty("rank").GetInt64(), r.GetProperty("score").GetString()!,
                r.GetProperty("detail").ValueKind == JsonValueKind.Null ? null : r.GetProperty("detail").GetString()))
            .ToArray();

    private static (string Name, long Rank, string Score)[] Teams(JsonElement content) =>
        content.GetProperty("final").GetProperty("teams").GetProperty("rows").EnumerateArray()
            .Select(r => (r.GetProperty("name").GetString()!, r.GetProperty("rank").GetInt64(), r.GetProperty("score").GetString()!))
            .ToArray();

    [Fact]
    public async Task A_game_ended_by_its_host_stays_on_the_projector_the_host_page_and_the_phones_after_its_grain_is_gone()
    {
        await using var h = await LiveHarness.StartAsync();
        int songBe, dongXoai;
        await using (var ctx = h.Db.NewContext())
        {
            var a = new Unit { Name = "Đoàn xã Sông Bé", Level = UnitLevel.Grassroots };
            var b = new Unit { Name = "Đoàn phường Đồng Xoài", Level = UnitLevel.Grassroots };
            ctx.Units.AddRange(a, b);
            await ctx.SaveChangesAsync();
            (songBe, dongXoai) = (a.Id, b.Id);
        }
        var game = await h.CreateGameAsync(new CreateGameRequest { BankId = h.BankId, Scoring = ScoringMode.Accuracy, Teams = TeamMode.Total, Title = "Chung kết" });
        var (_, token) = await EventScreens.ShowAsync(h.App.Services, "Lễ khai mạc Tháng Thanh niên", new ScreenChoice(ScreenKind.LiveGame, game.GameId.ToString()));
        await using var projector = await ProjectorClient.ConnectAsync(h.App);
        await projector.WatchAsync(token);

        var host = await h.ConnectAsync(asHost: true);
        await host.InvokeAsync<HostState>("HostGame", game.GameId);
        var players = new Dictionary<string, (HubConnection Conn, string Token)>();
        foreach (var (name, unit) in new[] { ("An", songBe), ("Bình", songBe), ("Chi", dongXoai) })
        {
            var p = await h.ConnectAsync();
            var joined = await p.InvokeAsync<JoinResult>("Join", game.Pin, name, unit);
            players[name] = (p, joined.ResumeToken);
        }

        // Accuracy, 1000 a question. Q1 (right: option 2): An then Bình right, Chi wrong → An 1000, Bình 1000, Chi 0.
        await host.InvokeAsync<HostState>("Start", game.GameId);
        await projector.NextContentAsync(c => c.GetProperty("phase").GetString() == "Question");
        await players["An"].Conn.InvokeAsync<AnswerAck>("Answer", 0, SubmittedAnswer.Choice(2));
        await players["Bình"].Conn.InvokeAsync<AnswerAck>("Answer", 0, SubmittedAnswer.Choice(2));
        await players["Chi"].Conn.InvokeAsync<AnswerAck>("Answer", 0, SubmittedAnswer.Choice(0));
        await projector.NextContentAsync(c => c.GetProperty("phase").GetString() == "Reveal");
        await host.InvokeAsync<HostState>("Next", game.GameId);
        await host.InvokeAsync<HostState>("Next", game.GameId);
        // Q2 (right: options 0 and 1): Bình right → 2000; An and Chi wrong (no partial credit for a wrong pick alone).
        await projector.NextContentAsync(c => c.GetProperty("phase").GetString() == "Question" && c.GetProperty("questionNumber").GetInt32() == 2);
        await players["Bình"].Conn.InvokeAsync<AnswerAck>("Answer", 1, SubmittedAnswer.Choice(0, 1));
        await players["An"].Conn.InvokeAsync<AnswerAck>("Answer", 1, SubmittedAnswer.Choice(2));
        await players["Chi"].Conn.InvokeAsync<AnswerAck>("Answer", 1, SubmittedAnswer.Choice(3));
        await projector.NextContentAsync(c => c.GetProperty("phase").GetString() == "Reveal");

        // The host stops after question 2 of 3: the podium, then the end. Final: Bình 2000, An 1000, Chi 0;
        // units (total): Sông Bé 3000 (An + Bình), Đồng Xoài 0.
        await host.InvokeAsync<HostState>("End", game.GameId);
        var podium = await projector.NextContentAsync(c => c.GetProperty("phase").GetString() == "Podium");
        (string, long, string, string?)[] expected = [("Bình", 1, "2.000", "Đoàn xã Sông Bé"), ("An", 2, "1.000", "Đoàn xã Sông Bé"), ("Chi", 3, "0", "Đoàn phường Đồng Xoài")];
        Assert.Equal(expected, Rows(podium));
        Assert.Equal([("Đoàn xã Sông Bé", 1L, "3.000"), ("Đoàn phường Đồng Xoài", 2L, "0")], Teams(podium));
        Assert.Equal("Trò chơi đã kết thúc · 3 người chơi · Dừng sau câu 2/3", podium.GetProperty("final").GetProperty("note").GetString());
        Assert.Equal("Kết quả chung cuộc", podium.GetProperty("final").GetProperty("heading").GetString());

        // Over: the projector that shows it moves to the finished screen by itself.
        await host.InvokeAsync<HostState>("Next", game.GameId);
        var finished = await projector.NextContentAsync(c => c.GetProperty("phase").GetString() == "Finished");
        Assert.Equal(expected, Rows(finished));
        Assert.Equal("Chung kết", finished.GetProperty("title").GetString());

        // The grain is gone; a phone reloaded now, and the host's page, get the final ranks from the stored rows.
        await AssertAfterTheEndAsync(h.App.Server, h.HostCookie, game, players);

        // A fresh app over the same database, which never ran the game.
        await h.App.DisposeAsync();
        await using var fresh = new ContestApp(h.Db);
        var cookies = new CookieContainer();
        using var admin = fresh.CreateDefaultClient(new CookieContainerHandler(cookies));
        await AccountFlows.LoginAsync(admin, ContestApp.AdminUser, ContestApp.AdminPassword);
        await using var again = await ProjectorClient.ConnectAsync(fresh);
        var view = await again.WatchAsync(token);
        Assert.Equal(("LiveGame", "Finished"), (view.GetProperty("kind").GetString(), view.GetProperty("content").GetProperty("phase").GetString()));
        Assert.Equal(expected, Rows(view.GetProperty("content")));
        Assert.Equal([("Đoàn xã Sông Bé", 1L, "3.000"), ("Đoàn phường Đồng Xoài", 2L, "0")], Teams(view.GetProperty("content")));
        await AssertAfterTheEndAsync(fresh.Server, cookies.GetCookieHeader(admin.BaseAddress!), game, players);

        // The phone's page itself: /play?pin= of the ended game is not "no such PIN" but the game, over.
        using var phone = fresh.NewClient();
        var page = await phone.GetStringAsync($"/play?pin={game.Pin}");
        Assert.Contains("data-over=\"true\"", page);
        Assert.DoesNotContain("data-testid=\"pin-error\"", page);
        Assert.False(fresh.Services.GetRequiredService<LivesHere>().Runs(game.GameId));
    }

    private static async Task AssertAfterTheEndAsync(Microsoft.AspNetCore.TestHost.TestServer server, string hostCookie, CreatedGame game,
        Dictionary<string, (HubConnection Conn, string Token)> players)
    {
        foreach (var (name, rank, score, onPodium, teamRank, teamScore) in new[] { ("Bình", 1L, 2000L, true, 1L, 3000L), ("An", 2L, 1000L, true, 1L, 3000L), ("Chi", 3L, 0L, true, 2L, 0L) })
        {
            await using var reloaded = await LiveHarness.ConnectAsync(server, null);
            var state = await reloaded.InvokeAsync<PlayerState>("Rejoin", game.Pin, players[name].Token);
            Assert.Equal((GamePhase.Finished, name), (state.Phase, state.Nickname));
            Assert.Equal(new PlayerFinal(score, rank, 3, onPodium, teamRank, teamScore), state.Final);
        }
        // A token of no player of that game is still refused.
        await using (var stranger = await LiveHarness.ConnectAsync(server, null))
        {
            var refused = await Assert.ThrowsAsync<HubException>(() => stranger.InvokeAsync<PlayerState>("Rejoin", game.Pin, "not-a-token"));
            Assert.Contains("unknown-", refused.Message);
        }
        await using var host = await LiveHarness.ConnectAsync(server, hostCookie);
        var hostState = await host.InvokeAsync<HostState>("HostGame", game.GameId);
        Assert.Equal(GamePhase.Finished, hostState.Phase);
        Assert.Equal([("Bình", 1L, 2000L), ("An", 2L, 1000L), ("Chi", 3L, 0L)], hostState.Podium!.Podium.Select(s => (s.Nickname, s.Rank, s.Score)).ToArray());
        Assert.Equal(2, hostState.Podium.Debrief.Played);
    }
}
