using Contest.Engine.LiveGames;
using Contest.Engine.Questions.Answers;
using Contest.Web.LiveGames;
using Contest.Web.Tests.LiveGames;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Contest.Web.Tests.LiveCluster;

/// <summary>
/// What must hold across the nodes of the Orleans cluster: a game outlives the node that ran it (its grain is
/// reactivated from PostgreSQL on the other node, removed players stay out), one answer per player and question
/// however many copies arrive through however many nodes, and a PIN names one open game in the whole cluster.
/// </summary>
public class DurableLiveTests
{
    [Fact]
    public async Task A_game_goes_on_from_PostgreSQL_on_node_B_when_node_A_goes_and_a_kicked_player_stays_out()
    {
        await using var nodes = await TwoNodes.StartAsync();
        var game = await nodes.CreateGameOnAAsync();
        Assert.True(await nodes.RunsAsync(nodes.A, game.GameId));
        var host = await nodes.ConnectAsync(nodes.B, asHost: true);
        await host.InvokeAsync<HostState>("HostGame", game.GameId);
        var an = await nodes.ConnectAsync(nodes.B);
        var anJoin = await an.InvokeAsync<JoinResult>("Join", game.Pin, "An", null);
        var binh = await nodes.ConnectAsync(nodes.B);
        var binhJoin = await binh.InvokeAsync<JoinResult>("Join", game.Pin, "Bình", null);
        // Chi, on A, does not answer: question 1 stays open.
        var chi = await nodes.ConnectAsync(nodes.A);
        await chi.InvokeAsync<JoinResult>("Join", game.Pin, "Chi", null);
        await host.InvokeAsync<HostState>("Kick", game.GameId, binhJoin.PlayerId);
        await host.InvokeAsync<HostState>("Start", game.GameId);
        // An answers question 1 right (accuracy: 1000 points) while A runs the game.
        await an.InvokeAsync<AnswerAck>("Answer", 0, SubmittedAnswer.Choice(2));

        // Node A goes. The next call through B reactivates the game on B from the stored rows, where it stood.
        await nodes.StopAsync(nodes.A);
        var state = await host.InvokeAsync<HostState>("HostGame", game.GameId);
        Assert.True(await nodes.RunsAsync(nodes.B, game.GameId));
        Assert.Equal((GamePhase.Question, (int?)0, 1), (state.Phase, state.QuestionIndex, state.Answered));
        Assert.Equal(["An", "Chi"], state.Players.Select(p => p.Nickname).Order().ToArray());

        // An resumes with the score and the answer it was acknowledged with; the answer is not taken twice.
        var anAgain = await nodes.ConnectAsync(nodes.B);
        var resumed = await anAgain.InvokeAsync<PlayerState>("Rejoin", game.Pin, anJoin.ResumeToken);
        Assert.Equal((1000L, true), (resumed.Score, resumed.Answered));
        Assert.StartsWith("already-answered", Refusal(await Assert.ThrowsAsync<HubException>(() => anAgain.InvokeAsync<AnswerAck>("Answer", 0, SubmittedAnswer.Choice(0)))));

        // Bình stays out: his token, and his nickname spelt with or without its diacritics or in capitals.
        var binhAgain = await nodes.ConnectAsync(nodes.B);
        Assert.StartsWith("kicked", Refusal(await Assert.ThrowsAsync<HubException>(() => binhAgain.InvokeAsync<PlayerState>("Rejoin", game.Pin, binhJoin.ResumeToken))));
        foreach (var nickname in new[] { "Bình", "binh", "BÌNH" })
        {
            var c = await nodes.ConnectAsync(nodes.B);
            Assert.StartsWith("kicked", Refusal(await Assert.ThrowsAsync<HubException>(() => c.InvokeAsync<JoinResult>("Join", game.Pin, nickname, null))));
        }
    }

    [Fact]
    public async Task Twenty_copies_of_one_answer_sent_at_once_through_both_nodes_are_accepted_once()
    {
        await using var nodes = await TwoNodes.StartAsync();
        var game = await nodes.CreateGameOnAAsync();
        var host = await nodes.ConnectAsync(nodes.A, asHost: true);
        var an = await nodes.ConnectAsync(nodes.B);
        var join = await an.InvokeAsync<JoinResult>("Join", game.Pin, "An", null);
        var binh = await nodes.ConnectAsync(nodes.A);
        await binh.InvokeAsync<JoinResult>("Join", game.Pin, "Bình", null);
        await host.InvokeAsync<HostState>("Start", game.GameId);

        // An's device on each node (the same player, resumed on A too), ten sends each, all at once, options alternating.
        var anOnA = await nodes.ConnectAsync(nodes.A);
        await anOnA.InvokeAsync<PlayerState>("Rejoin", game.Pin, join.ResumeToken);
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            try
            {
                await (i % 2 == 0 ? an : anOnA).InvokeAsync<AnswerAck>("Answer", 0, SubmittedAnswer.Choice(i % 4));
                return "ok";
            }
            catch (HubException e) { return Refusal(e).Split(':')[0]; }
        }));
        Assert.Equal(1, results.Count(r => r == "ok"));
        Assert.Equal(19, results.Count(r => r == "already-answered"));

        // One row stored, and the game counts one answer of two.
        await using var ctx = nodes.Db.NewContext();
        Assert.Equal(1, ctx.Set<LiveAnswerRecord>().Count(a => a.GameId == game.GameId && a.PlayerId == join.PlayerId));
        Assert.Equal(1, (await host.InvokeAsync<HostState>("HostGame", game.GameId)).Answered);
    }

    [Fact]
    public async Task Two_nodes_never_hand_out_one_PIN_to_two_open_games()
    {
        await using var nodes = await TwoNodes.StartAsync();
        var pinsA = nodes.A.Services.GetRequiredService<ILivePins>();
        var pinsB = nodes.B.Services.GetRequiredService<ILivePins>();
        Guid x = Guid.NewGuid(), y = Guid.NewGuid();

        // A holds 123456; B's draw of it is refused, wherever the PIN's grain runs.
        Assert.True(await pinsA.ReserveAsync("123456", x));
        Assert.False(await pinsB.ReserveAsync("123456", y));
        Assert.Equal(x, await pinsB.FindAsync("123456"));
        // Released when x ends: free again, for B.
        await pinsA.ReleaseAsync("123456", x);
        Assert.True(await pinsB.ReserveAsync("123456", y));

        // Both nodes draw 777777 at the same moment, ten times over: one wins each race.
        for (var i = 0; i < 10; i++)
        {
            var pin = $"77777{i}";
            var raced = await Task.WhenAll(pinsA.ReserveAsync(pin, Guid.NewGuid()), pinsB.ReserveAsync(pin, Guid.NewGuid()));
            Assert.Single(raced, won => won);
        }

        // A game created through the API holds its PIN for the whole cluster: B finds it, and cannot take it.
        var game = await nodes.CreateGameOnAAsync();
        Assert.Equal(game.GameId, await pinsB.FindAsync(game.Pin));
        Assert.False(await pinsB.ReserveAsync(game.Pin, Guid.NewGuid()));
    }

    private static string Refusal(HubException e) => e.Message[(e.Message.IndexOf("HubException: ", StringComparison.Ordinal) is var i and >= 0 ? i + 14 : 0)..];
}
