namespace Contest.Engine.LiveGames;

/// <summary>A live game as stored: created with the game, completed at the podium. The rows below explain every rank.</summary>
public sealed class LiveGameRecord
{
    public Guid Id { get; set; }
    public required string Pin { get; set; }
    public required string Title { get; set; }
    public required string Host { get; set; }
    public int? BankId { get; set; }
    public ScoringMode Scoring { get; set; }
    public TeamMode Teams { get; set; }
    public bool StreakBonus { get; set; }
    public int PodiumSize { get; set; }
    public double TimerFactor { get; set; }

    /// <summary>Bank question ids in play order.</summary>
    public List<int> QuestionIds { get; set; } = [];
    public List<int> QuestionPoints { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
}

public sealed class LivePlayerRecord
{
    public Guid Id { get; set; }
    public Guid GameId { get; set; }
    public required string Nickname { get; set; }
    public int? UnitId { get; set; }
    public string? UnitName { get; set; }

    /// <summary>SHA-256 of the resume token kept on the device; the token itself is never stored.</summary>
    public required string ResumeTokenHash { get; set; }
    public DateTimeOffset JoinedAt { get; set; }
    public bool Kicked { get; set; }
    public long? FinalScore { get; set; }
    public long? FinalRank { get; set; }
}

public sealed class LiveAnswerRecord
{
    public long Id { get; set; }
    public Guid GameId { get; set; }
    public Guid PlayerId { get; set; }
    public int QuestionIndex { get; set; }
    public int QuestionId { get; set; }

    /// <summary>Stored option indexes (choice), stored order (ordering) or the typed text, as JSON.</summary>
    public required string Answer { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public int ElapsedMs { get; set; }
    public bool Correct { get; set; }
    public double Credit { get; set; }
    public int BasePoints { get; set; }
    public int StreakBonus { get; set; }
    public int Points { get; set; }
}
