using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Contest.Load;

// Runs N players through one live game against a server on this machine and prints join time,
// question fan-out latency, answer-ack latency and lost answers. Loopback only, and bounded.
//   dotnet run --project tests/Contest.Load -c Release -- --url http://127.0.0.1:5080 --password … --players 1000
// Set before the first socket exists (the runtime reads it once): each simulated phone's socket completion then runs
// on the socket engine's own thread instead of queueing behind ten thousand others in the thread pool, which on the
// shared 2 cores delayed both received questions and the answers' acknowledgements.
Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");
var opt = Options.Parse(args);
if (opt is null) return 2;
if (opt.Cpus.Count > 0)
{
    if (!OperatingSystem.IsLinux() && !OperatingSystem.IsWindows()) { Console.Error.WriteLine("--cpus works on Linux and Windows only."); return 2; }
    try
    {
        Process.GetCurrentProcess().ProcessorAffinity = (nint)opt.Cpus.Aggregate(0L, (mask, c) => mask | 1L << c);
    }
    catch (Exception e) when (e is Win32Exception or ArgumentOutOfRangeException)
    {
        Console.Error.WriteLine($"cannot pin to cores {string.Join(",", opt.Cpus)}: {e.Message}");
        return 2;
    }
    Console.WriteLine($"load tool pinned to cores {string.Join(",", opt.Cpus)}");
}

var cookies = new CookieContainer();
using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = opt.Url, Timeout = TimeSpan.FromMinutes(2) };
var loginPage = await http.GetStringAsync("/account/login");
var token = Regex.Match(loginPage, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
var login = await http.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
{
    ["UserName"] = opt.User, ["Password"] = opt.Password, ["__RequestVerificationToken"] = token,
}));
if (login.StatusCode != HttpStatusCode.Redirect) { Console.Error.WriteLine($"login failed: {(int)login.StatusCode}"); return 1; }
var cookie = cookies.GetCookieHeader(opt.Url);
var clock = Stopwatch.StartNew();

// A short unmeasured game first, so neither this tool nor the server compiles or sizes its buffers during the measured one.
if (opt.WarmupPlayers > 0)
{
    var warm = await new LoadGame(opt with { DwellMs = 0 }, http, cookie, clock, TextWriter.Null).RunAsync(Math.Min(opt.WarmupPlayers, opt.Players), 1);
    if (warm is null) return 1;
    Console.WriteLine($"warm-up: {Math.Min(opt.WarmupPlayers, opt.Players)} players through one question, not measured");
}

var gcPause0 = GC.GetTotalPauseDuration();
var gcCount0 = GC.CollectionCount(0);
// Several games at once (each with its own host) drive more players than one game may hold, e.g. to fill a node.
var reports = await Task.WhenAll(Enumerable.Range(0, opt.Games)
    .Select(i => new LoadGame(opt, http, cookie, clock, i == 0 ? Console.Out : TextWriter.Null).RunAsync(opt.Players, opt.Questions)));
if (reports.Any(r => r is null)) return 1;
var report = GameReport.Combine(reports!);
if (opt.Games > 1) Console.WriteLine($"{opt.Games} games of {opt.Players} players at once; the figures below are over all of them");
Console.WriteLine($"fan-out (host Start/Next → player QuestionOpened): n={report.FanOut.Length} p50 {Stats.P(report.FanOut, 50):0} ms, p99 {Stats.P(report.FanOut, 99):0} ms, max {report.FanOut.DefaultIfEmpty().Max():0} ms");
Console.WriteLine($"answer ack (Answer → ack, durable): n={report.Acks.Length} p50 {Stats.P(report.Acks, 50):0} ms, p99 {Stats.P(report.Acks, 99):0} ms, max {report.Acks.DefaultIfEmpty().Max():0} ms");
Console.WriteLine($"answers acknowledged {report.Acked}, counted at reveals {report.Counted}, stored {report.Stored}, refused {report.Refused.Count}, lost {report.Lost}");
Console.WriteLine($"players admitted {report.Joined}/{opt.Players * opt.Games}, join refusals {report.JoinRefusals.Values.Sum()}"
    + (report.JoinRefusals.Count > 0 ? " (" + string.Join(", ", report.JoinRefusals.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value}")) + ")" : "")
    + $", dropped during the game {report.Dropped}" + (report.Aborted is null ? "" : $", game ended early: {report.Aborted}"));
foreach (var g in report.Refused.GroupBy(m => m.Length > 120 ? m[..120] : m).Take(5)) Console.WriteLine($"  refused ×{g.Count()}: {g.Key}");
Console.WriteLine($"load tool: {GC.CollectionCount(0) - gcCount0} garbage collections during the game, {(GC.GetTotalPauseDuration() - gcPause0).TotalMilliseconds:0} ms paused (joins included)");
// Refused joins are the server protecting itself, not a failure; lost or refused answers and a game cut short are.
return report.Lost == 0 && report.Refused.Count == 0 && report.Dropped == 0 && report.Aborted is null && report.Stored >= 0 ? 0 : 1;
