using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using Contest.Engine.LiveGames;
using Contest.Engine.Questions.Answers;
using StackExchange.Redis;

namespace Contest.Web.LiveCluster;

/// <summary>A player's or host's call, passed to the node that runs the game.</summary>
public sealed record RelayRequest(
    string Op, Guid GameId, string? Pin = null, string? Nickname = null, int? UnitId = null, string? Connection = null, string? Token = null,
    Guid PlayerId = default, int Index = 0, SubmittedAnswer? Answer = null, DateTimeOffset ReceivedAt = default)
{
    public string Id { get; init; } = "";
    public string ReplyTo { get; init; } = "";
}

public sealed record RelayReply(string Id, string? Code, string? Message, JsonElement? Payload);

/// <summary>
/// Calls between nodes over Redis pub/sub: each node listens on its own request channel and gets answers on its own
/// reply channel. A call to a node that no longer listens (killed) fails at once, so the caller can take the game over.
/// </summary>
public sealed class LiveRelay(IConnectionMultiplexer mux, LiveKeys keys, LiveClusterOptions options, ILogger<LiveRelay> log)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly ConcurrentDictionary<string, TaskCompletionSource<RelayReply>> _waiting = new();

    public async Task ServeAsync(Func<RelayRequest, Task<object>> handle)
    {
        var sub = mux.GetSubscriber();
        await sub.SubscribeAsync(keys.Replies(options.NodeId), (channel, message) =>
        {
            var reply = JsonSerializer.Deserialize<RelayReply>((string)message!, Json);
            if (reply is not null && _waiting.TryRemove(reply.Id, out var tcs)) tcs.TrySetResult(reply);
        });
        await sub.SubscribeAsync(keys.Requests(options.NodeId), (channel, message) =>
        {
            var request = JsonSerializer.Deserialize<RelayRequest>((string)message!, Json);
            if (request is not null) _ = Task.Run(() => AnswerAsync(request, handle));
        });
    }

    private async Task AnswerAsync(RelayRequest request, Func<RelayRequest, Task<object>> handle)
    {
        RelayReply reply;
        try
        {
            var result = await handle(request);
            reply = new RelayReply(request.Id, null, null, JsonSerializer.SerializeToElement(result, result.GetType(), Json));
        }
        catch (LiveGameException e)
        {
            reply = new RelayReply(request.Id, e.Code, e.Message, null);
        }
        catch (Exception e)
        {
            log.LogError(e, "Relayed live call {Op} failed", request.Op);
            reply = new RelayReply(request.Id, "server-error", "Something went wrong on the server; try again.", null);
        }
        await mux.GetSubscriber().PublishAsync(keys.Replies(request.ReplyTo), JsonSerializer.Serialize(reply, Json));
    }

    /// <summary>The owner's result, or null when no node listens on <paramref name="node"/> (it is gone). Refusals are rethrown.</summary>
    public async Task<T?> CallAsync<T>(string node, RelayRequest request) where T : class
    {
        var id = Guid.NewGuid().ToString("N");
        var tcs = new TaskCompletionSource<RelayReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[id] = tcs;
        try
        {
            var listeners = await mux.GetSubscriber().PublishAsync(keys.Requests(node), JsonSerializer.Serialize(request with { Id = id, ReplyTo = options.NodeId }, Json));
            if (listeners == 0) return null;
            var reply = await tcs.Task.WaitAsync(options.RelayTimeout);
            if (reply.Code is { } code) throw new LiveGameException(code, reply.Message ?? code);
            return reply.Payload!.Value.Deserialize<T>(Json);
        }
        catch (TimeoutException)
        {
            throw new LiveGameException("busy", "The game's server did not answer in time; try again.");
        }
        finally
        {
            _waiting.TryRemove(id, out _);
        }
    }
}
