using System.Globalization;
using Contest.Engine.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Contest.Admin.Errors;

/// <summary>
/// The one HTTP error shape of every API: ProblemDetails with a <c>code</c> (kebab-case, stable), a <c>title</c> (the
/// kind of refusal) and a <c>detail</c> (what to do) in the caller's language from <see cref="ErrorTexts"/>, and a
/// <c>reason</c>: the specifics (which criterion, which limit), in English where the engine wrote them, for logs and
/// programs. A <see cref="ContestError.Data"/> entry (e.g. <c>teamId</c>) is sent beside them.
/// </summary>
/// <param name="detail">Words of the caller's own feature that already say exactly what is wrong, in the caller's language.</param>
public sealed class ApiProblem(ContestError error, string? context = null, string? detail = null) : IResult, IStatusCodeHttpResult
{
    public ContestError Error => error;

    public int StatusCode => StatusOf(error.Kind);

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status400BadRequest,
    };

    public static ErrorKind KindOf(int status) => status switch
    {
        404 => ErrorKind.NotFound,
        401 or 403 => ErrorKind.Forbidden,
        409 => ErrorKind.Conflict,
        429 or 503 => ErrorKind.Unavailable,
        _ => ErrorKind.Invalid,
    };

    /// <summary>Fields that do not pass, as <c>errors</c>: a list of field, code and message (already in the caller's language).</summary>
    public static ApiProblem Fields(IReadOnlyList<FieldError> errors, string reason = "Some fields are not valid.") =>
        new(ContestError.Invalid("invalid-fields", reason) with { Data = new Dictionary<string, object?> { ["errors"] = errors } });

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var t = httpContext.RequestServices.GetRequiredService<IStringLocalizer<ErrorTexts>>();
        var problem = Details(error, t, context);
        if (detail is not null) problem.Detail = detail;
        return TypedResults.Problem(problem).ExecuteAsync(httpContext);
    }

    public static ProblemDetails Details(ContestError error, IStringLocalizer<ErrorTexts> t, string? context = null, int? status = null)
    {
        var problem = new ProblemDetails
        {
            Status = status ?? StatusOf(error.Kind),
            Title = Title(t, status is { } s && s >= 500 ? null : error.Kind),
            Detail = Text(t, error, context),
        };
        problem.Extensions["code"] = error.Code;
        problem.Extensions["reason"] = error.Message;
        foreach (var (key, value) in error.Data ?? new Dictionary<string, object?>()) problem.Extensions[key] = value;
        return problem;
    }

    /// <summary>The heading of a refusal of this kind; null kind: an unexpected failure.</summary>
    public static string Title(IStringLocalizer<ErrorTexts> t, ErrorKind? kind) => t["Title." + (kind?.ToString() ?? "Error")];

    /// <summary>
    /// What <paramref name="code"/> tells the person: the context's own words, else the code's; a code without words
    /// shows the English <paramref name="reason"/> on English pages and a general sentence elsewhere, never English on
    /// a Vietnamese page.
    /// </summary>
    public static string Text(IStringLocalizer<ErrorTexts> t, string code, string? context, string reason, IReadOnlyList<object>? args = null)
    {
        // Without args the words are taken as written: a "{0}" there is filled by the page's script, not by us.
        LocalizedString Say(string key) => args is { Count: > 0 } ? t[key, [.. args]] : t[key];
        if (context is not null && Say(context + "." + code) is { ResourceNotFound: false } own) return own;
        if (Say(code) is { ResourceNotFound: false } text) return text;
        return CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" && reason.Length > 0 ? reason : t["error"];
    }

    /// <summary>What a refusal tells a person on a page or in a ProblemDetails, with its specifics (which limit, which prize).</summary>
    public static string Text(IStringLocalizer<ErrorTexts> t, ContestError error, string? context = null) =>
        Text(t, error.Code, context, error.Message, error.Args);
}
