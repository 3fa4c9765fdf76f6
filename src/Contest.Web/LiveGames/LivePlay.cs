using Contest.Engine.LiveGames;
using Contest.Engine.Questions.Answers;
using Orleans.Concurrency;
using Orleans.Runtime;

namespace Contest.Web.LiveGames;

/// <summary>
/// What the hub, the player page and the projectors call: the game's grain, wherever in the cluster it runs, by id
/// (a PIN is looked up in its PIN grain first). A call that fails because the game's silo died or froze is tried
/// again for a short while — Orleans reactivates the game on a live silo once the cluster has declared the dead one
/// dead — and otherwise refused "busy" (the clients' "try again" code), never a generic error.
/// </summary>
public sealed class LivePlay(IGrainFactory grains, TimeProvider time, ILogger<LivePlay> log)
{
    /// <summary>How long a call keeps trying while the game moves to another silo (docs/architecture.md has the timings).</summary>
    public static TimeSpan RetryFor { get; set; } = TimeSpan.FromSeconds(3);

    public async Task<(Guid GameId, JoinResult Result)> JoinAsync(string? pin, string? nickname, int? unitId)
    {
        var gameId = await GameIdAsync(pin);
        return (gameId, await CallAsync(() => Game(gameId).Join(nickname, unitId)));
    }

    public async Task<(Guid GameId, Guid PlayerId, PlayerState State)> RejoinAsync(string? pin, string? resumeToken)
    {
        var gameId = await GameIdAsync(pin);
        var r = await CallAsync(() => Game(gameId).Rejoin(resumeToken));
        return (gameId, r.PlayerId, r.State);
    }

    public Task<AnswerAck> AnswerAsync(Guid gameId, Guid playerId, int questionIndex, SubmittedAnswer? answer, DateTimeOffset receivedAt) =>
        CallAsync(() => Game(gameId).Answer(playerId, questionIndex, answer.AsImmutable(), receivedAt));

    /// <summary>The open game a PIN names (null when none), with what the player page shows of it.</summary>
    public async Task<(Guid GameId, LiveGameInfo Info)?> FindAsync(string pin)
    {
        if (await RetryAsync(() => grains.GetGrain<ILivePinGrain>(pin).Find()) is not { } id) return null;
        var info = await RetryAsync(() => Game(id).Info());
        return info.Code is null ? (id, info.Value!) : null;
    }

    public Task<HostState> StateAsync(Guid gameId) => CallAsync(() => Game(gameId).State());
    public Task<HostState> StartAsync(Guid gameId) => CallAsync(() => Game(gameId).Start());
    public Task<HostState> NextAsync(Guid gameId) => CallAsync(() => Game(gameId).Next());
    public Task<HostState> SkipAsync(Guid gameId) => CallAsync(() => Game(gameId).Skip());
    public Task<HostState> PauseAsync(Guid gameId) => CallAsync(() => Game(gameId).Pause());
    public Task<HostState> ResumeAsync(Guid gameId) => CallAsync(() => Game(gameId).Resume());
    public Task<HostState> EndAsync(Guid gameId) => CallAsync(() => Game(gameId).End());
    public Task<HostState> KickAsync(Guid gameId, Guid playerId) => CallAsync(() => Game(gameId).Kick(playerId));
    public Task<LiveScreenState> ScreenAsync(Guid gameId) => CallAsync(() => Game(gameId).Screen());

    private ILiveGameGrain Game(Guid id) => grains.GetGrain<ILiveGameGrain>(id);

    private async Task<Guid> GameIdAsync(string? pin)
    {
        ILivePins.Check(pin);
        return await RetryAsync(() => grains.GetGrain<ILivePinGrain>(pin!).Find())
            ?? throw new LiveGameException("unknown-pin", $"No game with PIN {pin} is running.");
    }

    private async Task<T> CallAsync<T>(Func<Task<LiveReply<T>>> call) => (await RetryAsync(async () =>
    {
        var reply = await call();
        // A stale copy of the game (on a silo that was frozen and declared dead) refused and is going: the retry reaches the live one.
        return reply.Code == "moved" ? throw new Moved() : reply;
    })).Unwrap();

    private sealed class Moved() : OrleansException("The game's activation was stale.");

    private async Task<T> RetryAsync<T>(Func<Task<T>> call)
    {
        var until = time.GetUtcNow() + RetryFor;
        for (var wait = TimeSpan.FromMilliseconds(100); ; wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, TimeSpan.FromMilliseconds(500).Ticks)))
        {
            try
            {
                return await call();
            }
            catch (Exception e) when (SiloTrouble(e))
            {
                if (time.GetUtcNow() + wait > until)
                {
                    log.LogWarning(e, "Live call still failing after {Seconds} s; refused busy", RetryFor.TotalSeconds);
                    throw new LiveGameException("busy", "The game is switching servers; try again in a moment.");
                }
                await Task.Delay(wait, time);
            }
        }
    }

    /// <summary>
    /// Failures of the cluster rather than of the call: the silo that ran the game died or does not answer (frozen),
    /// or its activation could not load the game (the database briefly away). Refusals come back as replies, not here.
    /// </summary>
    private static bool SiloTrouble(Exception e) => e is not LiveGameException && e is OrleansException or TimeoutException or SiloUnavailableException
        or System.Data.Common.DbException or InvalidOperationException or Microsoft.EntityFrameworkCore.DbUpdateException
        || (e.InnerException is { } inner && SiloTrouble(inner));
}
