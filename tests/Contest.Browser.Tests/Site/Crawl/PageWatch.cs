using Microsoft.Playwright;
// Contest.Web brings Orleans' implicit usings (Orleans.Runtime also has an IRequest): the page's request is Playwright's.
using IRequest = Microsoft.Playwright.IRequest;

namespace Contest.Browser.Tests.Site.Crawl;

/// <summary>
/// Listens to one tab: the requests its scripts make (to know when the page has settled), the 5xx answers they
/// get, the script errors it throws and the Content-Security-Policy refusals it logs. Cleared before each visit.
/// </summary>
public sealed class PageWatch
{
    private readonly object _gate = new();
    private readonly HashSet<IRequest> _inFlight = [];
    private readonly List<string> _failed = [];
    private readonly List<string> _scriptErrors = [];
    private readonly string _origin;
    private long _lastSocketActivity;

    public PageWatch(IPage page, Uri origin)
    {
        _origin = origin.GetLeftPart(UriPartial.Authority);
        page.Request += (_, r) => { if (Scripted(r)) lock (_gate) _inFlight.Add(r); };
        // A live page's first state comes over its WebSocket after the load event; the page has settled when that
        // traffic pauses too.
        page.WebSocket += (_, ws) =>
        {
            Touch();
            ws.FrameReceived += (_, _) => Touch();
            ws.FrameSent += (_, _) => Touch();
        };
        page.RequestFinished += (_, r) => { lock (_gate) _inFlight.Remove(r); };
        page.RequestFailed += (_, r) => { lock (_gate) _inFlight.Remove(r); };
        page.Response += (_, r) =>
        {
            if (r.Status < 500 || r.Request.ResourceType == "document" || !r.Url.StartsWith(_origin, StringComparison.Ordinal)) return;
            var path = UrlPattern.Of(new Uri(r.Url));
            lock (_gate) _failed.Add($"{r.Request.Method} {path} → {r.Status}");
        };
        // A Content-Security-Policy refusal (an inline script or style, a frame, a host not allowed) is no exception, only
        // a console error: the page looks fine while a part of it silently does nothing.
        page.Console += (_, m) =>
        {
            if (m.Type != "error" || !m.Text.Contains("Content Security Policy", StringComparison.Ordinal)) return;
            var text = "CSP: " + m.Text.Split('\n', 2)[0].Trim();
            lock (_gate) _scriptErrors.Add(text.Length > 240 ? text[..240] : text);
        };
        page.PageError += (_, message) =>
        {
            var first = message.Split('\n', 2)[0].Trim();
            lock (_gate) _scriptErrors.Add(first.Length > 200 ? first[..200] : first);
        };
    }

    public IReadOnlyList<string> FailedRequests
    {
        get { lock (_gate) return [.. _failed.Distinct()]; }
    }

    public IReadOnlyList<string> ScriptErrors
    {
        get { lock (_gate) return [.. _scriptErrors.Distinct()]; }
    }

    private void Touch() => Interlocked.Exchange(ref _lastSocketActivity, DateTime.UtcNow.Ticks);

    public void Reset()
    {
        lock (_gate)
        {
            _lastSocketActivity = 0;
            _inFlight.Clear();
            _failed.Clear();
            _scriptErrors.Clear();
        }
    }

    /// <summary>
    /// After the load event: waits until the page's own fetches and WebSocket messages have been quiet for 150 ms,
    /// at most 3 s. Not networkidle: live pages keep a WebSocket open and would never be idle.
    /// </summary>
    public async Task SettleAsync()
    {
        var start = DateTime.UtcNow;
        var quietSince = start;
        while (DateTime.UtcNow - start < TimeSpan.FromSeconds(3))
        {
            await Task.Delay(50);
            int n;
            lock (_gate) n = _inFlight.Count;
            var socket = new DateTime(Interlocked.Read(ref _lastSocketActivity), DateTimeKind.Utc);
            if (n > 0) quietSince = DateTime.UtcNow;
            else if (socket > quietSince) quietSince = socket;
            else if (DateTime.UtcNow - quietSince >= TimeSpan.FromMilliseconds(150)) return;
        }
    }

    private static bool Scripted(IRequest r) => r.ResourceType is "fetch" or "xhr" or "eventsource";
}
