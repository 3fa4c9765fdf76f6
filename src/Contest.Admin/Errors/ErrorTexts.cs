namespace Contest.Admin.Errors;

/// <summary>
/// The one table of refusal codes and what they tell a person, per language: ErrorTexts.tsv → ErrorTexts.resx
/// (Vietnamese) and ErrorTexts.en.resx. The server words ProblemDetails with it (<see cref="ApiProblem"/>), pages
/// hand it to their scripts (wwwroot/js/errors.js).
/// </summary>
public sealed class ErrorTexts;
