namespace Contest.Engine.Errors;

/// <summary>
/// A value or the <see cref="ContestError"/> that refused it; <c>var (value, error) = outcome</c> reads both. Both can
/// be set where a refusal still has something to show (an attempt submitted late: its view, and "time-up").
/// </summary>
public readonly record struct Outcome<T>(T? Value, ContestError? Error)
{
    public bool Ok => Error is null;

    public static implicit operator Outcome<T>(T value) => new(value, null);

    public static implicit operator Outcome<T>(ContestError error) => new(default, error);
}
