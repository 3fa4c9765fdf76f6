using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

// Runs N players through one live game against a server on this machine and prints join time,
// question fan-out latency, answer-ack latency and lost answers. Loopback only, and bounded.
//   dotnet run --project tests/Contest.Load -c Release -- --url http://127.0.0.1:5080 --password … --players 1000
var opt = Options.Parse(args);
if (opt is null) return 2;

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

var create = await http.PostAsJsonAsync("/api/live/games", new { bankId = opt.Bank, count = opt.Questions, timeLimitSeconds = opt.Seconds, title = $"Load {opt.Players}" });
if (!create.IsSuccessStatusCode) { Console.Error.WriteLine($"create failed: {await create.Content.ReadAsStringAsync()}"); return 1; }
var game = await create.Content.ReadFromJsonAsync<JsonElement>();
var gameId = game.GetProperty("gameId").GetGuid();
var pin = game.GetProperty("pin").GetString()!;
Console.WriteLine($"game {gameId} PIN {pin}: {opt.Players} players, {opt.Questions} questions of {opt.Seconds} s, answers spread over {opt.SpreadMs} ms, host dwells {opt.DwellMs} ms on the full lobby and on each reveal and leaderboard");

HubConnection Connect(bool host) => new HubConnectionBuilder()
    .WithUrl(new Uri(opt.Url, "/hubs/live"), o =>
    {
        o.Transports = HttpTransportType.WebSockets;
        o.SkipNegotiation = true;
        if (host) o.Headers["Cookie"] = cookie;
    })
    .WithServerTimeout(TimeSpan.FromMinutes(3))
    .Build();

var clock = Stopwatch.StartNew();
var hostConn = Connect(host: true);
var revealed = new ConcurrentQueue<JsonElement>();
var revealSignal = new SemaphoreSlim(0);
hostConn.On<JsonElement>("HostRevealed", r => { revealed.Enqueue(r); revealSignal.Release(); });
await hostConn.StartAsync();
await hostConn.InvokeAsync<JsonElement>("HostGame", gameId);

var openedAt = new double[opt.Questions];
var fanout = new ConcurrentBag<double>();
var acks = new ConcurrentBag<double>();
var fanoutByQuestion = Enumerable.Range(0, opt.Questions).Select(_ => new ConcurrentBag<double>()).ToArray();
var acksByQuestion = Enumerable.Range(0, opt.Questions).Select(_ => new ConcurrentBag<double>()).ToArray();
var refused = new ConcurrentBag<string>();
var acked = 0;
var players = new HubConnection[opt.Players];
var joinTimes = new double[opt.Players];
var joinStart = clock.Elapsed.TotalMilliseconds;
var gate = new SemaphoreSlim(opt.Parallel);
var joinErrors = 0;
await Task.WhenAll(Enumerable.Range(0, opt.Players).Select(async i =>
{
    await gate.WaitAsync();
    try
    {
        var t0 = clock.Elapsed.TotalMilliseconds;
        var c = Connect(host: false);
        var random = new Random(i);
        c.On<JsonElement>("QuestionOpened", q =>
        {
            var index = q.GetProperty("index").GetInt32();
            var late = clock.Elapsed.TotalMilliseconds - Volatile.Read(ref openedAt[index]);
            fanout.Add(late);
            fanoutByQuestion[index].Add(late);
            var options = q.GetProperty("options").GetArrayLength();
            var type = q.GetProperty("type").GetString();
            _ = Task.Run(async () =>
            {
                await Task.Delay(random.Next(opt.SpreadMs + 1));
                var a0 = clock.Elapsed.TotalMilliseconds;
                try
                {
                    object answer = type switch
                    {
                        "FillBlank" => new { text = "đáp án " + random.Next(3) },
                        "Ordering" => new { order = Enumerable.Range(0, options).OrderBy(_ => random.Next()).ToArray() },
                        _ => new { options = new[] { random.Next(Math.Max(1, options)) } },
                    };
                    await c.InvokeAsync<JsonElement>("Answer", index, answer);
                    acks.Add(clock.Elapsed.TotalMilliseconds - a0);
                    acksByQuestion[index].Add(clock.Elapsed.TotalMilliseconds - a0);
                    Interlocked.Increment(ref acked);
                }
                catch (Exception e)
                {
                    refused.Add(e.Message);
                }
            });
        });
        await c.StartAsync();
        await c.InvokeAsync<JsonElement>("Join", pin, $"p{i}", null);
        players[i] = c;
        joinTimes[i] = clock.Elapsed.TotalMilliseconds - t0;
    }
    catch (Exception e)
    {
        if (Interlocked.Increment(ref joinErrors) <= 5) Console.Error.WriteLine($"join {i}: {e.Message}");
    }
    finally
    {
        gate.Release();
    }
}));
var joinTotal = clock.Elapsed.TotalMilliseconds - joinStart;
Console.WriteLine($"joined {opt.Players - joinErrors}/{opt.Players} in {joinTotal / 1000:0.0} s; per join p50 {P(joinTimes, 50):0} ms, p99 {P(joinTimes, 99):0} ms");

var answeredByServer = 0;
await Task.Delay(opt.DwellMs); // the host looks at the full lobby before pressing Start
for (var q = 0; q < opt.Questions; q++)
{
    Volatile.Write(ref openedAt[q], clock.Elapsed.TotalMilliseconds);
    await hostConn.InvokeAsync<JsonElement>(q == 0 ? "Start" : "Next", gameId);
    if (!await revealSignal.WaitAsync(TimeSpan.FromSeconds(opt.Seconds + 60))) { Console.Error.WriteLine($"question {q + 1}: no reveal"); return 1; }
    revealed.TryDequeue(out var r);
    var n = r.GetProperty("right").GetInt32() + r.GetProperty("partial").GetInt32() + r.GetProperty("wrong").GetInt32();
    answeredByServer += n;
    Console.WriteLine($"question {q + 1}: revealed after {(clock.Elapsed.TotalMilliseconds - openedAt[q]) / 1000:0.0} s, {n} answers counted; " +
        $"fan-out p99 {P(fanoutByQuestion[q].ToArray(), 99):0} ms, ack p99 {P(acksByQuestion[q].ToArray(), 99):0} ms");
    // A host shows the reveal and then the leaderboard for a few seconds each; --dwell 0 drives the game as fast as the server allows.
    await Task.Delay(opt.DwellMs);
    await hostConn.InvokeAsync<JsonElement>("Next", gameId); // leaderboard
    await Task.Delay(opt.DwellMs);
}
await hostConn.InvokeAsync<JsonElement>("Next", gameId); // podium
await hostConn.InvokeAsync<JsonElement>("Next", gameId); // finished
await Task.Delay(500);

// Lost = acknowledged to a player but missing from the stored results.
var xlsx = await http.GetByteArrayAsync($"/api/live/games/{gameId}/results.xlsx");
using var wb = new XLWorkbook(new MemoryStream(xlsx));
var stored = wb.Worksheet("Answers").LastRowUsed()!.RowNumber() - 1;
var fan = fanout.ToArray();
var ack = acks.ToArray();
Console.WriteLine($"fan-out (host Start/Next → player QuestionOpened): n={fan.Length} p50 {P(fan, 50):0} ms, p99 {P(fan, 99):0} ms, max {fan.DefaultIfEmpty().Max():0} ms");
Console.WriteLine($"answer ack (Answer → ack, durable): n={ack.Length} p50 {P(ack, 50):0} ms, p99 {P(ack, 99):0} ms, max {ack.DefaultIfEmpty().Max():0} ms");
Console.WriteLine($"answers acknowledged {acked}, counted at reveals {answeredByServer}, stored {stored}, refused {refused.Count}, lost {Math.Max(0, acked - stored)}");
foreach (var g in refused.GroupBy(m => m.Length > 120 ? m[..120] : m).Take(5)) Console.WriteLine($"  refused ×{g.Count()}: {g.Key}");

await Task.WhenAll(players.Where(p => p is not null).Select(p => p.DisposeAsync().AsTask()));
await hostConn.DisposeAsync();
return 0;

static double P(double[] values, int percentile)
{
    if (values.Length == 0) return 0;
    var sorted = values.Order().ToArray();
    return sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)];
}

internal sealed record Options(Uri Url, string User, string Password, int Bank, int Players, int Questions, int Seconds, int SpreadMs, int Parallel, int DwellMs)
{
    public const int MaxPlayers = 12_000;

    public static Options? Parse(string[] args)
    {
        string Arg(string name, string fallback)
        {
            var i = Array.IndexOf(args, "--" + name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }
        var url = new Uri(Arg("url", "http://127.0.0.1:5080"));
        if (!IPAddress.TryParse(url.Host, out var ip) || !IPAddress.IsLoopback(ip))
        {
            Console.Error.WriteLine("Only a server on 127.0.0.1 may be load-tested.");
            return null;
        }
        var o = new Options(url, Arg("user", "admin"), Arg("password", ""), int.Parse(Arg("bank", "1")), int.Parse(Arg("players", "1000")),
            int.Parse(Arg("questions", "3")), int.Parse(Arg("seconds", "20")), int.Parse(Arg("spread", "2000")), int.Parse(Arg("parallel", "100")),
            int.Parse(Arg("dwell", "3000")));
        if (o.Players is < 1 or > MaxPlayers || o.Questions is < 1 or > 20 || o.Parallel is < 1 or > 500 || o.DwellMs is < 0 or > 60_000)
        {
            Console.Error.WriteLine($"players 1–{MaxPlayers}, questions 1–20, parallel 1–500, dwell 0–60000 ms.");
            return null;
        }
        return o;
    }
}
