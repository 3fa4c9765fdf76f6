using Contest.Engine.Questions.Answers;

namespace Contest.Engine.LiveGames;

/// <summary>One answer as scored when it reached the server.</summary>
public sealed record PlayerAnswer(
    Guid PlayerId, int QuestionIndex, SubmittedAnswer Answer, DateTimeOffset ReceivedAt, TimeSpan Elapsed,
    bool Correct, double Credit, int BasePoints, int StreakBonus, int Points, int Streak);

public sealed class LivePlayer
{
    public required Guid Id { get; init; }
    public required string Nickname { get; init; }
    public int? UnitId { get; init; }
    public string? UnitName { get; init; }
    public required string ResumeTokenHash { get; init; }
    public DateTimeOffset JoinedAt { get; init; }
    public string? ConnectionId { get; set; }
    public bool Kicked { get; set; }

    public long Score { get; set; }
    public int Streak { get; set; }

    /// <summary>Time spent on answers that earned points: the tie-break in accuracy mode.</summary>
    public TimeSpan ScoredTime { get; set; }

    /// <summary>
    /// Whole milliseconds (as stored) summed over every answer, right or wrong, and how many: a team's members'
    /// mean answer time breaks team ties.
    /// </summary>
    public long AnswerMs { get; set; }
    public int AnswerCount { get; set; }

    /// <summary>When the player reached the current score: the tie-break in speed mode.</summary>
    public DateTimeOffset ScoredAt { get; set; }

    public long Rank { get; set; }
    public long PreviousRank { get; set; }
    public Dictionary<int, PlayerAnswer> Answers { get; } = [];
    public PlayerReveal? LastReveal { get; set; }
    public PlayerFinal? Final { get; set; }
}
