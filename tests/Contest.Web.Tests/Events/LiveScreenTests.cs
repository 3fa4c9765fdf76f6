using System.Text.Json;
using Contest.Engine.Events;
using Contest.Engine.LiveGames;
using Contest.Engine.Questions.Answers;
using Contest.Testing.Events;
using Contest.Web.Tests.LiveGames;
using Microsoft.AspNetCore.SignalR.Client;

namespace Contest.Web.Tests.Events;

public class LiveScreenTests
{
    [Fact]
    public async Task The_projector_follows_a_live_game_without_ever_getting_the_answer_key_early()
    {
        await using var h = await LiveHarness.StartAsync();
        var game = await h.CreateGameAsync();
        var (_, token) = await EventScreens.ShowAsync(h.App.Services, "Rung chuông vàng", new ScreenChoice(ScreenKind.LiveGame, game.GameId.ToString()));

        await using var projector = await ProjectorClient.ConnectAsync(h.App);
        var lobby = (await projector.WatchAsync(token)).GetProperty("content");
        Assert.Equal(("Lobby", game.Pin), (lobby.GetProperty("phase").GetString(), lobby.GetProperty("pin").GetString()));

        Task<JsonElement> NextPhaseAsync(string phase) => projector.NextContentAsync(c => c.GetProperty("phase").GetString() == phase);

        var host = await h.ConnectAsync(asHost: true);
        await host.InvokeAsync<HostState>("HostGame", game.GameId);
        var players = new List<HubConnection>();
        foreach (var name in new[] { "An", "Bình", "Chi" })
        {
            var p = await h.ConnectAsync();
            await p.InvokeAsync<JoinResult>("Join", game.Pin, name, null);
            players.Add(p);
        }

        await host.InvokeAsync<HostState>("Start", game.GameId);
        var question = await NextPhaseAsync("Question");
        Assert.Equal("Đoàn thành lập năm nào?", question.GetProperty("question").GetString());
        Assert.Equal(["1930", "1941", "1931", "1945"], question.GetProperty("options").EnumerateArray().Select(o => o.GetString()!).ToArray());
        // The key (option 2, "1931") is nowhere in what the projector got: no "correct" field at all.
        Assert.DoesNotContain("correct", question.GetRawText(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(JsonValueKind.Null, question.GetProperty("reveal").ValueKind);

        // Accuracy scoring, 1000 points: An and Bình right (An first), Chi wrong → An 1000 #1, Bình 1000 #2 (later), Chi 0 #3.
        await players[0].InvokeAsync<AnswerAck>("Answer", 0, SubmittedAnswer.Choice(2));
        await players[1].InvokeAsync<AnswerAck>("Answer", 0, SubmittedAnswer.Choice(2));
        await players[2].InvokeAsync<AnswerAck>("Answer", 0, SubmittedAnswer.Choice(0));
        var reveal = await NextPhaseAsync("Reveal"); // everyone answered: the question closes by itself
        // Only now the key: option 2; An and Bình chose it, Chi chose option 0 → counts [1, 0, 2, 0], 2 of 3 right.
        var key = reveal.GetProperty("reveal");
        Assert.Equal([2], key.GetProperty("correctOptions").EnumerateArray().Select(o => o.GetInt32()).ToArray());
        Assert.Equal([1, 0, 2, 0], key.GetProperty("optionCounts").EnumerateArray().Select(o => o.GetInt32()).ToArray());
        Assert.Equal((2, 3), (key.GetProperty("right").GetInt32(), key.GetProperty("players").GetInt32()));
        Assert.Equal("Đoàn thành lập năm nào?", reveal.GetProperty("question").GetString());
        await host.InvokeAsync<HostState>("Next", game.GameId);
        var board = await NextPhaseAsync("Leaderboard");
        var rows = board.GetProperty("board").GetProperty("rows").EnumerateArray().ToArray();
        Assert.Equal(["An", "Bình", "Chi"], rows.Select(r => r.GetProperty("name").GetString()!).ToArray());
        Assert.Equal([1L, 2L, 3L], rows.Select(r => r.GetProperty("rank").GetInt64()).ToArray());
        Assert.Equal(["1.000", "1.000", "0"], rows.Select(r => r.GetProperty("score").GetString()!).ToArray()); // vi-VN groups thousands with "."
    }
}
