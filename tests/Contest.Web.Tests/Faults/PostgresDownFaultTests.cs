using System.Text.RegularExpressions;
using Xunit.Abstractions;
using static Contest.Web.Tests.Faults.FaultChecks;

namespace Contest.Web.Tests.Faults;

/// <summary>
/// Fault run 2 of issue 19: PostgreSQL down when a question's deadline passes. 60 players (30 sticky to each node),
/// three Accuracy questions of 12 s (1000 points, no streak bonus). Question 2: half of each node's players answer,
/// then PostgreSQL is stopped (pg_ctl -m immediate) 3 s before the deadline and started again 3 s after it (≈ 6 s
/// down). The reveal of question 2 must reach every player within 10 s of PostgreSQL's return — the answerers with
/// their points, the others with none — a node must log the failure (a warning or error of the game's own code or of
/// Orleans that names the game, its deadline, reveal or timer), and the game must go on to the podium with the
/// hand-worked scores, each received answer stored once. (Seen before: the reveal was never computed nor sent, and
/// nothing was logged.)
/// </summary>
[Collection(LiveFaultCollection.Name)]
public partial class PostgresDownFaultTests(LiveFaultCluster cluster, ITestOutputHelper output)
{
    private const int Players = 60;
    private const int Questions = 3;
    private const int Seconds = 12;

    /// <summary>Who answers question 2 (index 1): two of every four players, so both nodes have answerers and not.</summary>
    private static bool Answers(int player, int question) => question != 1 || player % 4 < 2;

    [Fact]
    public async Task With_PostgreSQL_down_across_a_deadline_the_reveal_reaches_every_player_soon_after_it_returns_and_the_failure_is_logged()
    {
        await cluster.HealAsync();
        var (http, auth) = await cluster.LoginHostAsync();
        using var _ = http;
        var (gameId, pin) = await LiveFaultCluster.CreateGameAsync(http, "Mất PostgreSQL", Questions, "Accuracy", Seconds);
        await using var host = await FaultHost.ConnectAsync(cluster.Url, auth, gameId);
        var phones = await cluster.JoinPhonesAsync(pin, Players);
        try
        {
            var acked = new List<(int Player, int Question)>();
            await host.CommandAsync("Start");
            await AnswerAllAsync(phones, 0, acked);
            await AllRevealedAsync(phones, 0, DateTimeOffset.UtcNow.AddSeconds(10), "before the fault");

            var question = await host.NextQuestionAsync(1);
            var deadline = question.GetProperty("deadline").GetDateTimeOffset();
            await AnswerAllAsync(phones.Where(p => Answers(p.I, 1)), 1, acked);
            Assert.True(deadline - DateTimeOffset.UtcNow > TimeSpan.FromSeconds(4), $"too slow to set up the fault: the deadline is {deadline:HH:mm:ss.fff}");

            await Task.Delay(deadline.AddSeconds(-3) - DateTimeOffset.UtcNow);
            var logFrom = new[] { "node1", "node2" }.ToDictionary(n => n, cluster.LogLength);
            var stop = await cluster.FaultAsync("pg-stop");
            Assert.True(stop.Code == 0, stop.Output);
            output.WriteLine($"{stop.Output.Trim()} (deadline {deadline:HH:mm:ss.fff})");
            await Task.Delay(deadline.AddSeconds(3) - DateTimeOffset.UtcNow);
            var start = await cluster.FaultAsync("heal");
            Assert.True(start.Code == 0, start.Output);
            var back = DateTimeOffset.UtcNow;
            output.WriteLine($"{back:HH:mm:ss.fff} PostgreSQL back ({(back - deadline).TotalSeconds:0.0} s after the deadline)");

            // Both the reveal and the log are checked before either fails, so a run shows everything that is wrong.
            string? notRevealed = null;
            try
            {
                var last = await AllRevealedAsync(phones, 1, back.AddSeconds(10), "PostgreSQL was down at the deadline");
                output.WriteLine($"question 2: all {Players} reveals {(last - back).TotalSeconds:0.0} s after PostgreSQL returned");
            }
            catch (Xunit.Sdk.XunitException e)
            {
                notRevealed = e.Message;
            }
            var logged = FailureEntries(logFrom, gameId).ToList();
            var notLogged = logged.Count > 0 || LiveFaultCluster.Control ? null
                : "no node logged the failed deadline while PostgreSQL was down; warnings and errors logged: " +
                  string.Join(" | ", logFrom.SelectMany(f => Entries(cluster.LogSince(f.Key, f.Value))).Select(e => e.Length > 160 ? e[..160] + "…" : e).Distinct().Take(8));
            Assert.True(notRevealed is null && notLogged is null, string.Join("\n", new[] { notRevealed, notLogged }.Where(m => m is not null)));
            var first = logged.FirstOrDefault() ?? "";
            output.WriteLine("logged: " + (first.Length > 300 ? first[..300] + "…" : first));
            AccuracyRevealsRight(phones, 1, Answers);

            await host.WaitPhaseAsync("Reveal", 1, TimeSpan.FromSeconds(10), "the host's reveal of question 2");
            await host.NextQuestionAsync(2);
            await AnswerAllAsync(phones, 2, acked);
            await AllRevealedAsync(phones, 2, DateTimeOffset.UtcNow.AddSeconds(15), "after PostgreSQL returned");
            AccuracyRevealsRight(phones, 2, Answers);
            await host.WaitPhaseAsync("Reveal", 2, TimeSpan.FromSeconds(10), "the host's reveal of question 3");
            await host.CommandAsync("Next");
            Assert.Equal("Podium", (await host.CommandAsync("Next")).GetProperty("phase").GetString());

            var expected = Enumerable.Range(0, Players).Select(i => AccuracyScore(i, Questions - 1, q => Answers(i, q))).ToArray();
            await FinalsRightAsync(phones, expected, DateTimeOffset.UtcNow.AddSeconds(15));
            StoredExactlyOnce(await cluster.StoredAnswersAsync(gameId), phones, acked, expected);
        }
        finally
        {
            foreach (var p in phones) await p.DisposeAsync();
        }
    }

    /// <summary>Warnings and errors since the stop from the game's code or Orleans that name this game, a deadline, a reveal or a timer.</summary>
    private IEnumerable<string> FailureEntries(Dictionary<string, long> from, Guid gameId) =>
        from.SelectMany(f => Entries(cluster.LogSince(f.Key, f.Value)))
            .Where(e => e.StartsWith("Contest.", StringComparison.Ordinal) || e.StartsWith("Orleans", StringComparison.Ordinal))
            .Where(e => e.Contains(gameId.ToString("D"), StringComparison.OrdinalIgnoreCase) || e.Contains(gameId.ToString("N"), StringComparison.OrdinalIgnoreCase) || Subject().IsMatch(e));

    /// <summary>The console logger's warn / fail / crit entries as "Category[id] message …" (continuation lines joined).</summary>
    private static IEnumerable<string> Entries(string log)
    {
        string? entry = null;
        foreach (var line in log.Split('\n'))
        {
            if (Level().Match(line) is { Success: true } m)
            {
                if (entry is not null) yield return entry;
                entry = m.Groups[1].Value;
            }
            else if (entry is not null && line.StartsWith(' ')) entry += " " + line.Trim();
            else if (entry is not null) { yield return entry; entry = null; }
        }
        if (entry is not null) yield return entry;
    }

    [GeneratedRegex(@"^(?:warn|fail|crit): (.*)$")]
    private static partial Regex Level();

    [GeneratedRegex("deadline|reveal|timer", RegexOptions.IgnoreCase)]
    private static partial Regex Subject();
}
