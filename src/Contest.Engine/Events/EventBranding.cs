using System.Text.RegularExpressions;

namespace Contest.Engine.Events;

public static partial class EventBranding
{
    public const int MaxTitle = 150;

    /// <summary>Null when the branding is usable on a projector, else why not. Colours are #rrggbb; a logo is a site path or an https address.</summary>
    public static string? Validate(string title, string primary, string accent, string? logoUrl, string language)
    {
        if (string.IsNullOrWhiteSpace(title)) return "The event needs a title.";
        if (title.Length > MaxTitle) return $"The title is longer than {MaxTitle} characters.";
        if (!Colour().IsMatch(primary)) return $"Primary colour '{primary}' is not a #rrggbb colour.";
        if (!Colour().IsMatch(accent)) return $"Accent colour '{accent}' is not a #rrggbb colour.";
        if (logoUrl is { Length: > 0 } && !(logoUrl.StartsWith('/') && !logoUrl.StartsWith("//") || logoUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase)))
            return "The logo must be a path on this site (/...) or an https:// address.";
        if (language is not ("vi" or "en")) return "The language must be vi or en.";
        return null;
    }

    /// <summary>A projector token: 128 random bits, URL-safe, so the link cannot be guessed.</summary>
    public static string NewToken() =>
        Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex Colour();
}
