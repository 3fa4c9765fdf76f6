namespace Contest.Engine.Rounds;

/// <summary>A row of a closed round's final ranking, kept so results are auditable and cheap to show.</summary>
public sealed class RoundResult
{
    public long Id { get; set; }
    public int RoundId { get; set; }
    public int ParticipantId { get; set; }
    public long AttemptId { get; set; }
    public int Rank { get; set; }
    public int Correct { get; set; }
    public int? Prediction { get; set; }
    public int? PredictionError { get; set; }
    public long TimeTakenMs { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
}

/// <summary>A prize awarded when the round closed.</summary>
public sealed class RoundPrize
{
    public long Id { get; set; }
    public int RoundId { get; set; }
    public int PrizeRuleId { get; set; }
    public PrizeKind Kind { get; set; }
    public required string Name { get; set; }
    public int Place { get; set; }
    public int? ParticipantId { get; set; }
    public int? UnitId { get; set; }
    public int? ParticipantCount { get; set; }

    /// <summary>What the prize was decided on: the prediction's distance, a unit's participation rate (0–1) or average correct answers.</summary>
    public double? Measure { get; set; }
}

/// <summary>What a round's jobs did, one row per run: shows the jobs ran once and what they changed.</summary>
public sealed class RoundEvent
{
    public long Id { get; set; }
    public int RoundId { get; set; }
    public required string Kind { get; set; }
    public bool Changed { get; set; }
    public DateTimeOffset At { get; set; }
    public string Detail { get; set; } = "";
}
