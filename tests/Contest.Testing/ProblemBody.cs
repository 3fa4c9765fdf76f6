namespace Contest.Testing;

/// <summary>The one HTTP error shape (Contest.Admin.Errors.ApiProblem) as a test reads it.</summary>
public sealed record ProblemBody(int? Status, string? Title, string? Detail, string? Code, string? Reason);
