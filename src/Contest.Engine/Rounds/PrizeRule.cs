using Contest.Engine.Units;

namespace Contest.Engine.Rounds;

/// <summary>The rule of one prize row. The rules themselves are in <see cref="PrizeTable"/>.</summary>
public enum PrizeKind
{
    /// <summary>A tier of the final ranking (Nhất, Nhì, Ba, Khuyến khích): each tier row takes the next places after the tier rows above it.</summary>
    RankTier = 0,

    /// <summary>The participants whose prediction was closest to the actual number of all-correct participants.</summary>
    ClosestPrediction = 1,

    /// <summary>Collective prize: the units (at <see cref="PrizeRule.UnitLevel"/>) with the most participants.</summary>
    UnitMostParticipants = 2,

    /// <summary>Collective prize: the units with the highest participants ÷ members (see <see cref="UnitStatistics.ParticipationRate"/>).</summary>
    UnitParticipationRate = 3,

    /// <summary>Collective prize: the units whose participants have the most correct answers on average.</summary>
    UnitAverageScore = 4,
}

/// <summary>How people at the same distance from the actual number are separated for the closest-prediction prize.</summary>
public enum PredictionTieBreak
{
    /// <summary>Shorter time taken first, then the earlier submission (the default, as most regulations word it).</summary>
    TimeThenSubmission = 0,

    /// <summary>The earlier submission first.</summary>
    EarlierSubmission = 1,

    /// <summary>The better place in the round's final ranking (more correct answers first).</summary>
    OverallRank = 2,

    /// <summary>Not separated: everyone at the same distance shares the place.</summary>
    Shared = 3,
}

/// <summary>One row of a round's prize table, e.g. "Giải Nhì ×2", "Giải dự đoán ×1", "Giải tập thể ×3 (huyện đoàn)".</summary>
public sealed class PrizeRule
{
    public int Id { get; set; }
    public int RoundId { get; set; }
    public PrizeKind Kind { get; set; }
    public required string Name { get; set; }

    /// <summary>How many places the row awards; a tie on the last place gives it to every tied person or unit.</summary>
    public int Count { get; set; } = 1;

    /// <summary>For unit prizes: the tree level participants are counted at (null: the unit they registered with).</summary>
    public UnitLevel? UnitLevel { get; set; }

    public int SortOrder { get; set; }

    public bool IsUnitPrize => Kind is PrizeKind.UnitMostParticipants or PrizeKind.UnitParticipationRate or PrizeKind.UnitAverageScore;
}
