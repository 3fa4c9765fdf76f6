using System.Text.Json;
using Microsoft.Playwright;

namespace Contest.Browser.Tests.Site.Crawl;

/// <summary>What the browser shows of one page after it has loaded: its language, visible text, width, links.</summary>
public sealed record PageState(string Lang, string Title, string Text, int ScrollWidth, int InnerWidth, IReadOnlyList<string> Offenders, IReadOnlyList<PageLink> Links);

public sealed record PageLink(string Href, bool Download);

public sealed record AxeViolation(string Id, string Impact, string Help, int Nodes, IReadOnlyList<string> Targets);

/// <summary>The scripts the crawl runs inside the page.</summary>
public static class PageProbe
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // Elements that stick out of the viewport and are not clipped by a scrolling box of their own, deepest first:
    // the report names what to fix, not just "the page is 430 px wide".
    private const string Script = """
        (vw) => {
          const de = document.documentElement;
          const describe = el => {
            let s = el.tagName.toLowerCase();
            if (el.id) s += '#' + el.id;
            const tid = el.getAttribute('data-testid'); if (tid) s += '[data-testid=' + tid + ']';
            const cls = [...el.classList].slice(0, 2); if (cls.length) s += '.' + cls.join('.');
            return s;
          };
          const clipped = el => {
            for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
              const ox = getComputedStyle(p).overflowX;
              if (ox !== 'visible' && p.getBoundingClientRect().right <= vw + 1) return true;
            }
            return false;
          };
          const offenders = [];
          if (de.scrollWidth > vw && document.body) {
            for (const el of document.body.querySelectorAll('*')) {
              const r = el.getBoundingClientRect();
              if (r.width === 0 || r.right <= vw + 1) continue;
              if ([...el.children].some(c => { const cr = c.getBoundingClientRect(); return cr.width > 0 && cr.right > vw + 1; })) continue;
              if (clipped(el)) continue;
              offenders.push(describe(el) + ' (right edge ' + Math.round(r.right) + ' px)');
              if (offenders.length >= 4) break;
            }
          }
          // Nothing found that way (the overflow comes from inside a box that should clip it, or from an empty
          // element): name the outermost elements that reach past the edge, whatever they are.
          if (de.scrollWidth > vw && document.body && offenders.length === 0) {
            for (const el of document.body.querySelectorAll('*')) {
              const r = el.getBoundingClientRect();
              if (r.right <= vw + 1) continue;
              const p = el.parentElement;
              if (p && p !== document.body && p.getBoundingClientRect().right > vw + 1) continue;
              const st = getComputedStyle(el);
              offenders.push(describe(el) + ' (right edge ' + Math.round(r.right) + ' px, ' + st.display + ', overflow-x ' + st.overflowX + ', in ' + (p ? describe(p) : '?') + ')');
              if (offenders.length >= 4) break;
            }
          }
          const links = [...document.querySelectorAll('a[href]')].map(a => ({ href: a.href, download: a.hasAttribute('download') }));
          return JSON.stringify({
            lang: de.lang || '', title: document.title || '', text: document.body ? document.body.innerText : '',
            scrollWidth: de.scrollWidth, innerWidth: window.innerWidth, offenders, links });
        }
        """;

    public static async Task<PageState> ReadAsync(IPage page, int viewportWidth) =>
        JsonSerializer.Deserialize<PageState>(await page.EvaluateAsync<string>(Script, viewportWidth), Json)!;

    private const string AxeScript = """
        async () => {
          const r = await axe.run(document, { resultTypes: ['violations'] });
          return JSON.stringify({ version: axe.version, violations: r.violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length,
                         targets: v.nodes.slice(0, 3).map(n => n.target.join(' ')) })) });
        }
        """;

    private sealed record AxeResult(string Version, List<AxeViolation> Violations);

    /// <summary>Injects axe-core (from the test's own copy) and returns its version and the serious and critical violations.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> AxeSource = new();

    public static async Task<(string Version, IReadOnlyList<AxeViolation> Violations)> AxeAsync(IPage page, string axePath)
    {
        // Evaluated through the DevTools protocol, not added as a <script> tag: the site's Content-Security-Policy
        // refuses inline script (and the refusal would be reported as the page's own CSP error).
        await page.EvaluateAsync(AxeSource.GetOrAdd(axePath, File.ReadAllText) + "\n;0");
        var r = JsonSerializer.Deserialize<AxeResult>(await page.EvaluateAsync<string>(AxeScript), Json)!;
        return (r.Version, r.Violations);
    }
}
