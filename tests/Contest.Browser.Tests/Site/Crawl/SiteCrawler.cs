using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Contest.Browser.Tests.Site.Crawl;

/// <summary>Who the crawl signs in as (no user: anonymous) and where it starts besides the links it finds.</summary>
public sealed record CrawlRole(string Name, string? User, string? Password, IReadOnlyList<string> Starts, Func<Task>? Before = null);

public sealed record RoleStats(string Role, IReadOnlyList<string> Kinds, IReadOnlyList<string> Files, int Visits, TimeSpan Took);

/// <summary>
/// Visits every page a role can reach: discovers the site at 1280 px in Vietnamese (following same-origin links
/// to depth 3, one URL per page kind), then visits the same pages in English and at 360 px in both languages,
/// one browser context per combination. Every problem goes to <see cref="CrawlFindings"/>; nothing throws.
/// </summary>
public sealed partial class SiteCrawler(IBrowser browser, string baseUrl, string axePath, CrawlFindings findings, DateTime deadline)
{
    public const int MaxDepth = 3;
    public const int MaxKindsPerRole = 200;
    public const int Phone = 360;
    public const int Desktop = 1280;

    private static readonly (int Width, string Lang)[] LaterCombinations = [(Desktop, "en"), (Phone, "vi"), (Phone, "en")];

    private static readonly string[] FileExtensions =
        [".xlsx", ".xls", ".csv", ".zip", ".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".mp3", ".ogg", ".wav", ".m4a", ".pdf", ".json", ".txt"];

    private static readonly string[] ErrorMarkers =
        ["An unhandled exception", "Unhandled exception", "Something went wrong", "Đã có lỗi xảy ra", "Developer Exception Page", "StackTrace"];

    private readonly Uri _base = new(baseUrl);
    private readonly ConcurrentDictionary<string, bool> _axeDone = new();
    private readonly ConcurrentDictionary<string, bool> _phoneShots = new();
    private readonly ConcurrentDictionary<string, bool> _failureShots = new();

    public string? AxeVersion { get; private set; }

    /// <summary>Seconds spent in each step, summed over all visits: where the crawl's time goes.</summary>
    public IReadOnlyDictionary<string, double> Timings => _timings.ToDictionary(kv => kv.Key, kv => Math.Round(TimeSpan.FromTicks(kv.Value).TotalSeconds, 1));

    private readonly ConcurrentDictionary<string, long> _timings = new();

    private void Time(string step, long started) => _timings.AddOrUpdate(step, _ => Stopwatch.GetElapsedTime(started).Ticks, (_, t) => t + Stopwatch.GetElapsedTime(started).Ticks);

    public static string ShotDirectory
    {
        get
        {
            var dir = Path.Combine(BrowserFixture.ArtifactsDirectory, "crawl");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    public async Task<RoleStats> CrawlAsync(CrawlRole role)
    {
        var clock = Stopwatch.StartNew();
        if (role.Before is not null) await role.Before();
        var files = new List<string>();

        await using var first = await NewContextAsync(Desktop, "vi", null);
        var page = await first.NewPageAsync();
        var watch = new PageWatch(page, _base);
        if (role.User is not null) await LoginAsync(page, role);
        var state = await first.StorageStateAsync();

        // Discovery, at 1280 px in Vietnamese.
        var kinds = new List<(string Pattern, string Url)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var kindsSeen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<(string Url, int Depth)>();
        foreach (var s in role.Starts)
        {
            var u = new Uri(_base, s);
            if (seen.Add(UrlPattern.Of(u))) queue.Enqueue((u.ToString(), 0));
        }
        while (queue.Count > 0 && kinds.Count < MaxKindsPerRole)
        {
            var (url, depth) = queue.Dequeue();
            var result = await VisitAsync(page, watch, role.Name, Desktop, "vi", url);
            if (result.Download) { files.Add(UrlPattern.Of(new Uri(url))); continue; }
            if (result.State is null) continue;
            var final = UrlPattern.Of(new Uri(result.FinalUrl));
            // Several links can land on one page (every sign-in redirect ends on the login form): one kind.
            if (!kindsSeen.Add(final)) continue;
            seen.Add(final);
            kinds.Add((final, result.FinalUrl));
            if (depth >= MaxDepth || IsJobsDashboard(new Uri(result.FinalUrl))) continue;
            foreach (var link in result.State.Links)
            {
                if (!Uri.TryCreate(link.Href, UriKind.Absolute, out var target)) continue;
                var kind = Classify(target, link.Download);
                if (kind == LinkKind.Skip) continue;
                target = new UriBuilder(target) { Fragment = "" }.Uri;
                if (!seen.Add(UrlPattern.Of(target))) continue;
                if (kind == LinkKind.File)
                {
                    await CheckDownloadAsync(first, role.Name, target.ToString());
                    files.Add(UrlPattern.Of(target));
                }
                else
                {
                    queue.Enqueue((target.ToString(), depth + 1));
                }
            }
        }

        // The same pages in the other three combinations, each in a context of its own.
        var visits = kinds.Count;
        foreach (var (width, lang) in LaterCombinations)
        {
            await using var context = await NewContextAsync(width, lang, state);
            var p = await context.NewPageAsync();
            var w = new PageWatch(p, _base);
            foreach (var (_, url) in kinds)
            {
                await VisitAsync(p, w, role.Name, width, lang, url);
                visits++;
            }
        }
        return new RoleStats(role.Name, [.. kinds.Select(k => k.Pattern)], files, visits, clock.Elapsed);
    }

    private sealed record Visit(string FinalUrl, PageState? State, bool Download);

    /// <summary>Visits not made because the time budget ran out (the test host kills a test after 5 minutes).</summary>
    public int Skipped => _skipped;

    private int _skipped;

    private async Task<Visit> VisitAsync(IPage page, PageWatch watch, string role, int width, string lang, string url)
    {
        if (DateTime.UtcNow > deadline)
        {
            Interlocked.Increment(ref _skipped);
            return new Visit(url, null, false);
        }
        try
        {
            return await TryVisitAsync(page, watch, role, width, lang, url);
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            // The page closed or navigated away under the probe (a redirect by script, a download): report, go on.
            await BlankAsync(page);
            findings.Add(new Finding(UrlPattern.Of(new Uri(url)), CrawlFindings.Broken, e.Message.Split('\n')[0], $"{role} {lang} {width}", url, null));
            return new Visit(url, null, false);
        }
    }

    private async Task<Visit> TryVisitAsync(IPage page, PageWatch watch, string role, int width, string lang, string url)
    {
        var where = $"{role} {lang} {width}";
        watch.Reset();
        IResponse? response;
        try
        {
            var t_goto = Stopwatch.GetTimestamp();
            try
            {
                response = await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Load, Timeout = 30_000 });
            }
            catch (PlaywrightException e) when (e.Message.Contains("interrupted by another navigation"))
            {
                // The browser was still committing the last visit's error screen: let it finish, then go again.
                await BlankAsync(page);
                watch.Reset();
                response = await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Load, Timeout = 30_000 });
            }
            Time("load", t_goto);
        }
        catch (PlaywrightException e) when (e.Message.Contains("Download is starting") || e.Message.Contains("ERR_ABORTED"))
        {
            // The tab is left on the browser's error screen while the download is cancelled: park it on a blank page.
            await BlankAsync(page);
            await CheckDownloadAsync(page.Context, role, url);
            return new Visit(url, null, true);
        }
        catch (PlaywrightException e) when (e.Message.Contains("ERR_HTTP_RESPONSE_CODE_FAILURE"))
        {
            // An error status with an empty body: the person sees the browser's own error screen, not ours.
            await BlankAsync(page);
            var bare = await page.Context.APIRequest.GetAsync(url, new APIRequestContextOptions { MaxRedirects = 0 });
            var code = bare.Status;
            await bare.DisposeAsync();
            findings.Add(new Finding(UrlPattern.Of(new Uri(url)), code >= 500 ? CrawlFindings.ServerError : CrawlFindings.BareStatus,
                $"HTTP {code} with an empty body", where, url, null));
            return new Visit(url, null, false);
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            await BlankAsync(page);
            findings.Add(new Finding(UrlPattern.Of(new Uri(url)), CrawlFindings.Broken, e.Message.Split('\n')[0], where, url, null));
            return new Visit(url, null, false);
        }
        var t_settle = Stopwatch.GetTimestamp();
        await watch.SettleAsync();
        // Content that arrives over a socket after the load fades in (projector screens: 0.45 s); axe reading the
        // colours mid-fade reports a contrast the page does not have. Finite animations are waited for, at most 2 s.
        await page.EvaluateAsync(@"() => Promise.race([
            Promise.all(document.getAnimations()
                .filter(a => Number.isFinite(a.effect ? a.effect.getComputedTiming().endTime : Infinity))
                .map(a => a.finished.catch(() => null))),
            new Promise(r => setTimeout(r, 2000))])");
        Time("settle", t_settle);

        var finalUrl = page.Url;
        var pattern = UrlPattern.Of(new Uri(finalUrl));
        var status = response?.Status ?? 0;
        var problems = new List<(string Kind, string Detail)>();
        if (status >= 500) problems.Add((CrawlFindings.ServerError, $"HTTP {status}"));
        var t_read = Stopwatch.GetTimestamp();
        var state = await PageProbe.ReadAsync(page, width);
        Time("read", t_read);

        problems.AddRange(watch.FailedRequests.Select(f => (CrawlFindings.FailedRequest, f)));
        // The Hangfire dashboard is a library's page, neither styled nor translated by us: only its status counts.
        if (!IsJobsDashboard(new Uri(finalUrl)))
        {
            var text = state.Title + "\n" + state.Text;
            if (ErrorMarkers.FirstOrDefault(m => text.Contains(m, StringComparison.Ordinal)) is { } marker)
                problems.Add((CrawlFindings.ErrorPage, $"shows \"{marker}\""));
            else if (StackFrame().Match(text) is { Success: true } frame)
                problems.Add((CrawlFindings.ErrorPage, $"shows a stack trace: \"{frame.Value}\""));
            problems.AddRange(watch.ScriptErrors.Select(e => (CrawlFindings.ScriptError, e)));
            if (width == Phone && state.ScrollWidth > Phone)
                problems.Add((CrawlFindings.Overflow, $"{state.ScrollWidth} px wide; sticking out: {(state.Offenders.Count == 0 ? "?" : string.Join(", ", state.Offenders))}"));
            var vietnamese = state.Lang.StartsWith("vi", StringComparison.OrdinalIgnoreCase);
            var words = CodeWords.Find(text, vietnamese);
            if (words.Count > 0)
            {
                var list = string.Join(", ", words.Select(w => w.Count == 1 ? $"\"{w.Word}\"" : $"\"{w.Word}\" ×{w.Count}"));
                problems.Add((CrawlFindings.CodeName, $"[{(vietnamese ? "vi" : state.Lang)} page] {list} — e.g. «{CodeWords.Context(text, words[0].Word)}»"));
            }
            if (width == Desktop && _axeDone.TryAdd(pattern + "|" + lang, true))
            {
                try
                {
                    var t_axe = Stopwatch.GetTimestamp();
                    var (version, violations) = await PageProbe.AxeAsync(page, axePath);
                    Time("axe", t_axe);
                    AxeVersion = version;
                    problems.AddRange(violations.Select(v => (CrawlFindings.Axe,
                        $"{v.Id} ({v.Impact}): {v.Help} — {v.Nodes} element(s), e.g. {string.Join(" | ", v.Targets)} [{lang}]")));
                }
                catch (PlaywrightException e)
                {
                    problems.Add((CrawlFindings.Axe, "axe-core could not run: " + e.Message.Split('\n')[0]));
                }
            }
        }

        string? shot = null;
        // One picture per page kind on a Vietnamese phone, and one per failing page kind, language and width.
        var firstPhoneShot = width == Phone && lang == "vi" && _phoneShots.TryAdd(pattern, true);
        var firstFailureShot = problems.Count > 0 && _failureShots.TryAdd($"{pattern}|{lang}|{width}", true);
        if (firstPhoneShot || firstFailureShot)
        {
            shot = $"{role}-{lang}-{width}-{UrlPattern.Slug(pattern)}.png";
            try
            {
                var t_shot = Stopwatch.GetTimestamp();
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ShotDirectory, shot), FullPage = true, Timeout = 15_000 });
                Time("screenshot", t_shot);
            }
            catch (Exception e) when (e is PlaywrightException or TimeoutException)
            {
                shot = null;
            }
        }
        foreach (var (kind, detail) in problems)
            findings.Add(new Finding(pattern, kind, detail, where, finalUrl, shot is null ? null : "crawl/" + shot));
        return new Visit(finalUrl, state, false);
    }

    // A download the last visit started can still be cancelling the page's navigation: try again once it has.
    private static async Task BlankAsync(IPage page)
    {
        for (var i = 0; i < 5; i++)
        {
            try
            {
                await page.GotoAsync("about:blank");
                return;
            }
            catch (PlaywrightException)
            {
                await Task.Delay(200);
            }
        }
    }

    /// <summary>Exports and other files: fetched with the context's cookies, they must be a 200 that is not a web page.</summary>
    private async Task CheckDownloadAsync(IBrowserContext context, string role, string url)
    {
        var pattern = UrlPattern.Of(new Uri(url));
        var response = await context.APIRequest.GetAsync(url, new APIRequestContextOptions { Timeout = 30_000 });
        var type = response.Headers.GetValueOrDefault("content-type") ?? "";
        if (response.Status != 200)
            findings.Add(new Finding(pattern, CrawlFindings.Download, $"HTTP {response.Status}", role, url, null));
        else if (type.StartsWith("text/html", StringComparison.OrdinalIgnoreCase))
            findings.Add(new Finding(pattern, CrawlFindings.Download, "answered with a web page (text/html), not a file", role, url, null));
        await response.DisposeAsync();
    }

    private async Task<IBrowserContext> NewContextAsync(int width, string lang, string? state)
    {
        var phone = width <= Phone;
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = 800 },
            IsMobile = phone,
            HasTouch = phone,
            DeviceScaleFactor = 1,
            StorageState = state,
            Locale = lang == "vi" ? "vi-VN" : "en-US",
            TimezoneId = "Asia/Ho_Chi_Minh",
        });
        context.SetDefaultTimeout(30_000);
        context.SetDefaultNavigationTimeout(30_000);
        // The language as a person's choice is kept: the cookie /culture/{code} sets.
        await context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = Uri.EscapeDataString($"c={lang}|uic={lang}"), Url = baseUrl }]);
        return context;
    }

    private static async Task LoginAsync(IPage page, CrawlRole role)
    {
        await page.GotoAsync("/account/login");
        await page.FillAsync("#UserName", role.User!);
        await page.FillAsync("#Password", role.Password!);
        await page.Locator("main form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(u => !u.Contains("/account/login", StringComparison.OrdinalIgnoreCase), new PageWaitForURLOptions { Timeout = 30_000 });
    }

    private enum LinkKind { Skip, Page, File }

    private LinkKind Classify(Uri target, bool download)
    {
        if (target.Scheme is not ("http" or "https") || target.Authority != _base.Authority) return LinkKind.Skip;
        var path = target.AbsolutePath.ToLowerInvariant();
        // Signing out and switching language change the session, not a page; Hangfire's own pages are not ours.
        if (path.StartsWith("/account/logout") || path.StartsWith("/culture/") || path.StartsWith("/admin/jobs/")) return LinkKind.Skip;
        var query = target.Query.ToLowerInvariant();
        var handler = Regex.Match(query, @"handler=([^&]*)").Groups[1].Value;
        if (download || FileExtensions.Any(e => path.EndsWith(e)) || path.StartsWith("/api/") || path.StartsWith("/media/")
            || path.Contains("/export") || path.Contains("/template") || handler.Contains("xlsx") || handler.Contains("export") || handler.Contains("download"))
            return LinkKind.File;
        return LinkKind.Page;
    }

    private static bool IsJobsDashboard(Uri u) => u.AbsolutePath.StartsWith("/admin/jobs", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"\bat [A-Z]\w*(\.\w+)+\([^)]*\)|\.cs:line \d+")]
    private static partial Regex StackFrame();
}
