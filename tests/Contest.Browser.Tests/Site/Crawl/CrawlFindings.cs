using System.Text;

namespace Contest.Browser.Tests.Site.Crawl;

/// <summary>What one visit showed wrong: the page kind, the kind of problem, what exactly, and where it was seen.</summary>
public sealed record Finding(string Pattern, string Kind, string Detail, string Where, string Url, string? Screenshot);

/// <summary>
/// Every problem of the crawl, kept until the end so the report lists all of them at once, grouped by page kind
/// and problem, with the role / language / width combinations that showed each one.
/// </summary>
public sealed class CrawlFindings
{
    public const string ServerError = "server error (5xx)";
    public const string ErrorPage = "error or exception page";
    public const string FailedRequest = "5xx from a request the page made";
    public const string ScriptError = "script error in the page";
    public const string Overflow = "sideways scroll at 360 px";
    public const string CodeName = "code names or English on the page";
    public const string Axe = "axe-core serious/critical";
    public const string Download = "download not a file";
    public const string Broken = "page did not load";
    public const string BareStatus = "bare error status, no page";

    private readonly List<Finding> _all = [];

    public void Add(Finding f)
    {
        lock (_all) _all.Add(f);
    }

    public IReadOnlyList<Finding> All
    {
        get { lock (_all) return [.. _all]; }
    }

    public int Count
    {
        get { lock (_all) return _all.Count; }
    }

    /// <summary>Markdown: one section per page kind, one bullet per distinct problem with where it was seen.</summary>
    public string Report()
    {
        var all = All;
        var sb = new StringBuilder();
        var byKind = all.GroupBy(f => f.Kind).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Select(f => (f.Pattern, f.Detail)).Distinct().Count()}");
        sb.AppendLine($"{all.Count} findings on {all.Select(f => f.Pattern).Distinct().Count()} page kinds ({string.Join("; ", byKind)}).");
        foreach (var page in all.GroupBy(f => f.Pattern).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            sb.AppendLine();
            sb.AppendLine($"### {page.Key}");
            sb.AppendLine($"e.g. {page.First().Url}");
            foreach (var kind in page.GroupBy(f => f.Kind).OrderBy(g => g.Key))
            {
                foreach (var detail in kind.GroupBy(f => f.Detail))
                {
                    var where = string.Join(", ", detail.Select(f => f.Where).Distinct().Order());
                    var shot = detail.Select(f => f.Screenshot).FirstOrDefault(s => s is not null);
                    sb.AppendLine($"- **{kind.Key}**: {detail.Key} — _{where}_{(shot is null ? "" : $" (screenshot {shot})")}");
                }
            }
        }
        return sb.ToString();
    }
}
