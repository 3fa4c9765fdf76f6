using Contest.Engine.Errors;

namespace Contest.Engine.Rounds.Integrity;

/// <summary>Why a review decision, an undo, a skip or a "publish now" was refused; pages word each code from the error table.</summary>
public static class ReviewErrors
{
    public static readonly ContestError NoRound = ContestError.NotFound("round");
    public static readonly ContestError NotOpen = ContestError.Conflict("review-not-open", "Entries can be decided only after the round closes and before the results are published.");
    public static readonly ContestError NoEntry = new(ErrorKind.NotFound, "review-no-entry", "This person has no flagged entry in this round.");
    public static readonly ContestError AlreadyDecided = ContestError.Conflict("review-already-decided", "This entry has already been decided.");
    public static readonly ContestError ReasonRequired = ContestError.Invalid("void-reason-required", "Give the reason for voiding the entry.");
    public static readonly ContestError AlreadySkipped = ContestError.Conflict("review-already-skipped", "The review of this round was already skipped.");
    public static readonly ContestError NothingToSkip = ContestError.Conflict("review-nothing-to-skip", "No entry is left undecided; there is nothing to skip.");
    public static readonly ContestError NotDecided = ContestError.Conflict("review-not-decided", "This entry has no decision to undo.");
    public static readonly ContestError UndoPublished = ContestError.Conflict("review-undo-published", "Cannot undo: the results are published.");
    public static readonly ContestError PublishBeforeClose = ContestError.Conflict("round-publish-before-close", "Results cannot be published before the round closes.");
    public static readonly ContestError AlreadyPublished = ContestError.Conflict("round-already-published", "The results are already published.");
    public static readonly ContestError ReviewPending = ContestError.Conflict("review-pending", "Not published: flagged entries are still undecided.");

    /// <summary>The reason's length and the limit, both named in the words.</summary>
    public static ContestError ReasonTooLong(int length) =>
        ContestError.Invalid("review-reason-long", $"The reason is too long: {length} characters, at most {IntegrityDecision.MaxReasonLength}.", length, IntegrityDecision.MaxReasonLength);
}
