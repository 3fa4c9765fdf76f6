using Contest.Engine.Errors;
using Contest.Engine.Questions;

namespace Contest.Engine.Rounds;

public enum RoundStatus
{
    Scheduled = 0,
    Open = 1,
    Closed = 2,
    Published = 3,
}

public enum SelectionMode
{
    /// <summary>Each participant gets <see cref="ContestRound.QuestionCount"/> questions drawn at random from the round's pool.</summary>
    Random = 0,

    /// <summary>Everyone gets <see cref="ContestRound.FixedQuestionIds"/>, in that order.</summary>
    Fixed = 1,
}

public enum RoundLayout
{
    OnePerPage = 0,
    AllOnOnePage = 1,
}

/// <summary>
/// One round of an online contest (e.g. week 2 of "tìm hiểu Nghị quyết Đại hội Đoàn"). Times are stored
/// in UTC and shown in Asia/Ho_Chi_Minh. The Hangfire job ids are kept so that editing the round can
/// delete and reschedule them.
/// </summary>
public sealed class ContestRound
{
    public int Id { get; set; }
    public int ContestId { get; set; }
    public required string Name { get; set; }
    public string Language { get; set; } = "vi";
    public DateTimeOffset OpensAt { get; set; }
    public DateTimeOffset ClosesAt { get; set; }

    /// <summary>When the results page shows the ranking (e.g. Thursday 10:00); null: as soon as the round closes.</summary>
    public DateTimeOffset? PublishAt { get; set; }

    public int TimeLimitSeconds { get; set; } = 600;
    public int AttemptsAllowed { get; set; } = 1;

    /// <summary>Whether only people on their unit's roster may take the round, matched how (see <see cref="RosterMatcher"/>).</summary>
    public RosterMatch RosterMatch { get; set; }

    public SelectionMode Selection { get; set; }
    public int QuestionCount { get; set; } = 10;
    public List<int> BankIds { get; set; } = [];

    /// <summary>When set, only questions carrying at least one of these tags are drawn.</summary>
    public List<string> Tags { get; set; } = [];

    /// <summary>Questions per difficulty; when all are 0 the <see cref="QuestionCount"/> is drawn from any difficulty.</summary>
    public int EasyCount { get; set; }
    public int MediumCount { get; set; }
    public int HardCount { get; set; }

    public List<int> FixedQuestionIds { get; set; } = [];
    public bool ShuffleOptions { get; set; } = true;
    public RoundLayout Layout { get; set; }

    public string PredictionQuestion { get; set; } = "";
    public bool ShowLiveLeaderboard { get; set; }

    /// <summary>1 for weekly rounds; a later stage (e.g. 2, the semi-final) takes only qualified participants.</summary>
    public int Stage { get; set; } = 1;

    /// <summary>For a later stage: the top N of the best ranks over all earlier-stage rounds of the contest qualify.</summary>
    public int? QualifyTopN { get; set; }

    public RoundStatus Status { get; set; }
    public DateTimeOffset? OpenedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }

    /// <summary>Number of participants whose best attempt had every answer right; set when the round closes.</summary>
    public int? AllCorrectCount { get; set; }

    public string? OpenJobId { get; set; }
    public string? CloseJobId { get; set; }
    public string? PublishJobId { get; set; }

    public List<PrizeRule> Prizes { get; set; } = [];

    /// <summary>Prize table option: a person wins at most one prize, the first row (top to bottom) that gives them one.</summary>
    public bool OnePrizePerPerson { get; set; }

    /// <summary>Prize table option: how equal distances are separated for the closest-prediction prize.</summary>
    public PredictionTieBreak PredictionTieBreak { get; set; }

    /// <summary>Whether the round's integrity evidence is turned into flags for review (Integrity/RoundIntegrity).</summary>
    public bool IntegrityChecks { get; set; } = true;

    /// <summary>Reading floor: an answer given faster than this per character of question and options (or <see cref="ReadingMinimumMs"/>) is flagged.</summary>
    public int ReadingMsPerCharacter { get; set; } = Integrity.IntegritySettings.DefaultMsPerCharacter;
    public int ReadingMinimumMs { get; set; } = Integrity.IntegritySettings.DefaultMinimumMs;

    public PrizeTableOptions PrizeOptions => new(OnePrizePerPerson, PredictionTieBreak);
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The number of questions each attempt gets.</summary>
    public int QuestionsPerAttempt => Selection == SelectionMode.Fixed
        ? FixedQuestionIds.Count
        : EasyCount + MediumCount + HardCount > 0 ? EasyCount + MediumCount + HardCount : QuestionCount;

    /// <summary>
    /// Null when the settings make sense, else the first rule they break: a code of its own (the error table words it,
    /// with the limit), an English message for logs and API callers.
    /// </summary>
    public ContestError? Validate()
    {
        static ContestError Bad(string code, string message, params object[] args) => ContestError.Invalid(code, message, args);
        if (string.IsNullOrWhiteSpace(Name)) return Bad("round-name-required", "The round needs a name.");
        if (ClosesAt <= OpensAt) return Bad("round-close-before-open", "The round must close after it opens.");
        if (PublishAt is { } p && p < ClosesAt) return Bad("round-publish-before-close", "Results cannot be published before the round closes.");
        if (TimeLimitSeconds is < 10 or > 24 * 3600) return Bad("round-time-limit", "The time limit must be between 10 seconds and 24 hours.", 10, 24);
        if (AttemptsAllowed is < 1 or > 100) return Bad("round-attempts", "Attempts allowed must be between 1 and 100.", 1, 100);
        if (!Enum.IsDefined(RosterMatch)) return Bad("round-roster-rule", "The roster rule must be none, member id + date of birth, or name + date of birth.");
        if (Language is not ("vi" or "en")) return Bad("round-language", "Language must be vi or en.");
        // JSON and forms accept any number for an enum: 7 would be stored and shown as "7".
        if (!Enum.IsDefined(Selection)) return Bad("round-selection", $"Selection must be one of {string.Join(", ", Enum.GetNames<SelectionMode>())}.");
        if (!Enum.IsDefined(Layout)) return Bad("round-layout", $"Layout must be one of {string.Join(", ", Enum.GetNames<RoundLayout>())}.");
        if (EasyCount < 0 || MediumCount < 0 || HardCount < 0 || QuestionCount < 0) return Bad("round-negative-count", "Question counts cannot be negative.");
        if (Selection == SelectionMode.Fixed && FixedQuestionIds.Count == 0) return Bad("round-fixed-empty", "A fixed set needs at least one question.");
        if (Selection == SelectionMode.Fixed && FixedQuestionIds.Distinct().Count() != FixedQuestionIds.Count)
            return Bad("round-fixed-repeat", "A question appears twice in the fixed set.", FixedQuestionIds.GroupBy(id => id).First(g => g.Count() > 1).Key);
        if (Selection == SelectionMode.Random && BankIds.Count == 0) return Bad("round-no-bank", "Choose at least one question bank.");
        if (QuestionsPerAttempt is < 1 or > 200) return Bad("round-question-count", "An attempt must have between 1 and 200 questions.", QuestionsPerAttempt, 1, 200);
        if (QualifyTopN is <= 0) return Bad("round-qualify", "The number of qualifiers must be positive.");
        if (Stage < 1) return Bad("round-stage", "Stage starts at 1.");
        if (ReadingMsPerCharacter is < 0 or > 1000) return Bad("round-reading-floor", "The reading floor must be between 0 and 1,000 ms per character.", 0, 1000);
        if (ReadingMinimumMs is < 0 or > 60_000) return Bad("round-reading-minimum", "The minimum time per question must be between 0 and 60,000 ms.", 0, 60);
        return PrizeTable.Check(Prizes, PrizeOptions);
    }

    public static readonly IReadOnlyList<Difficulty> Difficulties = [Difficulty.Easy, Difficulty.Medium, Difficulty.Hard];
}
