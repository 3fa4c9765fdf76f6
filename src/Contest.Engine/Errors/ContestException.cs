namespace Contest.Engine.Errors;

/// <summary>A <see cref="ContestError"/> thrown where a call cannot return one (hub methods, the live game's state machine).</summary>
public class ContestException(ContestError error) : Exception(error.Message)
{
    public ContestError Error { get; } = error;

    public string Code => Error.Code;
}
