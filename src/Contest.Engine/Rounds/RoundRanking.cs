namespace Contest.Engine.Rounds;

/// <summary>One finished attempt as the ranking sees it.</summary>
public sealed record RankInput(int ParticipantId, long AttemptId, int Correct, int? Prediction, TimeSpan TimeTaken, DateTimeOffset SubmittedAt);

/// <summary>
/// One row of a round's final ranking. <see cref="Rank"/> is shared when every key is equal
/// (competition ranking: 1, 2, 2, 4); such rows are listed by participant id.
/// <see cref="PredictionError"/> is null when the participant never answered the prediction question.
/// </summary>
public sealed record RankedEntry(int Rank, int ParticipantId, long AttemptId, int Correct, int? Prediction, int? PredictionError, TimeSpan TimeTaken, DateTimeOffset SubmittedAt);

public sealed record RankingResult(int AllCorrectCount, IReadOnlyList<RankedEntry> Entries);

/// <summary>
/// The regulations' order: correct answers (more first), then |prediction − number of participants who
/// answered every question correctly| (smaller first), then time taken (shorter first), then
/// submission time (earlier first).
/// With several attempts one counts, chosen without looking at its prediction (<see cref="CountingAttempt"/>);
/// that attempt's prediction is the one ranked.
/// </summary>
public static class RoundRanking
{
    public static RankingResult Rank(IEnumerable<RankInput> attempts, int questionCount)
    {
        var list = attempts.ToList();
        // A participant "answered everything correctly" when any of their attempts did; that is also the attempt that counts.
        var allCorrect = list.Where(a => a.Correct >= questionCount && questionCount > 0).Select(a => a.ParticipantId).Distinct().Count();

        var best = list
            .GroupBy(a => a.ParticipantId)
            .Select(g => Keyed(CountingAttempt(g), allCorrect))
            .OrderBy(k => k, KeyComparer.Instance)
            .ThenBy(k => k.Input.ParticipantId)
            .ToList();

        var entries = new List<RankedEntry>(best.Count);
        for (var i = 0; i < best.Count; i++)
        {
            var k = best[i];
            var rank = i > 0 && KeyComparer.Instance.Compare(best[i - 1], k) == 0 ? entries[i - 1].Rank : i + 1;
            entries.Add(new RankedEntry(rank, k.Input.ParticipantId, k.Input.AttemptId, k.Input.Correct, k.Input.Prediction, k.Error, k.Input.TimeTaken, k.Input.SubmittedAt));
        }
        return new RankingResult(allCorrect, entries);
    }

    /// <summary>
    /// The attempt that counts, as Vietnamese regulations word it: the most correct answers, then the shortest time,
    /// then the earliest submission. The prediction plays no part, so a slower attempt with a luckier guess never counts.
    /// </summary>
    public static RankInput CountingAttempt(IEnumerable<RankInput> attemptsOfOne) =>
        attemptsOfOne.OrderByDescending(a => a.Correct).ThenBy(a => a.TimeTaken).ThenBy(a => a.SubmittedAt).ThenBy(a => a.AttemptId).First();

    private static Key Keyed(RankInput a, int allCorrect) =>
        new(a, a.Prediction is { } p ? (int)Math.Min(int.MaxValue, Math.Abs((long)p - allCorrect)) : null);

    private sealed record Key(RankInput Input, int? Error);

    private sealed class KeyComparer : IComparer<Key>
    {
        public static readonly KeyComparer Instance = new();

        public int Compare(Key? x, Key? y)
        {
            if (ReferenceEquals(x, y)) return 0;
            if (x is null) return 1;
            if (y is null) return -1;
            var c = y.Input.Correct.CompareTo(x.Input.Correct);
            if (c != 0) return c;
            // No prediction ranks after every prediction, however far off.
            c = (x.Error ?? int.MaxValue).CompareTo(y.Error ?? int.MaxValue);
            if (c == 0 && x.Error is null != y.Error is null) c = x.Error is null ? 1 : -1;
            if (c != 0) return c;
            c = x.Input.TimeTaken.CompareTo(y.Input.TimeTaken);
            if (c != 0) return c;
            return x.Input.SubmittedAt.CompareTo(y.Input.SubmittedAt);
        }
    }
}
