using Contest.Engine.LiveGames;

namespace Contest.Engine.Tests.LiveGames;

public class LiveScoringTests
{
    private static readonly TimeSpan Twenty = TimeSpan.FromSeconds(20);

    [Theory]
    // 1000 × (1 − 0.5 × 0/20) = 1000
    [InlineData(1000, 1.0, 0, 1000)]
    // 1000 × (1 − 0.5 × 5/20) = 1000 × 0.875 = 875
    [InlineData(1000, 1.0, 5, 875)]
    // at the deadline: 1000 × (1 − 0.5) = 500
    [InlineData(1000, 1.0, 20, 500)]
    // past the deadline is clamped: still 500
    [InlineData(1000, 1.0, 25, 500)]
    // partial credit ½ at 10 s: 1000 × 0.5 × (1 − 0.25) = 375
    [InlineData(1000, 0.5, 10, 375)]
    // double points at 3 s: 2000 × (1 − 0.5 × 0.15) = 2000 × 0.925 = 1850
    [InlineData(2000, 1.0, 3, 1850)]
    // 10 points at 1 s: 10 × (1 − 0.025) = 9.75 → 10
    [InlineData(10, 1.0, 1, 10)]
    public void Speed_points_fall_from_full_to_half_at_the_deadline(int points, double credit, int seconds, int expected) =>
        Assert.Equal(expected, LiveScoring.BasePoints(ScoringMode.Speed, points, credit, TimeSpan.FromSeconds(seconds), Twenty));

    [Fact]
    public void Halves_round_away_from_zero()
    {
        // 1000 × (1 − 0.5 × 1/8) = 937.5 → 938
        Assert.Equal(938, LiveScoring.BasePoints(ScoringMode.Speed, 1000, 1, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8)));
    }

    [Theory]
    // time does not matter: 1000 × 1 = 1000 even at the deadline
    [InlineData(1000, 1.0, 20, 1000)]
    // 1000 × ⅓ = 333.3 → 333
    [InlineData(1000, 1.0 / 3, 2, 333)]
    [InlineData(1000, 0.0, 0, 0)]
    public void Accuracy_points_ignore_time(int points, double credit, int seconds, int expected) =>
        Assert.Equal(expected, LiveScoring.BasePoints(ScoringMode.Accuracy, points, credit, TimeSpan.FromSeconds(seconds), Twenty));

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    [InlineData(2, 100)]
    [InlineData(3, 200)]
    [InlineData(6, 500)]
    [InlineData(12, 500)]
    public void Streak_bonus_is_100_per_answer_in_a_row_after_the_first_capped_at_500(int streak, int bonus) =>
        Assert.Equal(bonus, LiveScoring.StreakBonus(streak));
}
