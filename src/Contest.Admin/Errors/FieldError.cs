namespace Contest.Admin.Errors;

/// <summary>
/// One problem with one field of a form or request body, an entry of a ProblemDetails' <c>errors</c>: the field as the
/// request names it, a stable code, and the words for it in the caller's language.
/// </summary>
public sealed record FieldError(string Field, string Code, string Message);
