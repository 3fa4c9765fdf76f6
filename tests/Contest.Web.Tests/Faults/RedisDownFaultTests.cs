using Xunit.Abstractions;
using static Contest.Web.Tests.Faults.FaultChecks;

namespace Contest.Web.Tests.Faults;

/// <summary>
/// Fault run 4 of issue 19: Redis down for 10 s. 60 players (30 sticky to each node), two Accuracy questions (1000
/// points, 60 s, no streak bonus) of a game created on node1. Question 2: players 0–19 answer, Redis is killed
/// (SIGKILL), players 20–39 answer while it is down — one every 0.4 s, each as the phone page and its user do (busy
/// and moved retried by the page, any other refusal that is not final tapped again after 1 s) — Redis is started
/// again 10 s after the kill, and players 40–59 answer. Required:
/// <list type="bullet">
/// <item>every answer call made while Redis is down gets its answer within 1 s: accepted, or refused with a clear
/// "try again" (busy, moved, not-saved, try-again or unavailable) — not a generic server-error, not a hang;</item>
/// <item>an answer is never reported failed when it was in fact stored: no retry after a refusal is told
/// already-answered;</item>
/// <item>every answer is finally received; the question still closes as soon as everyone has answered; every player
/// gets the reveal within 15 s of the last answer (pushed, or re-synced once the node's backplane is back — never left
/// to the phone's re-ask after the question's time) and the podium with the hand-worked scores; each received answer
/// is stored once.</item>
/// </list>
/// </summary>
[Collection(LiveFaultCollection.Name)]
public class RedisDownFaultTests(LiveFaultCluster cluster, ITestOutputHelper output)
{
    private const int Players = 60;
    private static readonly HashSet<string> TryAgain = ["busy", "moved", "not-saved", "try-again", "unavailable"];

    [Fact]
    public async Task With_Redis_down_answers_get_a_clear_try_again_within_a_second_and_none_is_reported_failed_when_stored()
    {
        await cluster.HealAsync();
        var (http, auth) = await cluster.LoginHostAsync();
        using var _ = http;
        var (gameId, pin) = await LiveFaultCluster.CreateGameAsync(http, "Mất Redis", 2, "Accuracy", 60);
        await using var host = await FaultHost.ConnectAsync(cluster.Url, auth, gameId);
        var phones = await cluster.JoinPhonesAsync(pin, Players);
        try
        {
            var acked = new List<(int Player, int Question)>();
            await host.CommandAsync("Start");
            await AnswerAllAsync(phones, 0, acked);
            await AllRevealedAsync(phones, 0, DateTimeOffset.UtcNow.AddSeconds(15), "before the fault");
            AccuracyRevealsRight(phones, 0, (_, _) => true);

            await host.NextQuestionAsync(1);
            await AnswerAllAsync(phones.Where(p => p.I < 20), 1, acked);
            var kill = await cluster.FaultAsync("redis-kill");
            Assert.True(kill.Code == 0, kill.Output);
            var down = DateTimeOffset.UtcNow;
            output.WriteLine(kill.Output.Trim());
            var during = phones.Where(p => p.I is >= 20 and < 40).Select(async p =>
            {
                await Task.Delay(TimeSpan.FromMilliseconds(400 * (p.I - 20)));
                return await p.AnswerAsync(1, Option(p.I, 1), TimeSpan.FromSeconds(40), tapAgainAfter: TimeSpan.FromSeconds(1));
            }).ToList();
            await Task.Delay(down.AddSeconds(10) - DateTimeOffset.UtcNow);
            var heal = await cluster.FaultAsync("heal");
            Assert.True(heal.Code == 0, heal.Output);
            var up = DateTimeOffset.UtcNow;
            output.WriteLine($"{up:HH:mm:ss.fff} Redis back");
            var after = phones.Where(p => p.I >= 40).Select(p => p.AnswerAsync(1, Option(p.I, 1), TimeSpan.FromSeconds(40), tapAgainAfter: TimeSpan.FromSeconds(1))).ToList();
            var logs = (await Task.WhenAll(during)).Concat(await Task.WhenAll(after)).ToList();
            foreach (var l in logs) output.WriteLine(l.ToString());

            var tries = logs.SelectMany(l => l.Tries.Select(t => (Log: l, Try: t))).Where(x => x.Try.Sent >= down && x.Try.Sent < up).ToList();
            output.WriteLine($"while Redis was down: {tries.Count} answer calls: {string.Join(", ", tries.GroupBy(x => x.Try.Outcome).Select(g => $"{g.Key} ×{g.Count()}"))}; " +
                             $"slowest {tries.Select(x => (x.Try.Done - x.Try.Sent).TotalMilliseconds).DefaultIfEmpty().Max():0} ms");
            var slow = tries.Where(x => x.Try.Done - x.Try.Sent > TimeSpan.FromSeconds(1)).ToList();
            var unclear = tries.Where(x => x.Try.Outcome != "ack" && !TryAgain.Contains(x.Try.Outcome)).ToList();
            // Any try before another was not acknowledged (an ack ends the answer): already-answered on a later try means a refusal hid a stored answer.
            var stale = logs.Where(l => l.Tries.Skip(1).Any(t => t.Outcome == "already-answered")).ToList();
            var lost = logs.Where(l => !l.Accepted).ToList();
            Assert.True(slow.Count == 0 && unclear.Count == 0 && stale.Count == 0 && lost.Count == 0, string.Join("\n", new[]
            {
                slow.Count == 0 ? null : $"{slow.Count} of {tries.Count} answer calls took over 1 s while Redis was down: {string.Join("; ", slow.Select(x => x.Log).Distinct().Take(3))}",
                unclear.Count == 0 ? null : $"{unclear.Count} refusals were not a clear try-again: {string.Join(", ", unclear.Select(x => x.Try.Detail ?? x.Try.Outcome).Distinct().Take(3))}",
                stale.Count == 0 ? null : $"{stale.Count} answers were refused, then stored after all (the retry said already-answered): {string.Join("; ", stale.Take(3))}",
                lost.Count == 0 ? null : $"{lost.Count} answers never received: {string.Join("; ", lost.Take(3))}",
            }.Where(m => m is not null)));
            acked.AddRange(logs.Select(l => (l.Phone.I, 1)));

            // Everyone has answered: the question closes at once and every player hears of it soon — by the push, or,
            // where the push was lost (a node's backplane still re-subscribing to the restarted Redis drops it), by the
            // re-sync each node asks of its clients once its backplane is back (docs/live-protocol.md, "Re-sync"). The
            // bound leaves out the phone's own re-ask 4 s past the question's 60 s: that would come about 35 s later.
            var lastAccepted = logs.Max(l => l.AcceptedAt!.Value);
            var revealed = await AllRevealedAsync(phones, 1, lastAccepted.AddSeconds(15), "after Redis returned, once everyone had answered (pushed, or re-synced)");
            output.WriteLine($"last answer accepted {lastAccepted:HH:mm:ss.fff}, every reveal in by {revealed:HH:mm:ss.fff} (+{(revealed - lastAccepted).TotalSeconds:0.0} s); " +
                             $"asked to re-sync: node1 {phones.Count(p => p.Node == "node1" && p.Resyncs > 0)}/{phones.Count(p => p.Node == "node1")}, " +
                             $"node2 {phones.Count(p => p.Node == "node2" && p.Resyncs > 0)}/{phones.Count(p => p.Node == "node2")}; " +
                             $"reveal first from a Rejoin (the push lost or later): node1 {phones.Count(p => p.Node == "node1" && p.RevealAskedFor(1))}, " +
                             $"node2 {phones.Count(p => p.Node == "node2" && p.RevealAskedFor(1))}");
            AccuracyRevealsRight(phones, 1, (_, _) => true);
            await host.WaitPhaseAsync("Reveal", 1, TimeSpan.FromSeconds(10), "the host's reveal of question 2");
            await host.CommandAsync("Next");
            Assert.Equal("Podium", (await host.CommandAsync("Next")).GetProperty("phase").GetString());

            var expected = Enumerable.Range(0, Players).Select(i => AccuracyScore(i, 1)).ToArray();
            await FinalsRightAsync(phones, expected, DateTimeOffset.UtcNow.AddSeconds(15));
            StoredExactlyOnce(await cluster.StoredAnswersAsync(gameId), phones, acked, expected);
        }
        finally
        {
            foreach (var p in phones) await p.DisposeAsync();
        }
    }
}
