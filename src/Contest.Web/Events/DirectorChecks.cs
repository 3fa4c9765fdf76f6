using System.Text.RegularExpressions;
using Contest.Engine.Events;
using Contest.Engine.LiveGames;
using Microsoft.Extensions.Localization;

namespace Contest.Web.Events;

/// <summary>
/// The director forms' input checked in the organizer's language before it reaches <see cref="EventDirector"/>, which
/// keeps its own (English) checks as the last word; these mirror <see cref="ScreenChoice.Validate"/> and
/// <see cref="EventBranding.Validate"/>.
/// </summary>
public static partial class DirectorChecks
{
    public static string? Screen(IStringLocalizer<EventsUi> e, ScreenKind kind, string? target, string? title, string? text) => kind switch
    {
        _ when !Enum.IsDefined(kind) => e["Check.UnknownScreen"].Value,
        ScreenKind.Welcome => null,
        ScreenKind.Join => GamePin.IsValid(target) ? null : e["Check.Pin"].Value,
        ScreenKind.Slide when string.IsNullOrWhiteSpace(title) => e["Check.SlideTitle"].Value,
        ScreenKind.Slide when title.Length > ScreenChoice.MaxTitle => e["Check.SlideTitleLong", ScreenChoice.MaxTitle].Value,
        ScreenKind.Slide when (text?.Length ?? 0) > ScreenChoice.MaxText => e["Check.SlideTextLong", ScreenChoice.MaxText].Value,
        ScreenKind.Slide => null,
        _ => string.IsNullOrWhiteSpace(target) ? e["Check.Target", e["Kind." + kind].Value].Value : null,
    };

    public static string? Branding(IStringLocalizer<EventsUi> e, string? title, string? primary, string? accent, string? logoUrl, string? language)
    {
        if (string.IsNullOrWhiteSpace(title)) return e["Check.Title"];
        if (title.Length > EventBranding.MaxTitle) return e["Check.TitleLong", EventBranding.MaxTitle];
        if (primary is null || !Colour().IsMatch(primary)) return e["Check.Colour", e["Director.Primary"]];
        if (accent is null || !Colour().IsMatch(accent)) return e["Check.Colour", e["Director.Accent"]];
        if (logoUrl is { Length: > 0 } && !(logoUrl.StartsWith('/') && !logoUrl.StartsWith("//") || logoUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase)))
            return e["Check.Logo"];
        if (logoUrl is { Length: > 500 }) return e["Check.LogoLong", 500];
        if (language is not ("vi" or "en")) return e["Check.Language"];
        return null;
    }

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex Colour();
}
