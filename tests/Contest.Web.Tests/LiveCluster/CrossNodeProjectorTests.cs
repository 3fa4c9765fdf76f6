using System.Text.Json;
using Contest.Engine.Events;
using Contest.Engine.LiveGames;
using Contest.Engine.Questions.Answers;
using Contest.Testing.Events;
using Contest.Web.Events;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Contest.Web.Tests.LiveCluster;

/// <summary>An event projector connected to a node that does not run the live game it shows.</summary>
public class CrossNodeProjectorTests
{
    [Fact]
    public async Task A_projector_on_node_B_follows_a_game_node_A_runs_and_gets_no_answer_key_before_the_reveal()
    {
        await using var nodes = await TwoNodes.StartAsync();
        var game = await nodes.CreateGameOnAAsync();

        // The organizer works on node B: the game is offered and can be put on the screen although B does not run it.
        using (var scope = nodes.B.Services.CreateScope())
        {
            var views = scope.ServiceProvider.GetRequiredService<ProjectorViews>();
            var targets = await views.Sources.Single(s => s.Kind == ScreenKind.LiveGame).TargetsAsync(default);
            Assert.Contains(targets, t => t.Id == game.GameId.ToString() && t.Label.Contains(game.Pin));
        }
        var (_, token) = await EventScreens.ShowAsync(nodes.B.Services, "Rung chuông vàng", new ScreenChoice(ScreenKind.LiveGame, game.GameId.ToString()));

        await using var projector = await ProjectorClient.ConnectAsync(nodes.B);
        var watched = await projector.WatchAsync(token);
        Assert.Equal("LiveGame", watched.GetProperty("kind").GetString());
        var first = watched.GetProperty("content");
        Assert.Equal(("Lobby", game.Pin, 0), (first.GetProperty("phase").GetString(), first.GetProperty("pin").GetString(), first.GetProperty("players").GetInt32()));

        // Every view the projector gets from here on, in order.
        var seen = new List<JsonElement> { first };
        async Task<JsonElement> UntilAsync(Func<JsonElement, bool> until)
        {
            while (true)
            {
                var content = await projector.NextContentAsync();
                seen.Add(content);
                if (until(content)) return content;
            }
        }
        string Phase(JsonElement c) => c.GetProperty("phase").GetString()!;

        // An joins through node A, Bình through node B: the lobby count on the wall follows (pushed by the owner, A).
        var host = await nodes.ConnectAsync(nodes.A, asHost: true);
        await host.InvokeAsync<HostState>("HostGame", game.GameId);
        var an = await nodes.ConnectAsync(nodes.A);
        var binh = await nodes.ConnectAsync(nodes.B);
        await an.InvokeAsync<JoinResult>("Join", game.Pin, "An", null);
        await binh.InvokeAsync<JoinResult>("Join", game.Pin, "Bình", null);
        await UntilAsync(c => Phase(c) == "Lobby" && c.GetProperty("players").GetInt32() == 2);

        await host.InvokeAsync<HostState>("Start", game.GameId);
        var question = await UntilAsync(c => Phase(c) == "Question");
        Assert.Equal("Đoàn thành lập năm nào?", question.GetProperty("question").GetString());
        Assert.Equal(["1930", "1941", "1931", "1945"], question.GetProperty("options").EnumerateArray().Select(o => o.GetString()!).ToArray());
        Assert.Equal(JsonValueKind.String, question.GetProperty("deadline").ValueKind);

        // An right (option 2), Bình wrong (option 0): everyone answered, the question closes by itself.
        await an.InvokeAsync<AnswerAck>("Answer", 0, SubmittedAnswer.Choice(2));
        await binh.InvokeAsync<AnswerAck>("Answer", 0, SubmittedAnswer.Choice(0));
        var reveal = await UntilAsync(c => Phase(c) == "Reveal");

        // Nothing before the reveal carried the key: no reveal block, no "correct"/"accepted" field, in any view.
        var beforeReveal = seen.Take(seen.Count - 1).ToList();
        Assert.True(beforeReveal.Count >= 3); // the first lobby, the lobby with two players, the question
        Assert.All(beforeReveal, c =>
        {
            Assert.Equal(JsonValueKind.Null, c.GetProperty("reveal").ValueKind);
            Assert.DoesNotContain("correct", c.GetRawText(), StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("accepted", c.GetRawText(), StringComparison.OrdinalIgnoreCase);
        });

        // The reveal: key option 2; Bình on 0 and An on 2 → counts [1, 0, 1, 0]; 1 of 2 right; the question stays on the wall.
        var key = reveal.GetProperty("reveal");
        Assert.Equal([2], key.GetProperty("correctOptions").EnumerateArray().Select(o => o.GetInt32()).ToArray());
        Assert.Equal([1, 0, 1, 0], key.GetProperty("optionCounts").EnumerateArray().Select(o => o.GetInt32()).ToArray());
        Assert.Equal((1, 2), (key.GetProperty("right").GetInt32(), key.GetProperty("players").GetInt32()));
        Assert.Equal("Đoàn thành lập năm nào?", reveal.GetProperty("question").GetString());

        // Accuracy, 1000 points: An 1000 #1, Bình 0 #2 (vi-VN writes 1000 as "1.000").
        await host.InvokeAsync<HostState>("Next", game.GameId);
        var board = await UntilAsync(c => Phase(c) == "Leaderboard");
        var rows = board.GetProperty("board").GetProperty("rows").EnumerateArray().ToArray();
        Assert.Equal([("An", 1L, "1.000"), ("Bình", 2L, "0")], rows.Select(r => (r.GetProperty("name").GetString()!, r.GetProperty("rank").GetInt64(), r.GetProperty("score").GetString()!)).ToArray());

        // Ended from the leaderboard: the podium with the same scores.
        await host.InvokeAsync<HostState>("End", game.GameId);
        var podium = await UntilAsync(c => Phase(c) == "Podium");
        Assert.Equal(["An", "Bình"], podium.GetProperty("board").GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("name").GetString()!).ToArray());

        // The views a projector on B receives are built on A; a fresh Watch on B (built on B from A's state) agrees.
        var again = (await projector.WatchAsync(token)).GetProperty("content");
        Assert.Equal(("Podium", "1.000"), (Phase(again), again.GetProperty("board").GetProperty("rows")[0].GetProperty("score").GetString()));
        Assert.False(await nodes.RunsAsync(nodes.B, game.GameId));
    }
}
