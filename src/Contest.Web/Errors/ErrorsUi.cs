namespace Contest.Web.Errors;

/// <summary>Strings of the error, not-found and forbidden pages: ErrorsUi.tsv → ErrorsUi.resx (Vietnamese) and ErrorsUi.en.resx.</summary>
public sealed class ErrorsUi;
