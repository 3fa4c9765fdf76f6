using Contest.Engine.Errors;

namespace Contest.Engine.Pitches;

/// <summary>The pitch rounds' refusals used in several places.</summary>
public static class PitchErrors
{
    public static readonly ContestError NotAssigned = ContestError.Forbidden("not-assigned", "You are not a judge of this round.");
    public static readonly ContestError Recused = ContestError.Forbidden("recused", "You have a declared conflict of interest with this team and do not score it.");
    public static readonly ContestError Locked = ContestError.Conflict("locked", "This team is locked: its scores are final.");
    public static readonly ContestError NotYetLocked = ContestError.Forbidden("not-locked", "Other judges' scores are shown only after the team is locked.");

    /// <summary>Scores or a command the rubric or the round's state refuses; the message says which.</summary>
    public static ContestError Invalid(string message) => ContestError.Invalid("invalid", message);
}
