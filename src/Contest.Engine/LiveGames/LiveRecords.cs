namespace Contest.Engine.LiveGames;

/// <summary>A live game as stored: created with the game, completed at the podium. The rows below explain every rank.</summary>
public sealed class LiveGameRecord
{
    public Guid Id { get; set; }
    public required string Pin { get; set; }
    public required string Title { get; set; }
    public required string Host { get; set; }
    public int? BankId { get; set; }

    /// <summary>The contest the game is played for, chosen when it is created (none for a quick game).</summary>
    public int? ContestId { get; set; }
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

    /// <summary>Each question's time limit in seconds as played, so the game can be rebuilt from its rows.</summary>
    public List<int> QuestionSeconds { get; set; } = [];

    /// <summary>Each question's display id → stored option index map, as JSON (int[][]).</summary>
    public string DisplayOrders { get; set; } = "[]";

    // Where the game stands, kept after every step (ILiveStateStore), so that the game's grain, reactivated on any
    // node, carries on from there with PostgreSQL alone.
    public GamePhase Phase { get; set; }
    public int CurrentIndex { get; set; } = -1;
    public DateTimeOffset? OpenedAt { get; set; }
    public DateTimeOffset? Deadline { get; set; }
    public bool Paused { get; set; }
    public DateTimeOffset? PausedAt { get; set; }
    public int PausedTotalMs { get; set; }
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
