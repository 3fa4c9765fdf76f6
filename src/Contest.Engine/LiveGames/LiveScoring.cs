namespace Contest.Engine.LiveGames;

/// <summary>
/// The points rules, written down in docs/live-protocol.md:
/// <list type="bullet">
/// <item>Speed: round(points × credit × (1 − 0.5 × elapsed / limit)), elapsed clamped to [0, limit]: full points
/// for an instant answer, half at the deadline (as Kahoot! does).</item>
/// <item>Accuracy: round(points × credit); ties are broken by total answering time.</item>
/// <item>Streak bonus (optional): a fully right answer that extends a run of n fully right answers adds
/// 100 × min(n − 1, 5): nothing for the first, 100 for the second in a row, up to 500.</item>
/// </list>
/// Rounding is half away from zero, so 512.5 → 513.
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

    public static int StreakBonus(int streak) => streak <= 1 ? 0 : Math.Min(streak - 1, StreakCap) * StreakStep;

    private static int Round(double value) => (int)Math.Round(value, MidpointRounding.AwayFromZero);
}
