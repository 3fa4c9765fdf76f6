namespace Contest.Engine.Rounds;

public enum AttemptEnd
{
    /// <summary>The participant pressed submit.</summary>
    Submitted = 0,

    /// <summary>The time limit (or the round's close) came first; the attempt counts as it stood.</summary>
    TimedOut = 1,
}

/// <summary>
/// One go at a round. The server's clock decides: <see cref="Deadline"/> is fixed when the attempt starts
/// (the time limit, cut at the round's close) and a reload resumes with the time left.
/// </summary>
public sealed class RoundAttempt
{
    public long Id { get; set; }
    public int RoundId { get; set; }
    public int ParticipantId { get; set; }

    /// <summary>1, 2, … per participant and round; unique, so two simultaneous starts cannot both pass the limit.</summary>
    public int Number { get; set; }

    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset Deadline { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public AttemptEnd? End { get; set; }
    public int? Prediction { get; set; }
    public int Correct { get; set; }

    /// <summary>Sum of the credit earned (partial credit included), for display and statistics; ranking uses <see cref="Correct"/>.</summary>
    public double Score { get; set; }

    public long TimeTakenMs { get; set; }
    public List<AttemptItem> Items { get; set; } = [];

    // Integrity evidence (Integrity/RoundIntegrity): where the attempt was started and submitted from, and how
    // often and how long its page was hidden. The page only says "hidden" or "visible"; the durations are the server's.
    public string? StartDevice { get; set; }
    public string? StartNetwork { get; set; }
    public string? SubmitDevice { get; set; }
    public string? SubmitNetwork { get; set; }

    /// <summary>Distinct devices / networks the attempt was started, resumed or loaded from (Integrity/AttemptOrigins), at most 8 each.</summary>
    public List<string>? SeenDevices { get; set; }
    public List<string>? SeenNetworks { get; set; }
    public int HiddenCount { get; set; }
    public long HiddenMs { get; set; }
    public DateTimeOffset? HiddenSince { get; set; }

    public bool IsFinished => FinishedAt is not null;
}

/// <summary>
/// One question of an attempt. <see cref="OptionOrder"/> is the per-attempt permutation: the option shown
/// at position i is the question's stored option <c>OptionOrder[i]</c>. Answers are stored in stored
/// option indexes, so scoring never depends on what the participant saw.
/// </summary>
public sealed class AttemptItem
{
    public long Id { get; set; }
    public long AttemptId { get; set; }
    public int Position { get; set; }
    public int QuestionId { get; set; }
    public List<int> OptionOrder { get; set; } = [];
    public List<int>? AnswerOptions { get; set; }
    public List<int>? AnswerOrder { get; set; }
    public string? AnswerText { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }

    /// <summary>When the question was first answered (<see cref="AnsweredAt"/> moves with every save): the time spent on it.</summary>
    public DateTimeOffset? FirstAnsweredAt { get; set; }

    /// <summary>How many saves changed an answer already given (re-saving the same answer is not a revision).</summary>
    public int Revisions { get; set; }
    public bool Correct { get; set; }
    public double Credit { get; set; }

    public bool IsAnswered => AnsweredAt is not null;
}
