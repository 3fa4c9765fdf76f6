namespace Contest.Engine.Errors;

/// <summary>What kind of refusal: the host maps it to an HTTP status (Invalid 400, Forbidden 403, NotFound 404, Conflict 409, Unavailable 503).</summary>
public enum ErrorKind
{
    Invalid = 0,
    NotFound = 1,
    Forbidden = 2,
    Conflict = 3,
    Unavailable = 4,
}

/// <summary>
/// A refusal, the one error model of the engine: nothing was changed. <see cref="Code"/> is kebab-case and stable:
/// clients and pages translate it (the host's error table, Contest.Admin/Errors/ErrorTexts.tsv); <see cref="Message"/> says why in
/// English for logs, tests and API callers that read no table.
/// </summary>
public sealed record ContestError(ErrorKind Kind, string Code, string Message)
{
    /// <summary>Facts a page needs beside the code (e.g. the team a phone already voted for), sent as they are.</summary>
    public IReadOnlyDictionary<string, object?>? Data { get; init; }

    /// <summary>
    /// The specifics the code's words name ({0}, {1} in the error table: which limit, which prize), so a page says them
    /// in its own language rather than showing the English <see cref="Message"/>.
    /// </summary>
    public IReadOnlyList<object> Args { get; init; } = [];

    /// <param name="what">Lower case ("round", "attempt"): the message reads "Round not found."</param>
    public static ContestError NotFound(string what) => new(ErrorKind.NotFound, "not-found", $"{char.ToUpperInvariant(what[0])}{what[1..]} not found.");

    public static ContestError Invalid(string code, string message) => new(ErrorKind.Invalid, code, message);

    public static ContestError Invalid(string code, string message, params object[] args) => new(ErrorKind.Invalid, code, message) { Args = args };

    public static ContestError Conflict(string code, string message) => new(ErrorKind.Conflict, code, message);

    public static ContestError Forbidden(string code, string message) => new(ErrorKind.Forbidden, code, message);
}
