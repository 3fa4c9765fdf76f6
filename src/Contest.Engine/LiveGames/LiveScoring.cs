namespace Contest.Engine.LiveGames;

/// <summary>
/// The points rules, written down in docs/live-protocol.md:
/// <list type="bullet">
/// <item>Speed: round(points × credit × (1 − 0.5 × elapsed / limit)), elapsed clamped to [0, limit]: full points
/// for an instant answer, half at the deadline (as Kahoot! does).</item>
/// <item>Accuracy: round(points × credit); ties are broken by total answering time.</item>
/// <item>Streak: a fully right answer extends the run by one; anything else (a wrong or partly right answer, or
/// no answer by the reveal) ends it. A question worth 0 points still extends the run.</item>
/// <item>Streak bonus (optional): a fully right answer that makes a run of n adds 100 × min(n − 1, 5) — nothing for
/// the first, 100 for the second in a row, up to 500 — except on a question worth 0 points, which pays no bonus
/// (as Kahoot! does).</item>
/// </list>
/// Rounding is half away from zero, so 512.5 → 513. Every place that sets a streak (answering, taking an answer
/// back, the reveal, rebuilding a game from storage) goes through the streak functions here.
/// </summary>
public static class LiveScoring
{
    public const int StreakStep = 100;
    public const int StreakCap = 5;

    public static int BasePoints(ScoringMode mode, int points, double credit, TimeSpan elapsed, TimeSpan limit)
    {
        credit = Math.Clamp(credit, 0, 1);
        if (mode == ScoringMode.Accuracy || limit <= TimeSpan.Zero) return Round(points * credit);
        var share = Math.Clamp(elapsed / limit, 0, 1);
        return Round(points * credit * (1 - 0.5 * share));
    }

    /// <summary>The bonus for an answer that makes a run of <paramref name="streak"/>, on any question worth points.</summary>
    public static int StreakBonus(int streak) => streak <= 1 ? 0 : Math.Min(streak - 1, StreakCap) * StreakStep;

    /// <summary>The bonus on a question worth <paramref name="questionPoints"/> in this game: none on a 0-point question.</summary>
    public static int StreakBonus(int streak, int questionPoints) => questionPoints > 0 ? StreakBonus(streak) : 0;

    /// <summary>The run after an answer: one longer if fully right, otherwise over.</summary>
    public static int NextStreak(int before, bool correct) => correct ? before + 1 : 0;

    /// <summary>
    /// The run a player brings to question <paramref name="index"/>: the run after their answer to the question before,
    /// or 0 if they let that one pass (or it is the first).
    /// </summary>
    public static int StreakBefore(IReadOnlyDictionary<int, PlayerAnswer> answers, int index) =>
        answers.TryGetValue(index - 1, out var previous) ? previous.Streak : 0;

    /// <summary>The run once question <paramref name="index"/> has closed: its answer's, or 0 without one.</summary>
    public static int StreakAfter(IReadOnlyDictionary<int, PlayerAnswer> answers, int index) =>
        answers.TryGetValue(index, out var a) ? a.Streak : 0;

    private static int Round(double value) => (int)Math.Round(value, MidpointRounding.AwayFromZero);
}
