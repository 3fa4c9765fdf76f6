using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using ClosedXML.Excel;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Contest.Load;

/// <summary>What one game measured.</summary>
internal sealed record GameReport(double[] FanOut, double[] Acks, int Acked, int Counted, int Stored, IReadOnlyList<string> Refused,
    int Joined, IReadOnlyDictionary<string, int> JoinRefusals, int Dropped, string? Aborted)
{
    public int Lost => Math.Max(0, Acked - Stored);

    /// <summary>Several games' figures as one: latencies pooled, counts added, refusals merged by kind.</summary>
    public static GameReport Combine(IReadOnlyList<GameReport> games) => games.Count == 1 ? games[0] : new(
        [.. games.SelectMany(g => g.FanOut)], [.. games.SelectMany(g => g.Acks)],
        games.Sum(g => g.Acked), games.Sum(g => g.Counted), games.Sum(g => g.Stored), [.. games.SelectMany(g => g.Refused)],
        games.Sum(g => g.Joined),
        games.SelectMany(g => g.JoinRefusals).GroupBy(k => k.Key).ToDictionary(k => k.Key, k => k.Sum(x => x.Value)),
        games.Sum(g => g.Dropped),
        games.Any(g => g.Aborted is not null) ? string.Join("; ", games.Select(g => g.Aborted).OfType<string>()) : null);
}

/// <summary>One live game: a host and <c>players</c> phones, from creating it to exporting its results.</summary>
internal sealed class LoadGame(Options opt, HttpClient http, string cookie, Stopwatch clock, TextWriter log)
{
    public async Task<GameReport?> RunAsync(int playerCount, int questionCount)
    {
        var create = await http.PostAsJsonAsync("/api/live/games", new { bankId = opt.Bank, count = questionCount, timeLimitSeconds = opt.Seconds, title = $"Load {playerCount}" });
        if (!create.IsSuccessStatusCode) { Console.Error.WriteLine($"create failed: {await create.Content.ReadAsStringAsync()}"); return null; }
        var game = await create.Content.ReadFromJsonAsync<JsonElement>();
        var gameId = game.GetProperty("gameId").GetGuid();
        var pin = game.GetProperty("pin").GetString()!;
        log.WriteLine($"game {gameId} PIN {pin}: {playerCount} players, {questionCount} questions of {opt.Seconds} s, answers {opt.ThinkMs}–{opt.ThinkMs + opt.SpreadMs} ms after a question arrives, host dwells {opt.DwellMs} ms on the full lobby and on each reveal and leaderboard");

        var hostConn = Connect(host: true);
        var revealed = new ConcurrentQueue<JsonElement>();
        var revealSignal = new SemaphoreSlim(0);
        hostConn.On<JsonElement>("HostRevealed", r => { revealed.Enqueue(r); revealSignal.Release(); });
        try
        {
            await hostConn.StartAsync();
            await hostConn.InvokeAsync<JsonElement>("HostGame", gameId);
        }
        catch (Exception e)
        {
            // A node already full refuses the host too (503 server-busy): say so instead of dying.
            Console.Error.WriteLine($"host refused: {e.Message}");
            await hostConn.DisposeAsync();
            return null;
        }

        var openedAt = new double[questionCount];
        var fanoutByQuestion = Enumerable.Range(0, questionCount).Select(_ => new ConcurrentBag<double>()).ToArray();
        var acksByQuestion = Enumerable.Range(0, questionCount).Select(_ => new ConcurrentBag<double>()).ToArray();
        var refused = new ConcurrentBag<string>();
        var acked = 0;
        var players = new HubConnection[playerCount];
        var joinTimes = new double[playerCount];
        var joinStart = clock.Elapsed.TotalMilliseconds;
        var gate = new SemaphoreSlim(opt.Parallel);
        var joinErrors = 0;
        var joinRefusals = new ConcurrentDictionary<string, int>();
        var dropped = 0;
        var finishing = false;
        using var scheduler = new AnswerScheduler(clock);
        await Task.WhenAll(Enumerable.Range(0, playerCount).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                var t0 = clock.Elapsed.TotalMilliseconds;
                var c = Connect(host: false);
                var random = new Random(i);
                c.On<QuestionSeen>("QuestionOpened", q =>
                {
                    fanoutByQuestion[q.Index].Add(clock.Elapsed.TotalMilliseconds - Volatile.Read(ref openedAt[q.Index]));
                    scheduler.At(clock.Elapsed.TotalMilliseconds + opt.ThinkMs + random.Next(opt.SpreadMs + 1), async () =>
                    {
                        var a0 = clock.Elapsed.TotalMilliseconds;
                        try
                        {
                            object answer = q.Type switch
                            {
                                "FillBlank" => new { text = "đáp án " + random.Next(3) },
                                "Ordering" => new { order = Enumerable.Range(0, q.Options.Length).OrderBy(_ => random.Next()).ToArray() },
                                _ => new { options = new[] { random.Next(Math.Max(1, q.Options.Length)) } },
                            };
                            await c.InvokeAsync<JsonElement>("Answer", q.Index, answer);
                            acksByQuestion[q.Index].Add(clock.Elapsed.TotalMilliseconds - a0);
                            Interlocked.Increment(ref acked);
                        }
                        catch (Exception e)
                        {
                            refused.Add(e.Message);
                        }
                    });
                });
                // A phone handles every message it is sent (a missing handler would make the client throw and catch per
                // message), reading only what it needs: typed arguments are parsed straight off the wire, no JSON document kept.
                foreach (var name in new[] { "Revealed", "GameOver", "PausedChanged" }) c.On<Unread>(name, _ => { });
                c.On<string>("Kicked", _ => { });
                c.On("Finished", () => { });
                try
                {
                    await c.StartAsync();
                    await c.InvokeAsync<JsonElement>("Join", pin, $"p{i}", null);
                }
                catch
                {
                    await c.DisposeAsync();
                    throw;
                }
                // A connection the server drops after the join is a player who lost the game: counted, not fatal.
                c.Closed += _ => { if (!Volatile.Read(ref finishing)) Interlocked.Increment(ref dropped); return Task.CompletedTask; };
                players[i] = c;
                joinTimes[i] = clock.Elapsed.TotalMilliseconds - t0;
            }
            catch (Exception e)
            {
                joinRefusals.AddOrUpdate(RefusalKind(e), 1, (_, n) => n + 1);
                if (Interlocked.Increment(ref joinErrors) <= 5) Console.Error.WriteLine($"join {i}: {e.Message}");
            }
            finally
            {
                gate.Release();
            }
        }));
        var joinTotal = clock.Elapsed.TotalMilliseconds - joinStart;
        log.WriteLine($"joined {playerCount - joinErrors}/{playerCount} in {joinTotal / 1000:0.0} s; per join p50 {Stats.P(joinTimes, 50):0} ms, p99 {Stats.P(joinTimes, 99):0} ms"
            + (joinErrors > 0 ? "; refused: " + string.Join(", ", joinRefusals.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value}")) : ""));

        // The joins leave ten thousand connections' objects young in this process; promote them now, not during question 1.
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        await Task.Delay(opt.DwellMs); // the host looks at the full lobby before pressing Start
        var counted = 0;
        string? aborted = null;
        // The host's connection can be refused or dropped too (an overloaded node): the game then ends early and what
        // was stored so far is still checked, rather than the tool dying with an unhandled exception.
        try
        {
            for (var q = 0; q < questionCount; q++)
            {
                Volatile.Write(ref openedAt[q], clock.Elapsed.TotalMilliseconds);
                await hostConn.InvokeAsync<JsonElement>(q == 0 ? "Start" : "Next", gameId);
                if (!await revealSignal.WaitAsync(TimeSpan.FromSeconds(opt.Seconds + 60))) throw new TimeoutException($"question {q + 1}: no reveal");
                revealed.TryDequeue(out var r);
                var n = r.GetProperty("right").GetInt32() + r.GetProperty("partial").GetInt32() + r.GetProperty("wrong").GetInt32();
                counted += n;
                var fan = fanoutByQuestion[q].ToArray();
                log.WriteLine($"question {q + 1}: revealed after {(clock.Elapsed.TotalMilliseconds - openedAt[q]) / 1000:0.0} s, {n} answers counted; " +
                    $"fan-out p50 {Stats.P(fan, 50):0} ms, p99 {Stats.P(fan, 99):0} ms; ack p50 {Stats.P(acksByQuestion[q].ToArray(), 50):0} ms, p99 {Stats.P(acksByQuestion[q].ToArray(), 99):0} ms");
                // A host shows the reveal and then the leaderboard for a few seconds each; --dwell 0 drives the game as fast as the server allows.
                await Task.Delay(opt.DwellMs);
                await hostConn.InvokeAsync<JsonElement>("Next", gameId); // leaderboard
                // Ten thousand phones share this process's collector, which real phones do not: collect while the host
                // dwells, so the next question is not received during a pause that only this tool has.
                if (opt.DwellMs > 0) GC.Collect(1, GCCollectionMode.Forced, blocking: true);
                await Task.Delay(opt.DwellMs);
            }
            await hostConn.InvokeAsync<JsonElement>("Next", gameId); // podium
            await hostConn.InvokeAsync<JsonElement>("Next", gameId); // finished
        }
        catch (Exception e)
        {
            aborted = e.Message;
            Console.Error.WriteLine($"game ended early: {e.Message}");
        }
        await Task.Delay(500);
        Volatile.Write(ref finishing, true);

        // Lost = acknowledged to a player but missing from the stored results.
        // In English, so the sheet name does not depend on the site's default language.
        var stored = -1;
        try
        {
            var xlsx = await http.GetByteArrayAsync($"/api/live/games/{gameId}/results.xlsx?culture=en");
            using var wb = new XLWorkbook(new MemoryStream(xlsx));
            stored = (wb.Worksheet("Answers").LastRowUsed()?.RowNumber() ?? 1) - 1;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"results not read: {e.Message}");
            aborted ??= e.Message;
        }

        await Task.WhenAll(players.Where(p => p is not null).Select(p => p.DisposeAsync().AsTask()));
        await hostConn.DisposeAsync();
        return new GameReport(fanoutByQuestion.SelectMany(b => b).ToArray(), acksByQuestion.SelectMany(b => b).ToArray(), acked, counted, stored, refused.ToArray(),
            playerCount - joinErrors, joinRefusals, dropped, aborted);
    }

    /// <summary>What a refused join was: the node full (503 before the WebSocket opened), the game full, or anything else.</summary>
    private static string RefusalKind(Exception e)
    {
        var m = e.Message;
        if (m.Contains("503")) return "server-busy";
        var code = System.Text.RegularExpressions.Regex.Match(m, @"HubException: ([a-z-]+):");
        if (code.Success) return code.Groups[1].Value;
        return e is HttpRequestException or System.Net.WebSockets.WebSocketException or IOException ? "connection-failed" : e.GetType().Name;
    }

    private HubConnection Connect(bool host) => new HubConnectionBuilder()
        .WithUrl(new Uri(opt.Url, "/hubs/live"), o =>
        {
            o.Transports = HttpTransportType.WebSockets;
            o.SkipNegotiation = true;
            if (host) o.Headers["Cookie"] = cookie;
        })
        .WithServerTimeout(TimeSpan.FromMinutes(3))
        .Build()
        .WithTickRate(TimeSpan.FromMilliseconds(opt.TickMs));
}

internal static class Stats
{
    public static double P(double[] values, int percentile)
    {
        if (values.Length == 0) return 0;
        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
