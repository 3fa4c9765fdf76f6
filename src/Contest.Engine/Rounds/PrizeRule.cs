using Contest.Engine.Units;

namespace Contest.Engine.Rounds;

public enum PrizeKind
{
    /// <summary>The first N of the final ranking.</summary>
    TopOverall = 0,

    /// <summary>The N participants whose prediction was closest to the actual number of all-correct participants.</summary>
    ClosestPrediction = 1,

    /// <summary>Collective prize: the N units (at <see cref="PrizeRule.UnitLevel"/>) with the most participants.</summary>
    UnitMostParticipants = 2,
}

/// <summary>One line of a round's prize table, e.g. "Giải Nhất ×1", "Giải dự đoán ×2", "Giải tập thể ×3 (huyện đoàn)".</summary>
public sealed class PrizeRule
{
    public int Id { get; set; }
    public int RoundId { get; set; }
    public PrizeKind Kind { get; set; }
    public required string Name { get; set; }

    /// <summary>How many places the prize covers; ties on the last place share it.</summary>
    public int Count { get; set; } = 1;

    /// <summary>For unit prizes: the tree level participants are counted at (null: the unit they registered with).</summary>
    public UnitLevel? UnitLevel { get; set; }

    public int SortOrder { get; set; }
}
