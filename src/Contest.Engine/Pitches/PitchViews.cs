namespace Contest.Engine.Pitches;

public sealed record CriterionView(int Id, string Name, string Description, string Guidance, decimal Weight, int MaxScore, int Order)
{
    public static CriterionView Of(RubricCriterion c) => new(c.Id, c.Name, c.Description, c.Guidance, c.Weight, c.MaxScore, c.Order);
}

public sealed record TeamView(int Id, string Name, string Project, string Members, string Description, string? DeckUrl, int Order, bool Locked, DateTimeOffset? LockedAt, string? LockedBy)
{
    public static TeamView Of(PitchTeam t) => new(t.Id, t.Name, t.Project, t.Members, t.Description, t.DeckUrl, t.Order, t.IsLocked, t.LockedAt, t.LockedBy);
}

/// <summary>What the hall sees right now: the team on stage and the running timer (server time is authoritative).</summary>
public sealed record LiveState(int RoundId, int? CurrentTeamId, PitchTimerPhase Phase, DateTimeOffset? TimerEndsAt, DateTimeOffset ServerNow);

public sealed record ScoreEntry(int CriterionId, decimal Score, string? Comment);

public sealed record ScoreView(int CriterionId, decimal Score, string Comment, DateTimeOffset UpdatedAt);

public sealed record JudgeTeamView(TeamView Team, bool Recused, IReadOnlyList<ScoreView> MyScores);

public sealed record JudgeRoundView(int RoundId, string Name, int PitchSeconds, int QaSeconds, LiveState Live, IReadOnlyList<CriterionView> Criteria, IReadOnlyList<JudgeTeamView> Teams);

/// <summary>A pitch round in a list (the judge's rounds, the setup page): its id, name and contest.</summary>
public sealed record PitchRoundSummary(int Id, string Name, string ContestName);

public sealed record TeamProgress(int TeamId, int Scored, int Criteria, bool Recused);

public sealed record JudgeProgress(string JudgeId, string Name, IReadOnlyList<TeamProgress> Teams);

public sealed record OrganizerRoundView(int RoundId, string Name, AggregationMethod Method, int PitchSeconds, int QaSeconds, bool AudienceVoteOpen, LiveState Live, IReadOnlyList<CriterionView> Criteria, IReadOnlyList<TeamView> Teams, IReadOnlyList<JudgeProgress> Progress);

/// <summary>Every judge's score on every criterion of a team, shown once the team is locked.</summary>
public sealed record TeamScoresView(int TeamId, bool Locked, IReadOnlyList<JudgeScoresView> Judges);

public sealed record JudgeScoresView(string JudgeId, string Name, bool Recused, IReadOnlyList<ScoreView> Scores);

public sealed record RankedTeam(int TeamId, string Name, string Project, int? Rank, decimal? Score, int Judges, TieBreak TieBreak, bool Locked);

public sealed record RankingView(int RoundId, string Name, AggregationMethod Method, IReadOnlyList<RankedTeam> Teams);


/// <summary>Everything a result is made of: the rubric, every score and comment, recusals and the aggregation itself.</summary>
public sealed record PitchReport(
    PitchRound Round,
    IReadOnlyList<RubricCriterion> Criteria,
    IReadOnlyList<PitchTeam> Teams,
    IReadOnlyDictionary<string, string> JudgeNames,
    IReadOnlyList<PitchScore> Scores,
    IReadOnlyList<PitchConflict> Conflicts,
    IReadOnlyList<PitchScoreChange> Changes,
    Aggregation Aggregation,
    RobustnessReport Robustness);

/// <summary>Where a judge is with the team on stage: saved (every criterion), still scoring (some or none yet), or recused.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<StageStatus>))]
public enum StageStatus
{
    NotStarted = 0,
    Scoring = 1,
    Saved = 2,
    Recused = 3,
}

public sealed record JudgeOnStage(string JudgeId, string Name, StageStatus Status, int Scored, int Criteria, DateTimeOffset? SavedAt);

/// <summary>The organizer's panel view: who has scored the team on stage, and each judge beside the panel.</summary>
public sealed record PanelView(int RoundId, int? TeamId, string? TeamName, IReadOnlyList<JudgeOnStage> OnStage, PanelSpread Spread, IReadOnlyDictionary<string, string> Names);
