namespace Contest.Engine.Contests;

public enum ContestKind
{
    LiveQuiz = 0,
    OnlineRound = 1,
    Pitch = 2,
}

/// <summary>A contest of Youth Month: a live quiz, a series of scheduled online rounds, or a pitch contest.</summary>
public sealed class ContestInfo
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public ContestKind Kind { get; set; }

    /// <summary>"vi" or "en": the language the contest is presented in.</summary>
    public string Language { get; set; } = "vi";

    public string Description { get; set; } = "";
    public int? OrganizerUnitId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
