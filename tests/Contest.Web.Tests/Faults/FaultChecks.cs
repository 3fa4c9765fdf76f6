using System.Text.Json;

namespace Contest.Web.Tests.Faults;

/// <summary>
/// What every fault run checks after its fault, from what the phones received and what PostgreSQL holds. Player i
/// answers question q right (option 0) unless (i + q) is a multiple of 3 (then option 1, wrong): in an Accuracy game
/// with 1000 points a question and no streak bonus, player 0 scores 0 + 1000 + 1000 + 0 = 2000 over four questions,
/// player 1 1000 + 1000 + 0 + 1000 = 3000, player 2 1000 + 0 + 1000 + 1000 = 3000.
/// </summary>
internal static class FaultChecks
{
    public static bool Right(int player, int question) => (player + question) % 3 != 0;

    public static int Option(int player, int question) => Right(player, question) ? 0 : 1;

    /// <summary>Player <paramref name="player"/>'s Accuracy score once questions 0 … <paramref name="last"/> are revealed, for those answered.</summary>
    public static long AccuracyScore(int player, int last, Func<int, bool>? answered = null) =>
        Enumerable.Range(0, last + 1).Count(q => (answered?.Invoke(q) ?? true) && Right(player, q)) * 1000L;

    /// <summary>Each phone answers <paramref name="q"/> as its player would (<see cref="Option"/>); all must be received.</summary>
    public static async Task<AnswerLog[]> AnswerAllAsync(IEnumerable<FaultPhone> phones, int q, List<(int Player, int Question)> acked)
    {
        var logs = await Task.WhenAll(phones.Select(p => p.AnswerAsync(q, Option(p.I, q), TimeSpan.FromSeconds(30))));
        var refused = logs.Where(l => !l.Accepted).ToList();
        Assert.True(refused.Count == 0, $"{refused.Count} of {logs.Length} answers to question {q + 1} not received: {string.Join("; ", refused.Take(5))}");
        lock (acked) acked.AddRange(logs.Select(l => (l.Phone.I, q)));
        return logs;
    }

    /// <summary>
    /// Waits until every phone has the reveal of <paramref name="q"/> or <paramref name="until"/> passes, then fails
    /// naming how many got it on each node. Returns when the last one arrived.
    /// </summary>
    public static async Task<DateTimeOffset> AllRevealedAsync(IReadOnlyList<FaultPhone> phones, int q, DateTimeOffset until, string why)
    {
        var all = Task.WhenAll(phones.Select(p => p.RevealAsync(q)));
        var left = until - DateTimeOffset.UtcNow;
        await Task.WhenAny(all, Task.Delay(left > TimeSpan.Zero ? left : TimeSpan.Zero));
        var missing = phones.Where(p => !p.HasReveal(q)).ToList();
        Assert.True(missing.Count == 0,
            $"{why}: {phones.Count - missing.Count} of {phones.Count} players got the reveal of question {q + 1} " +
            $"(node1 {phones.Count(p => p.Node == "node1" && p.HasReveal(q))}/{phones.Count(p => p.Node == "node1")}, " +
            $"node2 {phones.Count(p => p.Node == "node2" && p.HasReveal(q))}/{phones.Count(p => p.Node == "node2")}); " +
            $"first missing: player {missing.FirstOrDefault()?.I} {string.Join(" | ", missing.FirstOrDefault()?.Trace ?? [])}");
        return (await all).Max(r => r.At);
    }

    /// <summary>
    /// Each reveal of <paramref name="q"/> says what the player earned and where they stand: answered or not as given,
    /// 1000 or 0 points, the expected score, and a rank consistent with everyone's expected score (equal scores are
    /// ordered by answering time, which the test does not control).
    /// </summary>
    public static void AccuracyRevealsRight(IReadOnlyList<FaultPhone> phones, int q, Func<int, int, bool> answered)
    {
        var scores = phones.Select(p => AccuracyScore(p.I, q, x => answered(p.I, x))).ToArray();
        foreach (var p in phones)
        {
            var r = p.RevealAsync(q).Result.Reveal;
            var who = $"player {p.I} ({p.Node}), question {q + 1}";
            Assert.True(answered(p.I, q) == r.GetProperty("answered").GetBoolean(), $"{who}: answered {r.GetProperty("answered")}");
            Assert.True((answered(p.I, q) && Right(p.I, q) ? 1000 : 0) == r.GetProperty("points").GetInt32(), $"{who}: points {r.GetProperty("points")}");
            Assert.True(scores[p.I] == r.GetProperty("score").GetInt64(), $"{who}: score {r.GetProperty("score")}, expected {scores[p.I]}");
            RankConsistent(who, r, scores, scores[p.I]);
        }
    }

    public static void RankConsistent(string who, JsonElement shown, long[] scores, long score)
    {
        var rank = shown.GetProperty("rank").GetInt64();
        long above = scores.Count(s => s > score), equal = scores.Count(s => s == score);
        Assert.True(rank >= above + 1 && rank <= above + equal, $"{who}: rank {rank} with score {score}, expected {above + 1}–{above + equal}");
        Assert.Equal(scores.Length, shown.GetProperty("players").GetInt32());
    }

    /// <summary>Every phone gets GameOver with its expected score and a consistent rank, by <paramref name="until"/>.</summary>
    public static async Task FinalsRightAsync(IReadOnlyList<FaultPhone> phones, long[] expected, DateTimeOffset until)
    {
        var all = Task.WhenAll(phones.Select(p => p.Final.Task));
        var left = until - DateTimeOffset.UtcNow;
        await Task.WhenAny(all, Task.Delay(left > TimeSpan.Zero ? left : TimeSpan.Zero));
        var missing = phones.Where(p => !p.Final.Task.IsCompletedSuccessfully).ToList();
        Assert.True(missing.Count == 0, $"{phones.Count - missing.Count} of {phones.Count} players got the podium (GameOver); missing on node1 {missing.Count(p => p.Node == "node1")}, node2 {missing.Count(p => p.Node == "node2")}");
        foreach (var p in phones)
        {
            var f = p.Final.Task.Result;
            Assert.True(expected[p.I] == f.GetProperty("score").GetInt64(), $"player {p.I} ({p.Node}): final score {f.GetProperty("score")}, expected {expected[p.I]}");
            RankConsistent($"player {p.I} ({p.Node}) final", f, expected, expected[p.I]);
        }
    }

    /// <summary>
    /// Exactly once: one stored row per (player, question) for each answer the phones were told was received, none for
    /// any other, and each player's rows add up to <paramref name="expected"/>.
    /// </summary>
    public static void StoredExactlyOnce(List<(Guid Player, int Question, int Points)> rows, IReadOnlyList<FaultPhone> phones, IEnumerable<(int Player, int Question)> acknowledged, long[] expected)
    {
        var duplicates = rows.GroupBy(r => (r.Player, r.Question)).Where(g => g.Count() > 1).ToList();
        Assert.True(duplicates.Count == 0, $"{duplicates.Count} answers stored twice");
        var acked = acknowledged.ToHashSet();
        var lost = acked.Where(a => !rows.Any(r => r.Player == phones[a.Player].PlayerId && r.Question == a.Question)).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} acknowledged answers are not stored: {string.Join(", ", lost.Take(10))}");
        Assert.Equal(acked.Count, rows.Count);
        foreach (var p in phones)
            Assert.True(expected[p.I] == rows.Where(r => r.Player == p.PlayerId).Sum(r => (long)r.Points), $"player {p.I}: stored points {rows.Where(r => r.Player == p.PlayerId).Sum(r => (long)r.Points)}, expected {expected[p.I]}");
    }
}
