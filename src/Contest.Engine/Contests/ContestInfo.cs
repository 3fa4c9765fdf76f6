namespace Contest.Engine.Contests;

/// <summary>
/// What a contest runs. A set, not one value: the English contest of Youth Month is both a live quiz and weekly
/// online rounds in English, so each kind is a flag and <see cref="ContestInfo.Kind"/> holds all that apply.
/// </summary>
[Flags]
public enum ContestKind
{
    LiveQuiz = 1,
    OnlineRound = 2,
    Pitch = 4,
    English = 8,
}

/// <summary>A contest of Youth Month: live quizzes, scheduled online rounds, English rounds, a pitch contest, or several of these.</summary>
public sealed class ContestInfo
{
    public const int MaxName = 300;
    public const int MaxDescription = 2000;

    public int Id { get; set; }
    public required string Name { get; set; }

    /// <summary>Every kind that applies (flags); rounds, pitch rounds and live games list the contests of their kind.</summary>
    public ContestKind Kind { get; set; }

    /// <summary>"vi" or "en": the language the contest is presented in (the English kind means "en").</summary>
    public string Language { get; set; } = "vi";

    public string Description { get; set; } = "";
    public int? OrganizerUnitId { get; set; }

    /// <summary>First and last day, as dates of the Vietnam calendar (the rules print dates, not instants).</summary>
    public DateOnly? StartsOn { get; set; }
    public DateOnly? EndsOn { get; set; }

    /// <summary>The event (a hall with projectors) this contest belongs to, if any.</summary>
    public int? EventId { get; set; }

    /// <summary>Set when archived: the contest keeps its rounds and results but is no longer offered in pickers.</summary>
    public DateTimeOffset? ArchivedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public bool Has(ContestKind kind) => (Kind & kind) == kind;
}
