using System.Text.Json;
using Contest.Admin.Errors;
using Microsoft.Extensions.Localization;

namespace Contest.Web.Errors;

/// <summary>The one table of refusal texts (Contest.Admin/Errors/ErrorTexts.tsv) for pages and their scripts.</summary>
public static class ErrorTable
{
    /// <summary>Every code's words in the request's language, as JSON for the page's #error-texts (read by js/errors.js).</summary>
    public static string Json(IStringLocalizer<ErrorTexts> t) =>
        JsonSerializer.Serialize(t.GetAllStrings(includeParentCultures: true).ToDictionary(s => s.Name, s => s.Value));

    /// <summary>What <paramref name="code"/> tells the person on a page; the context's own words first.</summary>
    public static string Say(this IStringLocalizer<ErrorTexts> t, string code, string? context = null) => ApiProblem.Text(t, code, context, "");
}
