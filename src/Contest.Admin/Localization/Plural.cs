using Microsoft.Extensions.Localization;

namespace Contest.Admin.Localization;

/// <summary>
/// Counted phrases ("1 player" / "2 players"; Vietnamese has one form: "1 người chơi"). A string table holds
/// <c>Key.One</c> and <c>Key.Other</c>, each with {0} for the number; Vietnamese rows simply repeat the text.
/// </summary>
public static class Plural
{
    public static string Count(this IStringLocalizer strings, string key, long n) =>
        strings[n == 1 ? key + ".One" : key + ".Other", n];
}
