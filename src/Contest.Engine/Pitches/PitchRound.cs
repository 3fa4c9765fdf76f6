namespace Contest.Engine.Pitches;

public enum AggregationMethod
{
    Mean = 0,
    TrimmedMean = 1,
    ZScore = 2,
}

/// <summary>A round of a pitch contest: teams pitch, judges score them on the round's rubric.</summary>
public sealed class PitchRound
{
    public int Id { get; set; }
    public int ContestId { get; set; }
    public required string Name { get; set; }
    public AggregationMethod Method { get; set; } = AggregationMethod.Mean;
    public int PitchSeconds { get; set; } = 300;
    public int QaSeconds { get; set; } = 180;
    public List<RubricCriterion> Criteria { get; set; } = [];
    public List<PitchTeam> Teams { get; set; } = [];
}

public sealed class RubricCriterion
{
    public int Id { get; set; }
    public int RoundId { get; set; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    public decimal Weight { get; set; }
    public int MaxScore { get; set; } = 10;
    public int Order { get; set; }
}

public sealed class PitchTeam
{
    public int Id { get; set; }
    public int RoundId { get; set; }
    public required string Name { get; set; }
    public string Project { get; set; } = "";
    public string Members { get; set; } = "";
    public int? UnitId { get; set; }
    public string Description { get; set; } = "";
    public string? DeckUrl { get; set; }
    public int Order { get; set; }
}
