using Contest.Engine.LiveGames;
using Contest.Engine.Questions.Answers;

namespace Contest.Web.LiveGames;

/// <summary>
/// What the hub calls. In embedded mode it is the <see cref="LiveGameService"/> itself. With Redis, a game runs on one
/// node (its owner, named by a lease in Redis): a call for a game this node runs is handled here; any other is relayed
/// to the owner; a game whose owner is gone is taken over here first. So a player can join, rejoin and answer through
/// any node.
/// </summary>
public sealed class LivePlay(LiveGameService games, IServiceProvider services, TimeProvider time)
{
    private readonly LiveCluster.LiveClusterService? _cluster = services.GetService<LiveCluster.LiveClusterService>();
    private readonly LiveCluster.LiveRelay? _relay = services.GetService<LiveCluster.LiveRelay>();

    public async Task<(Guid GameId, Guid PlayerId, JoinResult Result)> JoinAsync(string? pin, string? nickname, int? unitId, string? connectionId)
    {
        var r = await JoinCoreAsync(new LiveCluster.RelayRequest("join", default, Pin: pin, Nickname: nickname, UnitId: unitId, Connection: connectionId), relayed: false);
        if (_cluster is not null) await _cluster.RememberConnectionAsync(r.State.GameId, r.PlayerId, connectionId);
        return (r.State.GameId, r.PlayerId, r);
    }

    public async Task<(Guid GameId, Guid PlayerId, PlayerState State)> RejoinAsync(string? pin, string? resumeToken, string? connectionId)
    {
        var r = await RejoinCoreAsync(new LiveCluster.RelayRequest("rejoin", default, Pin: pin, Token: resumeToken, Connection: connectionId), relayed: false);
        if (_cluster is not null) await _cluster.RememberConnectionAsync(r.State.GameId, r.PlayerId, connectionId);
        return (r.State.GameId, r.PlayerId, r.State);
    }

    public Task<AnswerAck> AnswerAsync(Guid gameId, Guid playerId, int questionIndex, SubmittedAnswer? answer, DateTimeOffset receivedAt) =>
        RouteAsync(new LiveCluster.RelayRequest("answer", gameId, PlayerId: playerId, Index: questionIndex, Answer: answer, ReceivedAt: receivedAt), relayed: false,
            () => games.AnswerAsync(gameId, playerId, questionIndex, answer, receivedAt));

    /// <summary>A host call (HostGame, Start, Next, Skip, Pause, Resume, End, Kick) for the game wherever it runs.</summary>
    public Task<HostState> HostAsync(string op, Guid gameId, Guid playerId = default) =>
        RouteAsync(new LiveCluster.RelayRequest(op, gameId, PlayerId: playerId), relayed: false, () => HostLocalAsync(op, gameId, playerId));

    /// <summary>
    /// What an event projector may show of the game wherever it runs: the host's state and the question last opened
    /// (options only, no key), which the host's state drops at the reveal. Built into projector content by the caller.
    /// </summary>
    public Task<LiveScreenState> ScreenAsync(Guid gameId) =>
        RouteAsync(new LiveCluster.RelayRequest("screen", gameId), relayed: false, () => ScreenLocalAsync(gameId));

    private async Task<LiveScreenState> ScreenLocalAsync(Guid gameId)
    {
        var game = await games.FindAsync(gameId);
        return new LiveScreenState(game.HostState(time.GetUtcNow()), game.CurrentQuestionView);
    }

    private Task<HostState> HostLocalAsync(string op, Guid gameId, Guid playerId) => op switch
    {
        "state" => games.HostStateAsync(gameId),
        "start" => games.StartAsync(gameId),
        "next" => games.NextAsync(gameId),
        "skip" => games.SkipAsync(gameId),
        "pause" => games.PauseAsync(gameId),
        "resume" => games.ResumeAsync(gameId),
        "end" => games.EndAsync(gameId),
        "kick" => games.KickAsync(gameId, playerId),
        _ => throw new LiveGameException("bad-call", $"Unknown host call {op}."),
    };

    /// <summary>A call another node relayed here because this node owns the game.</summary>
    public async Task<object> HandleRelayedAsync(LiveCluster.RelayRequest r) => r.Op switch
    {
        "join" => await JoinCoreAsync(r, relayed: true),
        "rejoin" => await RejoinCoreAsync(r, relayed: true),
        "answer" => await RouteAsync(r, relayed: true, () => games.AnswerAsync(r.GameId, r.PlayerId, r.Index, r.Answer, r.ReceivedAt)),
        "screen" => await RouteAsync(r, relayed: true, () => ScreenLocalAsync(r.GameId)),
        _ => await RouteAsync(r, relayed: true, () => HostLocalAsync(r.Op, r.GameId, r.PlayerId)),
    };

    private async Task<JoinResult> JoinCoreAsync(LiveCluster.RelayRequest r, bool relayed)
    {
        var gameId = _cluster is null ? null : await _cluster.FindByPinAsync(r.Pin);
        if (gameId is null) return (await games.JoinAsync(r.Pin, r.Nickname, r.UnitId, r.Connection)).Result;
        return await RouteAsync(r with { GameId = gameId.Value }, relayed, async () => (await games.JoinAsync(r.Pin, r.Nickname, r.UnitId, r.Connection)).Result);
    }

    private async Task<Rejoined> RejoinCoreAsync(LiveCluster.RelayRequest r, bool relayed)
    {
        var gameId = _cluster is null ? null : await _cluster.FindByPinAsync(r.Pin);
        async Task<Rejoined> Local()
        {
            var (_, player, state) = await games.ResumeAsync(r.Pin, r.Token, r.Connection);
            return new Rejoined(player.Id, state);
        }
        if (gameId is null) return await Local();
        return await RouteAsync(r with { GameId = gameId.Value }, relayed, Local);
    }

    private async Task<T> RouteAsync<T>(LiveCluster.RelayRequest request, bool relayed, Func<Task<T>> local) where T : class
    {
        if (_cluster is null || _relay is null) return await local();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (await games.Store.FindAsync(request.GameId) is not null) return await local();
            var owner = await _cluster.OwnerAsync(request.GameId);
            if (owner is null || owner == _cluster.NodeId)
            {
                if (await _cluster.AdoptAsync(request.GameId)) continue;
                if (await _cluster.OwnerAsync(request.GameId) is null) return await local(); // no such running game: the local refusal says so
                continue;
            }
            if (relayed) throw new LiveGameException("moved", "This game has moved to another server; try again.");
            if (await _relay.CallAsync<T>(owner, request) is { } result) return result;
            // Nobody listens for the owner any more: it is gone, so this node takes the game over.
            await _cluster.AdoptAsync(request.GameId, goneOwner: owner);
        }
        throw new LiveGameException("busy", "The game is switching servers; try again in a moment.");
    }

    public sealed record Rejoined(Guid PlayerId, PlayerState State);
}

/// <summary>A game as the owner sees it, for projectors on any node; <see cref="Question"/> never carries the key (see <see cref="PlayerQuestion"/>).</summary>
public sealed record LiveScreenState(HostState State, PlayerQuestion? Question);
