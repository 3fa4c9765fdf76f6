using System.Collections.Concurrent;
using System.Text.Json;
using Xunit.Abstractions;

namespace Contest.Web.Tests.Faults;

/// <summary>
/// Fault run 3 of issue 19: answers in flight when the game's node is killed. 44 players — 40 "answerers" (20 sticky to
/// each node) and 4 "probes" on node2 — play two Speed questions (1000 points, 60 s, no streak bonus) of a game
/// created on node1, everyone right. 2 s into question 2 the answerers send their answers 20 ms apart (0.8 s in all)
/// and 0.4 s in node1 is killed with SIGKILL: about half the answers are acknowledged before, the rest are in flight
/// or sent to a dead node. The answerers behave as the phone page and its player do (reconnect, Rejoin, tap again;
/// busy/moved retried by the page; any other refusal that is not final tapped again after 0.5 s); the probes, whose
/// node lives, start answering at the kill and try every 100 ms until accepted. The first answer sent after the kill
/// and accepted (a probe's or a re-sent one) is when "the cluster noticed": kill → first accepted answer on the other
/// node, measured and written to test-artifacts/faults/kill-to-first-answer.txt. Required:
/// <list type="bullet">
/// <item>each answer not acknowledged before the kill is accepted within 2 s of the later of its first send and the
/// cluster noticing, and so scores at least what an answer at that moment scores;</item>
/// <item>no acknowledged answer is lost and none is stored twice; the question closes, every player gets its reveal
/// and the podium, and each final score is the sum of that player's stored points.</item>
/// </list>
/// Speed points by hand: round(1000 × (1 − 0.5 × elapsed / 60 s)): an answer at 2.4 s scores 980, at 10 s 917, at 20 s 833.
/// </summary>
[Collection(LiveFaultCollection.Name)]
public class NodeKillFaultTests(LiveFaultCluster cluster, ITestOutputHelper output)
{
    private const int Answerers = 40;
    private const int Probes = 4;
    private const int Seconds = 60;
    private static readonly TimeSpan Resend = TimeSpan.FromSeconds(2);

    /// <summary>A refusal the page shows (anything but busy / moved, which it retries itself): the player taps again this soon.</summary>
    private static readonly TimeSpan TapAgain = TimeSpan.FromMilliseconds(500);

    /// <summary>The Speed rule of docs/live-protocol.md, written out here rather than called.</summary>
    private static int SpeedPoints(TimeSpan elapsed) =>
        (int)Math.Round(1000 * (1 - 0.5 * Math.Clamp(elapsed.TotalSeconds / Seconds, 0, 1)), MidpointRounding.AwayFromZero);

    [Fact]
    public async Task An_answer_in_flight_when_its_node_is_killed_is_resent_and_accepted_within_2_s_of_the_cluster_noticing_exactly_once()
    {
        Assert.Equal(980, SpeedPoints(TimeSpan.FromSeconds(2.4)));
        Assert.Equal(917, SpeedPoints(TimeSpan.FromSeconds(10)));

        await cluster.HealAsync();
        var (http, auth) = await cluster.LoginHostAsync();
        using var _ = http;
        var (gameId, pin) = await LiveFaultCluster.CreateGameAsync(http, "Mất máy chủ", 2, "Speed", Seconds);
        await using var host = await FaultHost.ConnectAsync(cluster.Url, auth, gameId);
        var phones = (await cluster.JoinPhonesAsync(pin, Answerers)).ToList();
        for (var k = 0; k < Probes; k++) phones.Add(await FaultPhone.JoinAsync(cluster.Url, "node2", pin, Answerers + k));
        try
        {
            var acked = new List<(int Player, int Question)>();
            await host.CommandAsync("Start");
            await Task.WhenAll(phones.Select(async p => Assert.True((await p.AnswerAsync(0, 0, TimeSpan.FromSeconds(20))).Accepted, $"player {p.I}: question 1 not received")));
            acked.AddRange(phones.Select(p => (p.I, 0)));
            await FaultChecks.AllRevealedAsync(phones, 0, DateTimeOffset.UtcNow.AddSeconds(15), "before the kill");

            var question = await host.NextQuestionAsync(1);
            var opened = FaultHost.OpenedAt(question);
            var sendFrom = opened.AddSeconds(2);
            var killAt = sendFrom.AddMilliseconds(400);
            await Task.Delay(sendFrom - DateTimeOffset.UtcNow);
            var answers = phones.Take(Answerers).Select(async p =>
            {
                await Task.Delay(sendFrom.AddMilliseconds(20 * p.I) - DateTimeOffset.UtcNow is var d && d > TimeSpan.Zero ? d : TimeSpan.Zero);
                return await p.AnswerAsync(1, 0, TimeSpan.FromSeconds(45), tapAgainAfter: TapAgain);
            }).ToList();
            await Task.Delay(killAt - DateTimeOffset.UtcNow is var w && w > TimeSpan.Zero ? w : TimeSpan.Zero);
            var killed = await cluster.KillNodeAsync("node1");

            // The probes: each answers until it gets through.
            var probeAcks = new ConcurrentBag<DateTimeOffset>();
            var probeTries = new ConcurrentBag<(DateTimeOffset Sent, DateTimeOffset Done, string Outcome)>();
            await Task.WhenAll(phones.Skip(Answerers).Select(async p =>
            {
                while (DateTimeOffset.UtcNow < killed.AddSeconds(45))
                {
                    var sent = DateTimeOffset.UtcNow;
                    var outcome = await p.SendOnceAsync(1, 0);
                    probeTries.Add((sent, DateTimeOffset.UtcNow, outcome));
                    if (outcome == "ack") { probeAcks.Add(DateTimeOffset.UtcNow); return; }
                    if (outcome == "already-answered") return;
                    await Task.Delay(100);
                }
            }));
            Assert.True(!probeAcks.IsEmpty, $"no probe's answer was accepted within 45 s of the kill: {string.Join(", ", probeTries.GroupBy(t => t.Outcome).Select(g => $"{g.Key} ×{g.Count()}"))}");
            acked.AddRange(phones.Skip(Answerers).Select(p => (p.I, 1)));
            var logs = await Task.WhenAll(answers);
            foreach (var l in logs) output.WriteLine(l.ToString());

            // The cluster noticed when the first answer sent after the kill was accepted, a probe's or a re-sent one.
            var noticed = logs.SelectMany(l => l.Tries).Where(t => t.Sent >= killed && t.Outcome == "ack").Select(t => t.Done).Append(probeAcks.Min()).Min();
            var killToFirst = noticed - killed;
            var figure = $"kill -9 of the game's node → first accepted answer on the other node: {killToFirst.TotalMilliseconds:0} ms " +
                         $"(two nodes behind nginx, {phones.Count} players, answers in flight; probe tries: {string.Join(", ", probeTries.GroupBy(t => t.Outcome).Select(g => $"{g.Key} ×{g.Count()}"))})";
            output.WriteLine(figure);
            output.WriteLine("written to " + LiveFaultCluster.WriteArtifact("kill-to-first-answer.txt", figure + "\n"));

            var unanswered = logs.Where(l => !l.Accepted).ToList();
            Assert.True(unanswered.Count == 0, $"{unanswered.Count} answers never accepted: {string.Join("; ", unanswered.Take(5))}");
            acked.AddRange(logs.Select(l => (l.Phone.I, 1)));

            // Everyone has answered: the question closes; every player hears of it.
            var lastAccepted = logs.Max(l => l.AcceptedAt!.Value);
            await FaultChecks.AllRevealedAsync(phones, 1, (lastAccepted > noticed ? lastAccepted : noticed).AddSeconds(15), "after the kill");

            // Resent within 2 s of the cluster noticing (or of its own first send, if later), and scored no lower than that.
            var late = new List<string>();
            foreach (var l in logs.Where(l => l.AcceptedAt > killed))
            {
                var due = (l.FirstSent > noticed ? l.FirstSent : noticed) + Resend;
                var points = (await l.Phone.RevealAsync(1)).Reveal.GetProperty("points").GetInt32();
                var floor = SpeedPoints(due - opened);
                var ceiling = SpeedPoints(l.FirstSent - opened);
                if (l.AcceptedAt > due || points < floor || points > ceiling + 1)
                    late.Add($"{l} accepted {(l.AcceptedAt!.Value - noticed).TotalSeconds:+0.00;-0.00} s after the cluster noticed, {points} points (at least {floor}, at most {ceiling})");
            }
            output.WriteLine($"{logs.Count(l => l.AcceptedAt <= killed)} answers acknowledged before the kill, {logs.Count(l => l.AcceptedAt > killed)} after");
            Assert.True(late.Count == 0, $"{late.Count} answers in flight at the kill were not accepted within {Resend.TotalSeconds} s of the cluster noticing ({killToFirst.TotalSeconds:0.0} s after the kill):\n" + string.Join("\n", late));

            // No acknowledged answer lost: every reveal says answered, with the points stored for it.
            var stored = await cluster.StoredAnswersAsync(gameId);
            foreach (var p in phones)
            {
                var r = (await p.RevealAsync(1)).Reveal;
                Assert.True(r.GetProperty("answered").GetBoolean(), $"player {p.I} ({p.Node}): answer acknowledged but the reveal says not answered");
                Assert.Equal(stored.Single(s => s.Player == p.PlayerId && s.Question == 1).Points, r.GetProperty("points").GetInt32());
            }

            await host.WaitPhaseAsync("Reveal", 1, TimeSpan.FromSeconds(10), "the host's reveal of question 2");
            await host.CommandAsync("Next");
            Assert.Equal("Podium", (await host.CommandAsync("Next")).GetProperty("phase").GetString());
            var expected = phones.Select(p => stored.Where(s => s.Player == p.PlayerId).Sum(s => (long)s.Points)).ToArray();
            Assert.All(expected, e => Assert.InRange(e, 2 * SpeedPoints(TimeSpan.FromSeconds(Seconds)), 2000));
            await FaultChecks.FinalsRightAsync(phones, expected, DateTimeOffset.UtcNow.AddSeconds(15));
            FaultChecks.StoredExactlyOnce(stored, phones, acked, expected);
            Assert.True(killToFirst < TimeSpan.FromSeconds(30), $"kill → first accepted answer took {killToFirst.TotalSeconds:0.0} s");

            // The run tested what it should only if the game lived on node1 (where it was created): then node2's answers
            // sent after the kill waited for the cluster to notice (or were refused). Checked last, so that on a design
            // that fails the run the real failure shows first.
            var node2Tries = logs.Where(l => l.Phone.Node == "node2").SelectMany(l => l.Tries).Where(t => t.Sent >= killed)
                .Select(t => (t.Sent, t.Done, t.Outcome)).Concat(probeTries).ToList();
            Assert.True(node2Tries.Any(t => t.Outcome != "ack" || t.Done - t.Sent >= TimeSpan.FromMilliseconds(250)),
                "node2's answers after the kill were all accepted at once: the game did not live on node1, so the kill did not hit it");
        }
        finally
        {
            foreach (var p in phones) await p.DisposeAsync();
        }
    }
}
