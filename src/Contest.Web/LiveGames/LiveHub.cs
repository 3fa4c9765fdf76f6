using Contest.Engine.Accounts;
using Contest.Engine.LiveGames;
using Contest.Engine.Questions.Answers;
using Contest.Web.Hardening;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Contest.Web.LiveGames;

/// <summary>
/// The live game hub at /hubs/live: players join with a PIN and answer; hosts (Admin or Organizer) drive the game.
/// Thin on purpose: each method awaits the game's grain (<see cref="LiveGameGrain"/>, through <see cref="LivePlay"/>),
/// every rule is in <see cref="LiveGameService"/>; refusals become HubExceptions in <see cref="LiveHubFilter"/>.
/// </summary>
public sealed class LiveHub(LivePlay play, LiveFinals finals, TimeProvider time, QuietCollector quiet, Throttles throttles) : Hub<ILiveClient>
{
    public const string Path = "/hubs/live";
    private const string PlayerKey = "live.player";
    private const string HostRoles = Roles.Admin + "," + Roles.Organizer;

    public async Task<JoinResult> Join(string? pin, string? nickname, int? unitId)
    {
        if (Context.Items.ContainsKey(PlayerKey)) throw new LiveGameException("already-joined", "This connection already plays a game.");
        var address = Context.GetHttpContext().ClientAddress();
        Refuse(throttles.JoinPerConnection.Check(Context.ConnectionId) ?? throttles.JoinPerAddress.Check(address) ?? PinWait(address));
        (Guid, JoinResult) joined;
        try
        {
            joined = await PinChecked(address, () => play.JoinAsync(pin, nickname, unitId));
        }
        catch (LiveGameException e) when (e.Code is "busy" or "moved")
        {
            // The phone retries these while a game changes node (Live.invokeRetrying); they are not the caller's doing.
            throw;
        }
        catch
        {
            JoinSpent(address);
            throw;
        }
        JoinSpent(address);
        var (gameId, result) = joined;
        await EnterAsync(gameId, result.PlayerId);
        quiet.Called();
        return result;
    }

    /// <summary>Back in the game after a reload or a lost network, with the same score, on the current screen.</summary>
    public async Task<PlayerState> Rejoin(string? pin, string? resumeToken)
    {
        var address = Context.GetHttpContext().ClientAddress();
        // Not counted as a join: a phone rejoins on every reconnect and retries while its game changes node.
        Refuse(PinWait(address));
        var (gameId, playerId, state) = await PinChecked(address, async () =>
        {
            try
            {
                return await play.RejoinAsync(pin, resumeToken);
            }
            catch (LiveGameException e) when (e.Code is "unknown-pin" or "unknown-game" or "unknown-player")
            {
                // Over: its grain is gone and its PIN released (or given to a new game). A phone reloaded after the end
                // still gets its final rank, from the stored rows; nothing more will be sent to it, so it joins no group.
                if (await finals.PlayerAsync(pin, resumeToken) is { } over) return (over.GameId, Guid.Empty, over.State);
                throw;
            }
        });
        if (playerId != Guid.Empty) await EnterAsync(gameId, playerId);
        return state;
    }

    /// <summary>
    /// The connection joins the game's player group and the player's own group: personal results are sent to the
    /// player, so they reach this connection from whichever node runs the game, also after it moved there.
    /// </summary>
    private async Task EnterAsync(Guid gameId, Guid playerId)
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, LiveGroups.Players(gameId));
        await Groups.AddToGroupAsync(Context.ConnectionId, LiveGroups.Player(gameId, playerId));
        Context.Items[PlayerKey] = new Seat(gameId, playerId);
    }

    public Task<AnswerAck> Answer(int questionIndex, SubmittedAnswer? answer)
    {
        // Stamped before anything else: the points depend on when the answer reached the server.
        var receivedAt = time.GetUtcNow();
        if (!Context.Items.TryGetValue(PlayerKey, out var s) || s is not Seat seat) throw new LiveGameException("not-joined", "Join a game before answering.");
        quiet.Called();
        return play.AnswerAsync(seat.GameId, seat.PlayerId, questionIndex, answer, receivedAt);
    }

    /// <summary>
    /// The server's clock in Unix milliseconds, for any client: a phone or host page measures its clock offset from a few
    /// of these round trips and counts down to the server's deadline (the server still alone decides lateness).
    /// </summary>
    public long ServerTime() => time.GetUtcNow().ToUnixTimeMilliseconds();

    [Authorize(Roles = HostRoles)]
    public async Task<HostState> HostGame(Guid gameId)
    {
        HostState state;
        try
        {
            state = await play.StateAsync(gameId);
        }
        catch (LiveGameException e) when (e.Code == "unknown-game")
        {
            // A finished game has no grain any more: its host page (reloaded, or opened later) shows the stored podium.
            if (await finals.HostAsync(gameId) is { } over) return over;
            throw;
        }
        await Groups.AddToGroupAsync(Context.ConnectionId, LiveGroups.Host(gameId));
        return state;
    }

    [Authorize(Roles = HostRoles)]
    public Task<HostState> Start(Guid gameId) => play.StartAsync(gameId);

    [Authorize(Roles = HostRoles)]
    public Task<HostState> Next(Guid gameId) => play.NextAsync(gameId);

    [Authorize(Roles = HostRoles)]
    public Task<HostState> Skip(Guid gameId) => play.SkipAsync(gameId);

    [Authorize(Roles = HostRoles)]
    public Task<HostState> Pause(Guid gameId) => play.PauseAsync(gameId);

    [Authorize(Roles = HostRoles)]
    public Task<HostState> Resume(Guid gameId) => play.ResumeAsync(gameId);

    [Authorize(Roles = HostRoles)]
    public Task<HostState> End(Guid gameId) => play.EndAsync(gameId);

    [Authorize(Roles = HostRoles)]
    public Task<HostState> Kick(Guid gameId, Guid playerId) => play.KickAsync(gameId, playerId);

    /// <summary>A PIN guesser is held back per connection and per client address; only wrong PINs count, so a full
    /// classroom behind one address joining the right game is never slowed.</summary>
    private int? PinWait(string address) => throttles.PinPerConnection.Check(Context.ConnectionId) ?? throttles.PinPerAddress.Check(address);

    private void JoinSpent(string address)
    {
        throttles.JoinPerConnection.Spend(Context.ConnectionId);
        throttles.JoinPerAddress.Spend(address);
    }

    private async Task<T> PinChecked<T>(string address, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (LiveGameException e) when (e.Code == "unknown-pin")
        {
            throttles.PinPerConnection.Spend(Context.ConnectionId);
            throttles.PinPerAddress.Spend(address);
            throw;
        }
    }

    /// <summary>The phone shows Err.too-many with the seconds taken from the reason.</summary>
    private static void Refuse(int? waitSeconds)
    {
        if (waitSeconds is { } s) throw new LiveGameException("too-many", $"Too many attempts, wait {s} s.");
    }

    private sealed record Seat(Guid GameId, Guid PlayerId);
}

/// <summary>
/// Turns a refused call into a HubException "code: reason" the caller sees, and any other failure into a
/// generic one. Because nothing else escapes a method, detailed errors can stay on for this hub: they then
/// only add the argument-binding reason to malformed calls.
/// </summary>
public sealed class LiveHubFilter(ILogger<LiveHubFilter> log) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(context);
        }
        catch (LiveGameException e)
        {
            throw new HubException($"{e.Code}: {e.Message}");
        }
        catch (Exception e) when (e is not HubException)
        {
            // Logged here with the method; HubRefusalLog (outside) then sees only the HubException, a refusal to count.
            log.LogError(e, "Live hub method {Method} failed", context.HubMethodName);
            throw new HubException("server-error: Something went wrong on the server; try again.");
        }
    }
}
