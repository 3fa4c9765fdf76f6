using Contest.Engine.LiveGames;
using Contest.Engine.Questions.Answers;
using Contest.Engine.Storage;
using Orleans.Concurrency;
using Orleans.Placement;
using Orleans.Runtime;

namespace Contest.Web.LiveGames;

/// <summary>
/// A running live game (docs/architecture.md, "How a live game lives on the cluster"). Activated from its stored rows
/// (<see cref="LiveGameLoader"/>) on whichever silo first calls it — again after the silo that ran it died — and the
/// only writer of its <see cref="LiveGame"/>: host steps one at a time, joins and answers interleaved (each accepts in
/// memory before its first await, atomically, then waits for the group commit). Its deadline and its host updates are
/// grain timers; a step that fails at a deadline (the database away) is logged and retried every
/// <see cref="RetryDelay"/> until it goes through. Screens are reached through <see cref="ILiveBroadcaster"/> from
/// the silo it runs on (SignalR groups, across nodes through the Redis backplane).
/// </summary>
// Activated on the silo of its first caller: the node that created the game (LiveGameFactory calls it at once), so
// a game normally runs where its host started it, and moves only when that node dies.
[PreferLocalPlacement]
public sealed class LiveGameGrain(LiveGameService games, StorageSettings storage, LivesHere here, TimeProvider time, ILogger<LiveGameGrain> log)
    : Grain, ILiveGameGrain
{
    /// <summary>How soon a failed deadline step is tried again.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private LiveGame? _game;
    private IGrainTimer? _deadline;
    private IGrainTimer? _progress;
    private DateTimeOffset? _armedFor;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        LiveGame? game;
        await using (var ctx = StorageRegistration.Create(storage)) game = await LiveGameLoader.LoadAsync(ctx, this.GetPrimaryKey());
        if (game is null || game.Phase == GamePhase.Finished || (game.FinishedAt is not null && game.Phase != GamePhase.Podium))
        {
            // No such running game: the call is refused "unknown-game", and the activation goes after it (see RunAsync).
            return;
        }
        _game = game;
        here.Add(game);
        // KeepAlive: a lobby may wait longer than the idle collection age; the game goes only once it is finished.
        _progress = this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(games.Options.ProgressInterval, games.Options.ProgressInterval) { KeepAlive = true });
        if (game.Phase != GamePhase.Lobby)
        {
            log.LogWarning("Live game {Game} (PIN {Pin}) activated from storage at {Phase} of question {Index}", game.Id, game.Pin, game.Phase, game.CurrentIndex + 1);
            // The silo before may have died before sending this phase's screen: send it again (a reveal not yet built is built).
            try { await games.RestoreScreensAsync(game); }
            catch (Exception e) { log.LogError(e, "Live game {Game}: restoring its screens failed; the deadline step retries", game.Id); }
        }
        Arm();
        await base.OnActivateAsync(cancellationToken);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_game is { } game) here.Remove(game);
        return base.OnDeactivateAsync(reason, cancellationToken);
    }

    public Task<LiveReply<JoinResult>> Join(string? nickname, int? unitId) => RunAsync(async game => (await games.JoinAsync(game, nickname, unitId, null)).Result);

    public Task<LiveReply<Rejoined>> Rejoin(string? resumeToken) => RunAsync(game =>
    {
        var (player, state) = games.Resume(game, resumeToken, null);
        return Task.FromResult(new Rejoined(player.Id, state));
    });

    public Task<LiveReply<AnswerAck>> Answer(Guid playerId, int questionIndex, Immutable<SubmittedAnswer?> answer, DateTimeOffset receivedAt) => RunAsync(async game =>
    {
        var ack = await games.AnswerAsync(game, playerId, questionIndex, answer.Value, receivedAt);
        // The last answer awaited closes the question now, as a turn of its own (a timer due at once), not inside this interleaved call.
        if (game.AllAnswered) Arm();
        return ack;
    });

    public Task<LiveReply<LiveGameInfo>> Info() => RunAsync(game => Task.FromResult(new LiveGameInfo(game.Title, game.Phase, game.Settings.Teams)));

    public Task<LiveReply<HostState>> State() => RunAsync(game => Task.FromResult(games.HostState(game)));

    public Task<LiveReply<HostState>> Start() => StepAsync(games.StartAsync);

    public Task<LiveReply<HostState>> Next() => StepAsync(games.NextAsync);

    public Task<LiveReply<HostState>> Skip() => StepAsync(games.SkipAsync);

    public Task<LiveReply<HostState>> Pause() => StepAsync(games.PauseAsync);

    public Task<LiveReply<HostState>> Resume() => StepAsync(games.ResumePlayAsync);

    public Task<LiveReply<HostState>> End() => StepAsync(games.EndAsync);

    public Task<LiveReply<HostState>> Kick(Guid playerId) => StepAsync(game => games.KickAsync(game, playerId));

    public Task<LiveReply<LiveScreenState>> Screen() => RunAsync(game => Task.FromResult(new LiveScreenState(games.HostState(game), game.CurrentQuestionView)));

    /// <summary>A host step; whatever it changed, the timers follow the game's new state (also when it failed part-way).</summary>
    private Task<LiveReply<HostState>> StepAsync(Func<LiveGame, Task<HostState>> step) => RunAsync(async game =>
    {
        try
        {
            return await step(game);
        }
        finally
        {
            AfterStep(game);
        }
    });

    private async Task<LiveReply<T>> RunAsync<T>(Func<LiveGame, Task<T>> call)
    {
        if (_game is not { } game)
        {
            DeactivateOnIdle();
            return new LiveReply<T>(default, "unknown-game", "No such game (it may have ended long ago).");
        }
        try
        {
            return LiveReply<T>.Ok(await call(game));
        }
        catch (LiveGameException e)
        {
            // A stale copy (this silo was frozen and declared dead, the game runs elsewhere now): let it go, so the
            // caller's retry reaches the game's current activation.
            if (e.Code == "moved") DeactivateOnIdle();
            return LiveReply<T>.Refused(e);
        }
        catch (Exception e)
        {
            log.LogError(e, "Live game {Game}: a call failed", game.Id);
            return new LiveReply<T>(default, "busy", "The server could not finish this step; try again in a moment.");
        }
    }

    private void AfterStep(LiveGame game)
    {
        if (game.Phase == GamePhase.Finished)
        {
            // Over: no more timers, and the activation goes once this call has answered.
            _deadline?.Dispose();
            _progress?.Dispose();
            _deadline = _progress = null;
            here.Remove(game);
            DeactivateOnIdle();
            return;
        }
        Arm();
    }

    /// <summary>
    /// The deadline timer follows the game: due at the open question's deadline, again in <see cref="RetryDelay"/> while
    /// a closed question's reveal has not gone out, otherwise off.
    /// </summary>
    private void Arm(TimeSpan? due = null)
    {
        var game = _game!;
        TimeSpan? next = due;
        if (next is null)
        {
            // Everyone answered (the last answer, or a kick of the last one awaited): close now.
            if (game.Phase == GamePhase.Question && !game.Paused) next = game.AllAnswered ? TimeSpan.Zero : game.Remaining(time.GetUtcNow());
            else if (LiveGameService.RevealPending(game)) next = RetryDelay;
        }
        if (next is not { } after)
        {
            _deadline?.Dispose();
            _deadline = null;
            _armedFor = null;
            return;
        }
        var at = time.GetUtcNow() + after;
        if (_deadline is not null && _armedFor == at) return;
        _deadline?.Dispose();
        _armedFor = at;
        _deadline = this.RegisterGrainTimer(DeadlineAsync, new GrainTimerCreationOptions(after, Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    private async Task DeadlineAsync(CancellationToken ct)
    {
        var game = _game!;
        _deadline?.Dispose();
        _deadline = null;
        _armedFor = null;
        try
        {
            await games.CloseWhenDueAsync(game);
            Arm();
        }
        catch (LiveGameException e) when (e.Code == "moved")
        {
            log.LogWarning("Live game {Game} runs on another silo now; this stale activation goes", game.Id);
            DeactivateOnIdle();
        }
        catch (Exception e)
        {
            log.LogError(e, "Live game {Game}: closing question {Index} failed; retrying in {Delay} s", game.Id, game.CurrentIndex + 1, RetryDelay.TotalSeconds);
            Arm(RetryDelay);
        }
    }

    private Task TickAsync(CancellationToken ct) => _game is { } game ? games.SendProgressAsync(game, TimeSpan.Zero, wait: false) : Task.CompletedTask;
}

/// <summary>The games whose grains are active on this silo (for the quiet collector, which must not pause a question).</summary>
public sealed class LivesHere
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, LiveGame> _games = new();

    public void Add(LiveGame game) => _games[game.Id] = game;

    public void Remove(LiveGame game) => _games.TryRemove(game.Id, out _);

    public bool AnyQuestionOpen => _games.Values.Any(g => g.Phase == GamePhase.Question);

    public bool Runs(Guid gameId) => _games.ContainsKey(gameId);
}
