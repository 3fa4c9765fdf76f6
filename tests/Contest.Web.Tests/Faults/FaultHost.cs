using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Contest.Web.Tests.Faults;

/// <summary>
/// The host screen (wwwroot/js/live/host.js) over the hub through nginx: logged in, sticky to node1, reconnecting for
/// good. A command refused busy / moved, or lost with the connection, is sent again only while the game still stands
/// where the command found it (HostGame before each retry), so a Next that went through is never sent twice.
/// </summary>
public sealed class FaultHost : IAsyncDisposable
{
    private readonly HubConnection _conn;

    private FaultHost(HubConnection conn, Guid gameId)
    {
        _conn = conn;
        GameId = gameId;
    }

    public Guid GameId { get; }

    public static async Task<FaultHost> ConnectAsync(string url, string authCookie, Guid gameId)
    {
        var conn = new HubConnectionBuilder()
            .WithUrl($"{url}/hubs/live", o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.Headers["Cookie"] = $"{authCookie}; contest_node=node1";
            })
            .WithAutomaticReconnect(new HostReconnect())
            .Build();
        var host = new FaultHost(conn, gameId);
        // host.js subscribes again (HostGame) after a reconnect; StateAsync does so on every call anyway.
        await conn.StartAsync();
        await host.StateAsync();
        return host;
    }

    /// <summary>HostGame, retried through busy / moved / a lost connection for up to 60 s.</summary>
    public async Task<JsonElement> StateAsync()
    {
        var until = DateTimeOffset.UtcNow.AddSeconds(60);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await _conn.InvokeAsync<JsonElement>("HostGame", GameId);
            }
            catch (Exception e) when (DateTimeOffset.UtcNow < until && Retryable(e))
            {
                await Task.Delay(Math.Min(250 << Math.Min(attempt, 4), 1000));
            }
        }
    }

    /// <summary>Start, Next, Skip, … as host.js call() sends them.</summary>
    public async Task<JsonElement> CommandAsync(string method)
    {
        var before = await StateAsync();
        var until = DateTimeOffset.UtcNow.AddSeconds(60);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await _conn.InvokeAsync<JsonElement>(method, GameId);
            }
            catch (Exception e) when (DateTimeOffset.UtcNow < until && Retryable(e))
            {
                await Task.Delay(Math.Min(250 << Math.Min(attempt, 4), 4000));
                var now = await StateAsync();
                if (now.GetProperty("phase").GetString() != before.GetProperty("phase").GetString() || Index(now) != Index(before)) return now;
            }
        }
    }

    /// <summary>Waits (polling HostGame) for the game to reach <paramref name="phase"/> at question <paramref name="index"/>.</summary>
    public async Task<JsonElement> WaitPhaseAsync(string phase, int? index, TimeSpan timeout, string why)
    {
        var until = DateTimeOffset.UtcNow + timeout;
        JsonElement state;
        do
        {
            state = await StateAsync();
            if (state.GetProperty("phase").GetString() == phase && (index is null || Index(state) == index)) return state;
            await Task.Delay(200);
        }
        while (DateTimeOffset.UtcNow < until);
        Assert.Fail($"{why}: the game stayed at {state.GetProperty("phase").GetString()} (question {Index(state)}) for {timeout.TotalSeconds:0} s instead of reaching {phase} (question {index}).");
        return state;
    }

    /// <summary>From a reveal to the next question: Next (leaderboard), Next (question); returns the open question.</summary>
    public async Task<JsonElement> NextQuestionAsync(int index)
    {
        await CommandAsync("Next");
        await CommandAsync("Next");
        return (await WaitPhaseAsync("Question", index, TimeSpan.FromSeconds(20), $"opening question {index}")).GetProperty("question");
    }

    public static int? Index(JsonElement state) => state.GetProperty("questionIndex") is { ValueKind: JsonValueKind.Number } i ? i.GetInt32() : null;

    /// <summary>When question <paramref name="q"/> (a PlayerQuestion) opened, in server time (the deadline less the limit).</summary>
    public static DateTimeOffset OpenedAt(JsonElement q) => q.GetProperty("deadline").GetDateTimeOffset().AddMilliseconds(-q.GetProperty("timeLimitMs").GetInt32());

    private static bool Retryable(Exception e) => e is HubException h ? FaultPhone.Code(h.Message) is "busy" or "moved" or "server-error" : e is not ArgumentException;

    public ValueTask DisposeAsync() => _conn.DisposeAsync();

    private sealed class HostReconnect : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext context) => TimeSpan.FromMilliseconds(Math.Min(500 + context.PreviousRetryCount * 1000L, 5000));
    }
}
