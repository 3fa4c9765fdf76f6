using System.Text.RegularExpressions;

namespace Contest.Browser.Tests.Site.Crawl;

/// <summary>
/// The kind of page a URL is: ids, GUIDs, PINs and tokens replaced by a placeholder, so that /admin/banks/1 and
/// /admin/banks/2 are one kind and the crawl visits each kind once instead of every row of every table.
/// </summary>
public static partial class UrlPattern
{
    public static string Of(Uri url)
    {
        var path = string.Join('/', url.AbsolutePath.Split('/').Select(Segment)).ToLowerInvariant();
        if (path.Length > 1) path = path.TrimEnd('/');
        if (url.Query.Length <= 1) return path;
        var query = url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(kv => kv[0].ToLowerInvariant() + "=" + (kv.Length > 1 ? Value(Uri.UnescapeDataString(kv[1])) : ""))
            .Order(StringComparer.Ordinal);
        return path + "?" + string.Join('&', query);
    }

    /// <summary>A file-system friendly name for screenshots.</summary>
    public static string Slug(string pattern)
    {
        var s = SlugChars().Replace(pattern.Replace("{id}", "id"), "-").Trim('-');
        return s.Length == 0 ? "home" : s.Length > 80 ? s[..80] : s;
    }

    private static string Segment(string s) => Value(Uri.UnescapeDataString(s));

    // Page handlers and flags (?handler=Progress, ?saved=true) stay: they choose what the page shows. Free text
    // (a returnUrl, a search) is one kind whatever it says.
    private static string Value(string v) =>
        v.Length == 0 ? v
        : Id().IsMatch(v) || Guid.TryParse(v, out _) || Token().IsMatch(v) ? "{id}"
        : v.StartsWith('/') ? "{url}"
        : v;

    [GeneratedRegex(@"^\d+$")]
    private static partial Regex Id();

    // Projector tokens, job ids and the like: long runs of letters, digits, '-' and '_' with a digit or a capital.
    [GeneratedRegex(@"^(?=.*[0-9A-Z])[A-Za-z0-9_\-]{16,}$")]
    private static partial Regex Token();

    [GeneratedRegex(@"[^A-Za-z0-9]+")]
    private static partial Regex SlugChars();
}
