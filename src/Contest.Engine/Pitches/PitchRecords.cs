namespace Contest.Engine.Pitches;

/// <summary>A Judge account sitting on the panel of a round.</summary>
public sealed class PitchJudge
{
    public int Id { get; set; }
    public int RoundId { get; set; }
    public required string UserId { get; set; }
}

/// <summary>A declared conflict of interest: the judge does not score that team, and aggregation leaves the judge out for it.</summary>
public sealed class PitchConflict
{
    public int Id { get; set; }
    public int TeamId { get; set; }
    public required string UserId { get; set; }
    public string Reason { get; set; } = "";
}

/// <summary>One judge's score for one team on one criterion.</summary>
public sealed class PitchScore
{
    public int Id { get; set; }
    public int TeamId { get; set; }
    public int CriterionId { get; set; }
    public required string JudgeId { get; set; }
    public decimal Score { get; set; }
    public string Comment { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>Every change of a score, kept so a result can be explained after the fact.</summary>
public sealed class PitchScoreChange
{
    public long Id { get; set; }
    public int TeamId { get; set; }
    public int CriterionId { get; set; }
    public required string JudgeId { get; set; }
    public decimal? OldScore { get; set; }
    public decimal NewScore { get; set; }
    public string? OldComment { get; set; }
    public string NewComment { get; set; } = "";
    public DateTimeOffset ChangedAt { get; set; }
}
