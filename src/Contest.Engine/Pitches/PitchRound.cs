using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Contest.Engine.Pitches;

[JsonConverter(typeof(JsonStringEnumConverter<AggregationMethod>))]
public enum AggregationMethod
{
    Mean = 0,
    TrimmedMean = 1,
    ZScore = 2,
}

[JsonConverter(typeof(JsonStringEnumConverter<PitchTimerPhase>))]
public enum PitchTimerPhase
{
    Stopped = 0,
    Pitch = 1,
    Questions = 2,
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

    /// <summary>Ties are broken by the higher mean on this criterion first, then by the higher median judge total.</summary>
    public int? TieBreakCriterionId { get; set; }

    /// <summary>The people's-choice vote is open to the hall; it never enters the judges' ranking.</summary>
    public bool AudienceVoteOpen { get; set; }

    /// <summary>When the organizer last closed the vote; the totals are public only once it is closed.</summary>
    public DateTimeOffset? AudienceVoteClosedAt { get; set; }

    /// <summary>The stricter vote: each vote also spends a one-time ticket code printed for the hall.</summary>
    public bool AudienceTicketsRequired { get; set; }

    /// <summary>The team on stage, pushed to every judge's phone.</summary>
    public int? CurrentTeamId { get; set; }

    public PitchTimerPhase TimerPhase { get; set; }

    /// <summary>Server time the running timer reaches zero; clients only display it.</summary>
    public DateTimeOffset? TimerEndsAt { get; set; }
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

    /// <summary>Optional guidance per score band, one band a line, e.g. "0-4: chưa rõ ràng".</summary>
    public string Guidance { get; set; } = "";
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

    /// <summary>Set when the organizer locks the team: scores are final and become visible.</summary>
    /// <remarks>A concurrency token: a score save bumps <see cref="ScoreRevision"/> with "where not locked", so a save racing a lock loses.</remarks>
    [ConcurrencyCheck]
    public DateTimeOffset? LockedAt { get; set; }

    /// <summary>Bumped by every score save of the team; exists so the save and the lock touch the same row.</summary>
    public int ScoreRevision { get; set; }

    public string? LockedBy { get; set; }

    public bool IsLocked => LockedAt is not null;
}
