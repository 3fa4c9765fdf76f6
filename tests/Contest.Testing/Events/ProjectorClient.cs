using System.Text.Json;
using System.Threading.Channels;
using Contest.Web.Events;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Contest.Testing.Events;

/// <summary>
/// An anonymous projector on <see cref="ProjectorHub"/>, as a test sees it: every message it is sent, raw JSON,
/// in order. Raw on purpose: tests assert on exactly the fields a projector receives, not on a typed copy.
/// </summary>
public sealed class ProjectorClient : IAsyncDisposable
{
    private ProjectorClient(HubConnection connection)
    {
        Connection = connection;
        Connection.On<JsonElement>("Show", v => Received.Writer.TryWrite(("Show", v)));
        Connection.On("Revoked", () => Received.Writer.TryWrite(("Revoked", default)));
    }

    public HubConnection Connection { get; }

    public Channel<(string Method, JsonElement Payload)> Received { get; } = Channel.CreateUnbounded<(string, JsonElement)>();

    /// <summary>Connects to the in-process app (long polling through the test server).</summary>
    public static async Task<ProjectorClient> ConnectAsync(ContestApp app)
    {
        var client = new ProjectorClient(new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, ProjectorHub.Path), o =>
            {
                o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
            })
            .Build());
        await client.Connection.StartAsync();
        return client;
    }

    /// <summary>Starts watching the event of <paramref name="token"/>; returns the whole view it shows now.</summary>
    public Task<JsonElement> WatchAsync(string token) => Connection.InvokeAsync<JsonElement>("Watch", token);

    /// <summary>The next message, whatever it is; fails after <paramref name="seconds"/>.</summary>
    public async Task<(string Method, JsonElement Payload)> NextAsync(int seconds = 10)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        return await Received.Reader.ReadAsync(cts.Token);
    }

    /// <summary>The content of the next shown view for which <paramref name="until"/> holds, skipping the others (a live game sends a view per step).</summary>
    public async Task<JsonElement> NextContentAsync(Func<JsonElement, bool>? until = null, int seconds = 15)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        while (true)
        {
            var (method, payload) = await Received.Reader.ReadAsync(cts.Token);
            if (method != "Show") continue;
            var content = payload.GetProperty("content");
            if (until is null || until(content)) return content;
        }
    }

    /// <summary>True when nothing arrived: for checks that something was NOT sent (after the caller waited).</summary>
    public bool NothingReceived() => !Received.Reader.TryRead(out _);

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
