using Xunit.Abstractions;
using static Contest.Web.Tests.Faults.FaultChecks;

namespace Contest.Web.Tests.Faults;

/// <summary>
/// Fault run 1 of issue 19: Redis FLUSHALL mid-game, with phones on both nodes. 60 players (30 sticky to each node)
/// play four Accuracy questions (1000 points, 60 s, no streak bonus) of a game created on node1. Mid-question 2 —
/// half of each node's players have answered — Redis is flushed; the rest answer. From then on every player must get
/// every reveal (points, score, rank) and the podium, with the hand-worked scores (<see cref="FaultChecks"/>), and
/// PostgreSQL must hold each received answer exactly once. (Seen before: the other node took the game while its owner
/// was alive and no player got a reveal again.)
/// </summary>
[Collection(LiveFaultCollection.Name)]
public class RedisFlushFaultTests(LiveFaultCluster cluster, ITestOutputHelper output)
{
    private const int Players = 60;
    private const int Questions = 4;

    [Fact]
    public async Task After_a_Redis_flush_mid_game_every_player_on_both_nodes_gets_every_later_reveal_and_the_podium()
    {
        await cluster.HealAsync();
        var (http, auth) = await cluster.LoginHostAsync();
        using var _ = http;
        var (gameId, pin) = await LiveFaultCluster.CreateGameAsync(http, "Xoá Redis", Questions, "Accuracy", 60);
        await using var host = await FaultHost.ConnectAsync(cluster.Url, auth, gameId);
        var phones = await cluster.JoinPhonesAsync(pin, Players);
        try
        {
            var acked = new List<(int Player, int Question)>();
            await host.CommandAsync("Start");
            for (var q = 0; q < Questions; q++)
            {
                if (q > 0) await host.NextQuestionAsync(q);
                if (q == 1)
                {
                    await AnswerAllAsync(phones.Where(p => p.I < Players / 2), q, acked);
                    var flush = await cluster.FaultAsync("redis-flush");
                    Assert.True(flush.Code == 0, flush.Output);
                    output.WriteLine(flush.Output.Trim());
                    await AnswerAllAsync(phones.Where(p => p.I >= Players / 2), q, acked);
                }
                else
                {
                    await AnswerAllAsync(phones, q, acked);
                }
                // Everyone has answered: the question closes at once, and every phone hears of it within 15 s.
                var last = await AllRevealedAsync(phones, q, DateTimeOffset.UtcNow.AddSeconds(15), q == 0 ? "before the flush" : "after the flush");
                output.WriteLine($"question {q + 1}: all {Players} reveals by {last:HH:mm:ss.fff}");
                AccuracyRevealsRight(phones, q, (_, _) => true);
                await host.WaitPhaseAsync("Reveal", q, TimeSpan.FromSeconds(10), $"the host's reveal of question {q + 1}");
            }
            await host.CommandAsync("Next");
            var podium = await host.CommandAsync("Next");
            Assert.Equal("Podium", podium.GetProperty("phase").GetString());

            var expected = Enumerable.Range(0, Players).Select(i => AccuracyScore(i, Questions - 1)).ToArray();
            await FinalsRightAsync(phones, expected, DateTimeOffset.UtcNow.AddSeconds(15));
            StoredExactlyOnce(await cluster.StoredAnswersAsync(gameId), phones, acked, expected);
        }
        finally
        {
            foreach (var p in phones) await p.DisposeAsync();
        }
    }
}
