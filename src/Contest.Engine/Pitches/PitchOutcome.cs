namespace Contest.Engine.Pitches;

public enum PitchErrorKind
{
    NotFound = 0,
    Forbidden = 1,
    Conflict = 2,
    Invalid = 3,
}

/// <summary>A refusal with a stable code (clients translate it) and an English explanation.</summary>
/// <param name="TeamId">For a refused second vote: the team the phone already voted for, so the page can show it.</param>
public sealed record PitchError(PitchErrorKind Kind, string Code, string Message, int? TeamId = null)
{
    public static PitchError NotFound(string what) => new(PitchErrorKind.NotFound, "not_found", what + " not found.");
    public static readonly PitchError NotAssigned = new(PitchErrorKind.Forbidden, "not_assigned", "You are not a judge of this round.");
    public static readonly PitchError Recused = new(PitchErrorKind.Forbidden, "recused", "You have a declared conflict of interest with this team and do not score it.");
    public static readonly PitchError Locked = new(PitchErrorKind.Conflict, "locked", "This team is locked: its scores are final.");
    public static readonly PitchError NotYetLocked = new(PitchErrorKind.Forbidden, "not_locked", "Other judges' scores are shown only after the team is locked.");
    public static PitchError Invalid(string message) => new(PitchErrorKind.Invalid, "invalid", message);
}

public readonly record struct PitchOutcome<T>(T? Value, PitchError? Error)
{
    public bool Ok => Error is null;
    public static implicit operator PitchOutcome<T>(T value) => new(value, null);
    public static implicit operator PitchOutcome<T>(PitchError error) => new(default, error);
}
