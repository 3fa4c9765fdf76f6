using Contest.Admin.Errors;
using Contest.Engine.Rounds;
using Microsoft.Extensions.Localization;

namespace Contest.Web.Rounds;

/// <summary>The words for a registration problem, the same on the form and in POST /api/rounds/register's <c>errors</c>.</summary>
public static class RegistrationTexts
{
    /// <summary>
    /// The error table's "reg.&lt;code&gt;" (the registry's codes); otherwise the problem's own message, which for the
    /// password rules is ASP.NET Identity's, already in the request's language (LocalizedIdentityErrors).
    /// </summary>
    public static string Say(this IStringLocalizer<ErrorTexts> t, RegistrationError e) =>
        t["reg." + e.Code] is { ResourceNotFound: false } own ? own.Value : e.Message;

    public static List<FieldError> FieldErrors(this IStringLocalizer<ErrorTexts> t, IEnumerable<RegistrationError> errors) =>
        [.. errors.Select(e => new FieldError(e.Field, e.Code, t.Say(e)))];
}
