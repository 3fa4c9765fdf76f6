using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Contest.Web.Tests.Faults;

/// <summary>
/// A player's phone as wwwroot/js/live/play.js and common.js behave, over the public protocol through nginx (sticky to
/// its node by the contest_node cookie): reconnects for good (0.5 s, 1.5 s, … up to 5 s apart) and then calls Rejoin;
/// retries a call refused busy or moved after 0.25, 0.5, 1, 2, then every 4 s (at most 10 times); takes an
/// already-answered after such a retry as "received"; asked to re-sync, calls Rejoin once. What the page leaves to the
/// person — tapping the answer again after a lost connection or a refusal — <see cref="AnswerAsync"/> does at once (or
/// after <c>tapAgainAfter</c>).
/// </summary>
public sealed partial class FaultPhone : IAsyncDisposable
{
    private static readonly HashSet<string> FinalRefusals = ["question-closed", "wrong-question", "too-late", "paused", "bad-answer", "not-joined", "game-over", "kicked", "unknown-player"];

    private readonly HubConnection _conn;
    private readonly string _pin;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<(JsonElement Reveal, DateTimeOffset At)>> _reveals = new();
    private readonly ConcurrentDictionary<int, bool> _askedFor = new();
    private readonly object _seatLock = new();
    private TaskCompletionSource<JsonElement> _seated = New<JsonElement>();
    private int _drops;
    private int _resyncs;
    private volatile bool _disposed;

    private FaultPhone(HubConnection conn, string pin, int i, string node)
    {
        _conn = conn;
        _pin = pin;
        I = i;
        Node = node;
    }

    public int I { get; }
    public string Node { get; }
    public Guid PlayerId { get; private set; }
    public string Token { get; private set; } = "";
    public int Drops => Volatile.Read(ref _drops);

    /// <summary>How many times the server asked this phone to re-sync (its node's Redis backplane came back).</summary>
    public int Resyncs => Volatile.Read(ref _resyncs);
    public TaskCompletionSource<JsonElement> Final { get; } = New<JsonElement>();
    public ConcurrentQueue<string> Trace { get; } = new();

    public static async Task<FaultPhone> JoinAsync(string url, string node, string pin, int i)
    {
        var conn = new HubConnectionBuilder()
            .WithUrl($"{url}/hubs/live", o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.Headers["Cookie"] = $"contest_node={node}";
            })
            .WithAutomaticReconnect(new PhoneReconnect())
            .Build();
        var phone = new FaultPhone(conn, pin, i, node);
        conn.On<JsonElement>("Revealed", r => phone.Saw(r, pushed: true));
        conn.On<JsonElement>("GameOver", f => phone.Final.TrySetResult(f));
        conn.On<JsonElement>("QuestionOpened", q => phone.WatchReveal(q.GetProperty("index").GetInt32(), q.GetProperty("remainingMs").GetInt32()));
        // play.js: the node's Redis backplane is back; ask for the current screen once, within the spread the server gives.
        conn.On<int>("Resync", spreadMs => _ = Task.Run(async () =>
        {
            Interlocked.Increment(ref phone._resyncs);
            await Task.Delay(Random.Shared.Next(Math.Max(spreadMs, 1)));
            phone.Trace.Enqueue($"{Now:HH:mm:ss.fff} resync");
            await phone.RejoinAsync();
        }));
        conn.Reconnecting += _ =>
        {
            Interlocked.Increment(ref phone._drops);
            lock (phone._seatLock) if (phone._seated.Task.IsCompleted) phone._seated = New<JsonElement>();
            phone.Trace.Enqueue($"{Now:HH:mm:ss.fff} reconnecting");
            return Task.CompletedTask;
        };
        conn.Reconnected += _ => phone.RejoinAsync();
        conn.Closed += async _ =>
        {
            // play.js: onclose → start() again after 3 s, then Rejoin.
            if (phone._disposed) return;
            await Task.Delay(3000);
            try { await conn.StartAsync(); await phone.RejoinAsync(); } catch (Exception e) { phone.Trace.Enqueue($"restart failed: {e.Message}"); }
        };
        await conn.StartAsync();
        var joined = await phone.InvokeRetryingAsync("Join", pin, $"Người chơi {i}", (int?)null);
        phone.PlayerId = joined.GetProperty("playerId").GetGuid();
        phone.Token = joined.GetProperty("resumeToken").GetString()!;
        phone._seated.TrySetResult(joined.GetProperty("state"));
        return phone;
    }

    /// <summary>The reveal of question <paramref name="q"/> as pushed (or as the state after a Rejoin showed it), with when it arrived.</summary>
    public Task<(JsonElement Reveal, DateTimeOffset At)> RevealAsync(int q) => _reveals.GetOrAdd(q, _ => New<(JsonElement, DateTimeOffset)>()).Task;

    public bool HasReveal(int q) => RevealAsync(q).IsCompletedSuccessfully;

    /// <summary>
    /// Answers question <paramref name="q"/> with option <paramref name="option"/> as the page and its user do: busy and
    /// moved retried by the page; after a lost connection the phone rejoins and, if the question is still open and
    /// not answered, the user taps again at once; after any other refusal that is not final the user taps again after
    /// <paramref name="tapAgainAfter"/> (none: the refusal stands). Gives up at <paramref name="giveUp"/>.
    /// </summary>
    public async Task<AnswerLog> AnswerAsync(int q, int option, TimeSpan giveUp, TimeSpan? tapAgainAfter = null)
    {
        var log = new AnswerLog(this, q);
        var until = Now + giveUp;
        var busyRetries = 0;
        var retriedBusy = false;
        while (Now < until)
        {
            var drops = Drops;
            var sent = Now;
            try
            {
                await _conn.InvokeAsync<JsonElement>("Answer", q, new { options = new[] { option } });
                log.Add(sent, "ack");
                log.AcceptedAt = Now;
                return log;
            }
            catch (HubException e)
            {
                var code = Code(e.Message);
                log.Add(sent, code, e.Message);
                if (code is "busy" or "moved" && busyRetries < 10)
                {
                    retriedBusy = true;
                    await Task.Delay(Math.Min(250 << busyRetries++, 4000));
                    continue;
                }
                if (code == "already-answered" && retriedBusy)
                {
                    // play.js: the first try reached the game's server after all; the page shows "received".
                    log.AcceptedAt = Now;
                    return log;
                }
                if (tapAgainAfter is null || FinalRefusals.Contains(code) || code == "already-answered") return log;
                busyRetries = 0;
                retriedBusy = false;
                await Task.Delay(tapAgainAfter.Value);
            }
            catch (Exception e) when (!_disposed)
            {
                // The connection went (or was going) down: the page rejoins, then shows the question again or "received".
                log.Add(sent, "lost", e.GetType().Name);
                JsonElement? state;
                try
                {
                    state = await SeatedAfterAsync(drops, until);
                }
                catch (HubException refused)
                {
                    // Rejoin refused for good (not busy, moved or server-error): the page shows the join form again.
                    log.Add(Now, "rejoin-" + Code(refused.Message), refused.Message);
                    return log;
                }
                if (state is null) continue;
                if (state.Value.GetProperty("question") is { ValueKind: JsonValueKind.Object } question && question.GetProperty("index").GetInt32() == q
                    && state.Value.GetProperty("phase").GetString() == "Question")
                {
                    if (state.Value.GetProperty("answered").GetBoolean())
                    {
                        log.Add(Now, "answered-on-rejoin");
                        log.AcceptedAt = Now;
                        return log;
                    }
                    continue;
                }
                log.Add(Now, "closed-on-rejoin", state.Value.GetProperty("phase").GetString());
                return log;
            }
        }
        return log;
    }

    /// <summary>One Answer call, no retry: "ack", the refusal code, or "lost" (no connection or it dropped).</summary>
    public async Task<string> SendOnceAsync(int q, int option)
    {
        try
        {
            await _conn.InvokeAsync<JsonElement>("Answer", q, new { options = new[] { option } });
            return "ack";
        }
        catch (HubException e)
        {
            return Code(e.Message);
        }
        catch (Exception) when (!_disposed)
        {
            return "lost";
        }
    }

    /// <summary>The state of the latest Join or Rejoin after the connection has dropped since <paramref name="drops"/>.</summary>
    private async Task<JsonElement?> SeatedAfterAsync(int drops, DateTimeOffset until)
    {
        // The lost call may fail a moment before the client reports the drop (then wait for it); a call made while the
        // phone was already reconnecting waits for that rejoin; if no drop is ever reported, send again.
        var wait = Now.AddSeconds(3);
        Task<JsonElement> seated;
        while (true)
        {
            lock (_seatLock) seated = _seated.Task;
            if (Drops != drops || !seated.IsCompleted || _conn.State != HubConnectionState.Connected || Now >= wait) break;
            await Task.Delay(20);
        }
        try { return await seated.WaitAsync(until - Now is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero); }
        catch (TimeoutException) { return null; }
    }

    /// <summary>
    /// play.js: while a question stands 4 s past its time with no reveal, the page asks for its state again every 4 s
    /// (a reveal lost in transit — a node's backplane still reconnecting to Redis — is then shown from the Rejoin).
    /// </summary>
    private void WatchReveal(int q, int remainingMs) => _ = Task.Run(async () =>
    {
        await Task.Delay(remainingMs + 4000);
        while (!_disposed && !HasReveal(q) && !Final.Task.IsCompleted)
        {
            if (_conn.State == HubConnectionState.Connected)
            {
                Trace.Enqueue($"{Now:HH:mm:ss.fff} no reveal of {q}: asking");
                await RejoinAsync();
            }
            await Task.Delay(4000);
        }
    });

    private async Task RejoinAsync()
    {
        // play.js rejoin(): busy / moved retried by invokeRetrying; still moving or a server error → again after 1 s.
        while (!_disposed)
        {
            try
            {
                var state = await InvokeRetryingAsync("Rejoin", _pin, Token);
                Trace.Enqueue($"{Now:HH:mm:ss.fff} rejoined {state.GetProperty("phase").GetString()}");
                if (state.GetProperty("reveal") is { ValueKind: JsonValueKind.Object } reveal && state.GetProperty("phase").GetString() is "Reveal" or "Leaderboard") Saw(reveal, pushed: false);
                if (state.GetProperty("final") is { ValueKind: JsonValueKind.Object } final) Final.TrySetResult(final);
                lock (_seatLock) _seated.TrySetResult(state);
                return;
            }
            catch (HubException e) when (Code(e.Message) is "busy" or "moved" or "server-error")
            {
                Trace.Enqueue($"{Now:HH:mm:ss.fff} rejoin refused {e.Message}");
                await Task.Delay(1000);
            }
            catch (HubException e)
            {
                Trace.Enqueue($"{Now:HH:mm:ss.fff} rejoin failed {e.Message}");
                lock (_seatLock) _seated.TrySetException(e);
                return;
            }
            catch (Exception e)
            {
                // Dropped again: the next Reconnected rejoins.
                Trace.Enqueue($"{Now:HH:mm:ss.fff} rejoin lost {e.GetType().Name}");
                return;
            }
        }
    }

    /// <summary>Live.invokeRetrying: busy / moved tried again after 0.25, 0.5, 1, 2, then 4 s, at most 10 retries.</summary>
    private async Task<JsonElement> InvokeRetryingAsync(string method, params object?[] args)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await _conn.InvokeCoreAsync<JsonElement>(method, args);
            }
            catch (HubException e) when (Code(e.Message) is "busy" or "moved" && attempt < 10)
            {
                await Task.Delay(Math.Min(250 << attempt, 4000));
            }
        }
    }

    private void Saw(JsonElement reveal, bool pushed)
    {
        var q = reveal.GetProperty("questionIndex").GetInt32();
        if (_reveals.GetOrAdd(q, _ => New<(JsonElement, DateTimeOffset)>()).TrySetResult((reveal.Clone(), Now)) && !pushed) _askedFor[q] = true;
    }

    /// <summary>Whether the reveal of <paramref name="q"/> came first from a Rejoin (a re-sync or a re-ask) rather than its push.</summary>
    public bool RevealAskedFor(int q) => _askedFor.ContainsKey(q);

    /// <summary>The refusal code of "... HubException: code: reason" (or of "code: reason").</summary>
    public static string Code(string message) => CodePattern().Match(message) is { Success: true } m ? m.Groups[1].Value : "error";

    [GeneratedRegex(@"(?:HubException: |^)([a-z]+(?:-[a-z]+)*): ")]
    private static partial Regex CodePattern();

    private static DateTimeOffset Now => DateTimeOffset.UtcNow;

    private static TaskCompletionSource<T> New<T>() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        await _conn.DisposeAsync();
    }

    /// <summary>common.js connect(): withAutomaticReconnect, min(500 + 1000 × n, 5000) ms, for good.</summary>
    private sealed class PhoneReconnect : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext context) => TimeSpan.FromMilliseconds(Math.Min(500 + context.PreviousRetryCount * 1000L, 5000));
    }
}

/// <summary>Every try of one answer: when it was sent and how it ended ("ack", a refusal code, "lost", …).</summary>
public sealed class AnswerLog(FaultPhone phone, int question)
{
    private readonly List<(DateTimeOffset Sent, DateTimeOffset Done, string Outcome, string? Detail)> _tries = [];

    public FaultPhone Phone { get; } = phone;
    public int Question { get; } = question;
    public DateTimeOffset? AcceptedAt { get; set; }
    public bool Accepted => AcceptedAt is not null;

    public IReadOnlyList<(DateTimeOffset Sent, DateTimeOffset Done, string Outcome, string? Detail)> Tries { get { lock (_tries) return [.. _tries]; } }

    public DateTimeOffset FirstSent => Tries[0].Sent;

    public void Add(DateTimeOffset sent, string outcome, string? detail = null)
    {
        lock (_tries) _tries.Add((sent, DateTimeOffset.UtcNow, outcome, detail));
    }

    public override string ToString() =>
        $"player {Phone.I} ({Phone.Node}) q{Question}: " + string.Join(", ", Tries.Select(t => $"{t.Outcome} {t.Sent:HH:mm:ss.fff}+{(t.Done - t.Sent).TotalMilliseconds:0}ms"));
}
