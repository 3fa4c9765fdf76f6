using Contest.Engine.Leaderboards;
using Contest.Engine.LiveGames;
using Contest.Engine.Questions;
using Contest.Engine.Questions.Answers;
using Contest.Testing;
using Contest.Web.LiveCluster;
using StackExchange.Redis;

namespace Contest.Web.Tests.LiveCluster;

/// <summary>The Redis answer gate of multi-node play, against a real redis-server: two nodes share one game's state.</summary>
public class AnswerGateTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Two_nodes_racing_for_one_answer_accept_it_once_and_the_gate_follows_phase_question_deadline_and_pause()
    {
        await using var mux = await ConnectionMultiplexer.ConnectAsync(TestServers.Redis);
        var prefix = $"test-{Guid.NewGuid():N}:";
        var keys = new LiveKeys(prefix);
        RedisLiveSync Node(string name) => new(mux, keys, new LiveClusterOptions { NodeId = name }, new InMemoryLeaderboard(),
            () => throw new InvalidOperationException("This test writes nothing to the database."));
        var a = Node("a");
        var b = Node("b");
        try
        {
            var question = new Question { Id = 1, Type = QuestionType.SingleChoice, Text = "2 + 2?", Options = ["4", "5"], CorrectOptions = [0], TimeLimitSeconds = 20 };
            var game = new LiveGame(Guid.NewGuid(), "123456", "Gate", new GameSettings(), [LiveQuestion.Create(0, question, null, null, new Random(1))], "host", T0);
            var players = Enumerable.Range(0, 4).Select(i => game.Join(Guid.NewGuid(), $"Player {i}", null, null, $"token-{i}", T0).Id).ToArray();

            // Nothing in Redis yet: the gate finds the state missing, puts the game's (lobby) back from memory, and refuses.
            Assert.Equal("question-closed", await TryAsync(a.AcceptAsync(game, players[0], 0, T0)));
            Assert.True(await mux.GetDatabase().KeyExistsAsync(keys.State(game.Id)));

            game.Start(T0); // question 1 open, deadline T0 + 20 s
            await a.ShareAsync(game);

            // Twenty attempts at player 0's answer, alternating nodes, all at once: exactly one is accepted.
            var race = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => TryAsync((i % 2 == 0 ? a : b).AcceptAsync(game, players[0], 0, T0.AddSeconds(5)))));
            Assert.Equal(1, race.Count(r => r == "ok"));
            Assert.Equal(19, race.Count(r => r == "already-answered"));
            game.Submit(players[0], 0, SubmittedAnswer.Choice(0), T0.AddSeconds(5)); // as the owner does once the gate accepted

            // The deadline instant itself is in time; one millisecond later is late.
            Assert.Equal("ok", await TryAsync(b.AcceptAsync(game, players[1], 0, T0.AddSeconds(20))));
            Assert.Equal("too-late", await TryAsync(a.AcceptAsync(game, players[2], 0, T0.AddSeconds(20).AddMilliseconds(1))));
            Assert.Equal("wrong-question", await TryAsync(a.AcceptAsync(game, players[2], 1, T0.AddSeconds(1))));

            // An answer that could not be stored is released: the player may send it again (once).
            await a.ReleaseAsync(game, players[1], 0);
            Assert.Equal("ok", await TryAsync(a.AcceptAsync(game, players[1], 0, T0.AddSeconds(6))));
            game.Submit(players[1], 0, SubmittedAnswer.Choice(1), T0.AddSeconds(6));
            Assert.Equal("already-answered", await TryAsync(b.AcceptAsync(game, players[1], 0, T0.AddSeconds(7))));

            game.Pause(T0.AddSeconds(8));
            await b.ShareAsync(game);
            Assert.Equal("paused", await TryAsync(a.AcceptAsync(game, players[3], 0, T0.AddSeconds(9))));

            // Redis emptied of this game's keys mid-question: the next answer puts the state back and is judged on it.
            game.ResumePlay(T0.AddSeconds(10));
            await DeleteAsync(mux, prefix);
            Assert.Equal("ok", await TryAsync(b.AcceptAsync(game, players[3], 0, T0.AddSeconds(11))));
            // The answered set came back from memory (players 0 and 1) plus player 3's answer: player 0 still cannot answer twice.
            Assert.Equal(3, await mux.GetDatabase().SetLengthAsync(keys.Answered(game.Id, 0)));
            Assert.Equal("already-answered", await TryAsync(a.AcceptAsync(game, players[0], 0, T0.AddSeconds(12))));
        }
        finally
        {
            await DeleteAsync(mux, prefix);
        }
    }

    private static async Task<string> TryAsync(Task accept)
    {
        try
        {
            await accept;
            return "ok";
        }
        catch (LiveGameException e)
        {
            return e.Code;
        }
    }

    private static async Task DeleteAsync(IConnectionMultiplexer mux, string prefix)
    {
        var server = mux.GetServers()[0];
        await foreach (var key in server.KeysAsync(pattern: prefix + "*")) await mux.GetDatabase().KeyDeleteAsync(key);
    }
}
