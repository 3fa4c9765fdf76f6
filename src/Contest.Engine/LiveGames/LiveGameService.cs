using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Contest.Engine.Leaderboards;
using Contest.Engine.Questions.Answers;
using Contest.Engine.Storage;
using Contest.Engine.Text;
using Microsoft.EntityFrameworkCore;

namespace Contest.Engine.LiveGames;

/// <summary>Tuning of the game loop; tests shorten the grace.</summary>
public sealed record LiveOptions
{
    /// <summary>
    /// How often the host gets the batched answer count and arrivals. A join after a quieter spell goes out at once;
    /// in a crowd's burst the host gets one update per interval, so a join shows within about this long.
    /// </summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// After a question closes, answers stamped before the deadline that are still queued in the server
    /// are accepted for this long before the reveal is computed: an answer that reached the server in time
    /// counts even when the server was slow to get to it.
    /// </summary>
    public TimeSpan SealGrace { get; init; } = TimeSpan.FromMilliseconds(300);

    public int LeaderboardSize { get; init; } = 10;

    /// <summary>Players a game admits; a join past it is refused "game-full". 0: no limit.</summary>
    public int MaxPlayersPerGame { get; init; }

    /// <summary>Draws a candidate PIN (six digits); tests fix the draws to make two games want the same PIN.</summary>
    public Func<string> NextPin { get; init; } = () => RandomNumberGenerator.GetInt32(100_000, 1_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// Runs live games: creation, joins, answers, the timed transitions and the results. Holds no game state
/// itself (that is the <see cref="ILiveGameStore"/>'s), talks to screens only through <see cref="ILiveBroadcaster"/>,
/// scores through <see cref="ILeaderboard"/>, and stores every join and answer through <see cref="LiveWriter"/>
/// before acknowledging it.
/// </summary>
public sealed class LiveGameService(
    ILiveGameStore store, ILeaderboard leaderboard, ILiveBroadcaster broadcaster, LiveWriter writer, Func<ContestDb> db, TimeProvider time, LiveOptions options,
    ILiveSync? sync = null)
    : IAsyncDisposable
{
    private readonly ILiveSync _sync = sync ?? NoLiveSync.Instance;
    public const int MaxTitleLength = 300;
    private readonly ConcurrentDictionary<Guid, ITimer> _deadlines = new();
    private readonly ConcurrentDictionary<Guid, ITimer> _tickers = new();

    public ILiveGameStore Store => store;

    public async Task<LiveGame> CreateAsync(string? title, IReadOnlyList<LiveQuestion> questions, GameSettings settings, string host, int? bankId)
    {
        if (settings.Validate() is { } error) throw new LiveGameException("bad-settings", error);
        var cleanTitle = TextNormalizer.CollapseSpaces(TextNormalizer.Nfc(title ?? ""));
        if (cleanTitle.Length is 0 or > MaxTitleLength) throw new LiveGameException("bad-title", $"Give the game a title of 1 to {MaxTitleLength} characters.");
        if (questions.Count == 0) throw new LiveGameException("no-questions", "Choose at least one question.");
        LiveGame? game = null;
        for (var attempt = 0; attempt < 50 && game is null; attempt++)
        {
            var candidate = new LiveGame(Guid.NewGuid(), options.NextPin(), cleanTitle, settings, questions, host, time.GetUtcNow());
            if (!await store.TryAddAsync(candidate)) continue;
            // Unique on this node so far; with several nodes the PIN must also be free on the others.
            if (await _sync.ReservePinAsync(candidate)) game = candidate;
            else await store.RemoveAsync(candidate);
        }
        if (game is null) throw new LiveGameException("busy", "No free PIN; try again.");
        try
        {
            await using var ctx = db();
            ctx.Add(new LiveGameRecord
            {
                Id = game.Id, Pin = game.Pin, Title = game.Title, Host = host, BankId = bankId, Scoring = settings.Scoring, Teams = settings.Teams,
                StreakBonus = settings.StreakBonus, PodiumSize = settings.PodiumSize, TimerFactor = settings.TimerFactor,
                QuestionIds = questions.Select(q => q.Source.Id).ToList(), QuestionPoints = questions.Select(q => q.Points).ToList(), CreatedAt = game.CreatedAt.ToUniversalTime(),
                QuestionSeconds = questions.Select(q => (int)q.TimeLimit.TotalSeconds).ToList(),
                DisplayOrders = JsonSerializer.Serialize(questions.Select(q => q.DisplayToStored).ToList()),
            });
            await ctx.SaveChangesAsync();
        }
        catch
        {
            await store.RemoveAsync(game);
            await _sync.ReleasePinAsync(game);
            throw;
        }
        _tickers[game.Id] = time.CreateTimer(_ => _ = SendProgressAsync(game, TimeSpan.Zero, wait: false), null, options.ProgressInterval, options.ProgressInterval);
        await _sync.CreatedAsync(game);
        return game;
    }

    public async Task<(LiveGame Game, LivePlayer Player, JoinResult Result)> JoinAsync(string? pin, string? nickname, int? unitId, string? connectionId)
    {
        var game = await FindByPinAsync(pin);
        string? unitName = null;
        if (game.Settings.Teams != TeamMode.None && unitId is { } uid)
        {
            await using var ctx = db();
            unitName = await ctx.Units.Where(u => u.Id == uid).Select(u => u.Name).FirstOrDefaultAsync()
                ?? throw new LiveGameException("unknown-unit", "Choose a unit from the list.");
        }
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
        var now = time.GetUtcNow();
        var player = game.Join(Guid.NewGuid(), nickname, unitId, unitName, Hash(token), now, options.MaxPlayersPerGame);
        try
        {
            await writer.WriteAsync(new LivePlayerRecord
            {
                Id = player.Id, GameId = game.Id, Nickname = player.Nickname, UnitId = player.UnitId, UnitName = player.UnitName,
                ResumeTokenHash = player.ResumeTokenHash, JoinedAt = now.ToUniversalTime(),
            });
            await leaderboard.SetAsync(game.Board, player.Id.ToString(), 0, game.TieBreak(player));
        }
        catch (Exception e) when (e is not LiveGameException)
        {
            game.Unjoin(player.Id);
            throw new LiveGameException("not-saved", "Could not register you; try again.");
        }
        player.ConnectionId = connectionId;
        // The host sees the newcomer now rather than at the next tick, unless an update went out within the interval.
        _ = SendProgressAsync(game, options.ProgressInterval, wait: false);
        return (game, player, new JoinResult(player.Id, token, game.PlayerState(player, time.GetUtcNow())));
    }

    public async Task<(LiveGame Game, LivePlayer Player, PlayerState State)> ResumeAsync(string? pin, string? resumeToken, string? connectionId)
    {
        var game = await FindByPinAsync(pin);
        if (string.IsNullOrWhiteSpace(resumeToken) || resumeToken.Length > 100) throw new LiveGameException("unknown-player", "This device is not a player of this game; join again.");
        var player = game.Resume(Hash(resumeToken));
        player.ConnectionId = connectionId;
        return (game, player, game.PlayerState(player, time.GetUtcNow()));
    }

    /// <summary>
    /// Scores and stores one answer. <paramref name="receivedAt"/> is the server's clock when the call arrived,
    /// taken before any queueing, so the points never depend on how long the server took to get to it.
    /// Returns only once the answer is committed.
    /// </summary>
    public async Task<AnswerAck> AnswerAsync(Guid gameId, Guid playerId, int questionIndex, SubmittedAnswer? answer, DateTimeOffset receivedAt)
    {
        var game = await FindAsync(gameId);
        PlayerAnswer a;
        if (_sync is NoLiveSync)
        {
            a = game.Submit(playerId, questionIndex, answer, receivedAt);
        }
        else
        {
            // Shared state: the Redis gate first (after a check that changes nothing, for the precise refusal), so this
            // node's memory only ever holds answers the gate accepted and can be republished into Redis as they are.
            game.Submit(playerId, questionIndex, answer, receivedAt, dryRun: true);
            await _sync.AcceptAsync(game, playerId, questionIndex, receivedAt);
            try
            {
                a = game.Submit(playerId, questionIndex, answer, receivedAt);
            }
            catch
            {
                await _sync.ReleaseAsync(game, playerId, questionIndex);
                throw;
            }
        }
        var work = StoreAnswerAsync(game, a);
        game.Track(work);
        await work;
        if (game.AllAnswered) _ = CloseWhenDueAsync(game);
        return new AnswerAck(questionIndex, receivedAt);
    }

    private async Task StoreAnswerAsync(LiveGame game, PlayerAnswer a)
    {
        try
        {
            await writer.WriteAsync(new LiveAnswerRecord
            {
                GameId = game.Id, PlayerId = a.PlayerId, QuestionIndex = a.QuestionIndex, QuestionId = game.Questions[a.QuestionIndex].Source.Id,
                Answer = JsonSerializer.Serialize(a.Answer, JsonOptions), ReceivedAt = a.ReceivedAt.ToUniversalTime(), ElapsedMs = (int)a.Elapsed.TotalMilliseconds,
                Correct = a.Correct, Credit = a.Credit, BasePoints = a.BasePoints, StreakBonus = a.StreakBonus, Points = a.Points,
            });
        }
        catch (Exception)
        {
            game.Retract(a);
            try { await _sync.ReleaseAsync(game, a.PlayerId, a.QuestionIndex); }
            catch (Exception) { /* the shared mark only blocks a resend; the reveal rebuilds it from the rows */ }
            throw new LiveGameException("not-saved", "Your answer could not be saved; send it again.");
        }
        // The score is set outright (not added to), so a board rebuilt meanwhile (Redis emptied) is never counted twice.
        if (a.Points > 0 && game.Player(a.PlayerId) is { } p)
            await leaderboard.SetAsync(game.Board, a.PlayerId.ToString(), p.Score, game.TieBreak(p));
    }

    public async Task<HostState> HostStateAsync(Guid gameId) => (await FindAsync(gameId)).HostState(time.GetUtcNow());

    public Task<HostState> StartAsync(Guid gameId) => TransitionAsync(gameId, async game =>
    {
        game.Start(time.GetUtcNow());
        await OpenedAsync(game);
    });

    public Task<HostState> NextAsync(Guid gameId) => TransitionAsync(gameId, async game =>
    {
        switch (game.Next(time.GetUtcNow()))
        {
            case GamePhase.Leaderboard:
                game.LastLeaderboard = new HostLeaderboard(game.CurrentIndex, game.Questions.Count, Standings(game, options.LeaderboardSize), game.TeamStandings());
                await broadcaster.LeaderboardShown(game, game.LastLeaderboard);
                break;
            case GamePhase.Question:
                await OpenedAsync(game);
                break;
            case GamePhase.Podium:
                await PodiumAsync(game);
                break;
            case GamePhase.Finished:
                await FinishedAsync(game);
                break;
        }
    });

    public Task<HostState> SkipAsync(Guid gameId) => TransitionAsync(gameId, async game =>
    {
        game.Skip(time.GetUtcNow());
        await RevealAsync(game);
    });

    public Task<HostState> PauseAsync(Guid gameId) => TransitionAsync(gameId, async game =>
    {
        var now = time.GetUtcNow();
        game.Pause(now);
        StopDeadline(game);
        await broadcaster.PausedChanged(game, true, (int)game.Remaining(now).TotalMilliseconds);
    });

    public Task<HostState> ResumeAsync(Guid gameId) => TransitionAsync(gameId, async game =>
    {
        var now = time.GetUtcNow();
        game.ResumePlay(now);
        if (game.Phase == GamePhase.Question) ScheduleDeadline(game, game.Remaining(now));
        await broadcaster.PausedChanged(game, false, (int)game.Remaining(now).TotalMilliseconds);
    });

    public Task<HostState> EndAsync(Guid gameId) => TransitionAsync(gameId, async game =>
    {
        var wasOpen = game.Phase == GamePhase.Question;
        StopDeadline(game);
        if (game.EndEarly(time.GetUtcNow()) == GamePhase.Podium)
        {
            if (wasOpen) await SealAsync(game);
            await PodiumAsync(game);
        }
        else
        {
            await FinishedAsync(game);
        }
    });

    public Task<HostState> KickAsync(Guid gameId, Guid playerId) => TransitionAsync(gameId, async game =>
    {
        if (game.Player(playerId) is null) throw new LiveGameException("unknown-player", "No such player in this game.");
        // Stored before it takes effect, so a node that takes the game over (or a rebuild) keeps the player out too.
        int stored;
        await using (var ctx = db())
        {
            stored = await ctx.Set<LivePlayerRecord>().Where(r => r.Id == playerId && r.GameId == game.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.Kicked, true));
        }
        if (stored == 0) throw new LiveGameException("not-saved", "This player is still joining; remove them again in a moment.");
        var p = game.Kick(playerId);
        if (p.ConnectionId is { } c) await broadcaster.Kicked(c);
        if (game.AllAnswered) _ = CloseWhenDueAsync(game);
    });

    /// <summary>Closes the open question if its time is up or everyone has answered; the deadline timer calls it.</summary>
    public async Task CloseWhenDueAsync(LiveGame game)
    {
        await game.Transitions.WaitAsync();
        try
        {
            if (!await _sync.OwnsAsync(game))
            {
                await ForgetAsync(game);
                return;
            }
            if (game.CloseIfDue(time.GetUtcNow()))
            {
                await _sync.StateChangedAsync(game);
                await RevealAsync(game);
                await _sync.StateChangedAsync(game);
            }
            else if (game.Phase == GamePhase.Question && !game.Paused) ScheduleDeadline(game, game.Remaining(time.GetUtcNow()));
        }
        finally
        {
            game.Transitions.Release();
        }
    }

    /// <summary>Sends the host what changed since the last update, waiting for an update already on its way.</summary>
    public Task SendProgressAsync(LiveGame game) => SendProgressAsync(game, TimeSpan.Zero, wait: true);

    /// <summary>
    /// Sends the host what changed, unless the last update went out less than <paramref name="minGap"/> ago; without
    /// <paramref name="wait"/> it gives up if an update is being sent (whatever it leaves goes with the next tick).
    /// Completes without allocating when there is nothing to send.
    /// </summary>
    private async Task SendProgressAsync(LiveGame game, TimeSpan minGap, bool wait)
    {
        if (wait) await game.ProgressGate.WaitAsync();
        else if (!game.ProgressGate.Wait(0)) return;
        try
        {
            if (game.TakeProgress(time.GetUtcNow(), minGap) is { } progress) await broadcaster.Progress(game, progress);
        }
        catch (Exception) when (!wait)
        {
            // As before, a failed tick is not retried: the counts are absolute and right again at the next update, and a
            // host who reloads gets the whole roster from HostGame.
        }
        finally
        {
            game.ProgressGate.Release();
        }
    }

    private async Task<HostState> TransitionAsync(Guid gameId, Func<LiveGame, Task> step)
    {
        var game = await FindAsync(gameId);
        await game.Transitions.WaitAsync();
        try
        {
            if (!await _sync.OwnsAsync(game))
            {
                await ForgetAsync(game);
                throw new LiveGameException("moved", "This game has moved to another server; try again.");
            }
            await step(game);
            await _sync.StateChangedAsync(game);
        }
        finally
        {
            game.Transitions.Release();
        }
        return game.HostState(time.GetUtcNow());
    }

    private async Task OpenedAsync(LiveGame game)
    {
        var now = time.GetUtcNow();
        game.CurrentQuestionView = game.QuestionView(now);
        ScheduleDeadline(game, game.Remaining(now));
        await broadcaster.QuestionOpened(game, game.CurrentQuestionView);
    }

    private void ScheduleDeadline(LiveGame game, TimeSpan after)
    {
        StopDeadline(game);
        _deadlines[game.Id] = time.CreateTimer(_ => _ = CloseWhenDueAsync(game), null, after, Timeout.InfiniteTimeSpan);
    }

    private void StopDeadline(LiveGame game)
    {
        if (_deadlines.TryRemove(game.Id, out var t)) t.Dispose();
    }

    /// <summary>Lets answers stamped in time but still queued land, then waits until every accepted one is stored.</summary>
    private async Task SealAsync(LiveGame game)
    {
        if (options.SealGrace > TimeSpan.Zero) await Task.Delay(options.SealGrace, time);
        game.Seal();
        try { await game.InFlight(); }
        catch (LiveGameException) { }
        await _sync.StateChangedAsync(game);
        await _sync.BeforeRevealAsync(game);
    }

    private async Task RevealAsync(LiveGame game)
    {
        StopDeadline(game);
        await SealAsync(game);
        var (reveal, sends) = await BuildRevealAsync(game);
        await broadcaster.Revealed(game, reveal, sends);
    }

    private async Task<(HostReveal, List<(string, PlayerReveal)>)> BuildRevealAsync(LiveGame game)
    {
        await RankAsync(game);
        var reveal = game.BuildReveal();
        game.LastReveal = reveal;
        var players = game.Players;
        var ordered = players.OrderBy(p => p.Rank).ToList();
        var sends = new List<(string, PlayerReveal)>(players.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var p = ordered[i];
            var ahead = i > 0 ? ordered[i - 1] : null;
            p.Answers.TryGetValue(game.CurrentIndex, out var a);
            p.Streak = LiveScoring.StreakAfter(p.Answers, game.CurrentIndex);
            p.LastReveal = new PlayerReveal(game.CurrentIndex, reveal.Correct, a is not null, a?.Correct ?? false, a?.Credit ?? 0, a?.Points ?? 0, a?.StreakBonus ?? 0,
                p.Streak, p.Score, p.Rank, players.Count, ahead is null ? null : ahead.Score - p.Score, ahead?.Nickname);
            if (p.ConnectionId is { } c) sends.Add((c, p.LastReveal));
        }
        return (reveal, sends);
    }

    /// <summary>Ranks from the leaderboard, skipping removed players; remembers the previous rank for the "rank change" arrows.</summary>
    private async Task RankAsync(LiveGame game, bool remember = true)
    {
        var players = game.Players.ToDictionary(p => p.Id.ToString());
        var entries = await leaderboard.TopAsync(game.Board, Math.Max(1, players.Count + 1000));
        long rank = 0;
        foreach (var e in entries)
        {
            if (players.Remove(e.Member, out var p)) SetRank(p, ++rank, remember);
        }
        foreach (var p in players.Values.OrderByDescending(p => p.Score).ThenBy(p => p.JoinedAt)) SetRank(p, ++rank, remember);
    }

    private static void SetRank(LivePlayer p, long rank, bool remember)
    {
        if (remember || p.PreviousRank == 0) p.PreviousRank = p.Rank == 0 ? rank : p.Rank;
        p.Rank = rank;
    }

    private static IReadOnlyList<Standing> Standings(LiveGame game, int count) =>
        game.Players.OrderBy(p => p.Rank).Take(count)
            .Select(p => new Standing(p.Rank, p.Id, p.Nickname, p.UnitName, p.Score, p.PreviousRank,
                p.Answers.TryGetValue(game.CurrentIndex, out var a) ? a.Points : 0, p.Streak))
            .ToList();

    private async Task PodiumAsync(LiveGame game)
    {
        // Ranks as of the last reveal unless the game ended mid-question; the arrows keep comparing with the reveal before.
        await RankAsync(game, remember: false);
        var teams = game.TeamStandings();
        game.LastPodium = new HostPodium(Standings(game, game.Settings.PodiumSize), teams, game.Debrief());
        var players = game.Players;
        var sends = new List<(string, PlayerFinal)>(players.Count);
        foreach (var p in players)
        {
            var team = teams.FirstOrDefault(t => t.UnitId == p.UnitId);
            p.Final = new PlayerFinal(p.Score, p.Rank, players.Count, p.Rank <= game.Settings.PodiumSize, team?.Rank, team?.Score);
            if (p.ConnectionId is { } c) sends.Add((c, p.Final));
        }
        await SaveResultsAsync(game);
        await broadcaster.PodiumShown(game, game.LastPodium, sends);
    }

    private async Task SaveResultsAsync(LiveGame game)
    {
        var byId = game.Players.ToDictionary(p => p.Id);
        await using var ctx = db();
        var rows = await ctx.Set<LivePlayerRecord>().Where(r => r.GameId == game.Id).ToListAsync();
        foreach (var r in rows)
        {
            if (byId.TryGetValue(r.Id, out var p)) { r.FinalScore = p.Score; r.FinalRank = p.Rank; }
            else r.Kicked = true;
        }
        var g = await ctx.Set<LiveGameRecord>().FirstAsync(x => x.Id == game.Id);
        g.FinishedAt = (game.FinishedAt ?? time.GetUtcNow()).ToUniversalTime();
        // Where the game ended, also on a single node: the results workbook counts the questions played from it.
        g.Phase = game.Phase;
        g.CurrentIndex = game.CurrentIndex;
        await ctx.SaveChangesAsync();
    }

    private async Task FinishedAsync(LiveGame game)
    {
        if (game.LastPodium is null)
        {
            await using var ctx = db();
            var g = await ctx.Set<LiveGameRecord>().FirstAsync(x => x.Id == game.Id);
            g.FinishedAt = (game.FinishedAt ?? time.GetUtcNow()).ToUniversalTime();
            await ctx.SaveChangesAsync();
        }
        if (_tickers.TryRemove(game.Id, out var t)) await t.DisposeAsync();
        await _sync.ReleasePinAsync(game);
        await SendProgressAsync(game);
        await broadcaster.Finished(game);
    }

    /// <summary>
    /// Runs a game rebuilt from storage on this node (another node held it and is gone): its timers restart where the
    /// stored state says, and a screen the old node may not have sent (reveal, leaderboard, podium) is sent again.
    /// </summary>
    public async Task<bool> AdoptAsync(LiveGame game, Func<LiveGame, Task> share)
    {
        if (!await store.TryAddAsync(game)) return false;
        _tickers[game.Id] = time.CreateTimer(_ => _ = SendProgressAsync(game, TimeSpan.Zero, wait: false), null, options.ProgressInterval, options.ProgressInterval);
        await share(game);
        await game.Transitions.WaitAsync();
        try
        {
            var now = time.GetUtcNow();
            switch (game.Phase)
            {
                case GamePhase.Question:
                    game.CurrentQuestionView = game.QuestionView(now);
                    if (!game.Paused) ScheduleDeadline(game, game.Remaining(now));
                    break;
                case GamePhase.Reveal:
                    await RevealAsync(game);
                    break;
                case GamePhase.Leaderboard:
                    var (reveal, _) = await BuildRevealAsync(game);
                    game.LastReveal = reveal;
                    game.LastLeaderboard = new HostLeaderboard(game.CurrentIndex, game.Questions.Count, Standings(game, options.LeaderboardSize), game.TeamStandings());
                    await broadcaster.LeaderboardShown(game, game.LastLeaderboard);
                    break;
                case GamePhase.Podium:
                    await PodiumAsync(game);
                    break;
            }
            await _sync.StateChangedAsync(game);
        }
        finally
        {
            game.Transitions.Release();
        }
        return true;
    }

    /// <summary>Lets go of a game another node now runs: no more timers here.</summary>
    public async Task ForgetAsync(LiveGame game)
    {
        StopDeadline(game);
        if (_tickers.TryRemove(game.Id, out var t)) await t.DisposeAsync();
        await store.RemoveAsync(game);
    }

    public async Task<LiveGame> FindAsync(Guid gameId) =>
        await store.FindAsync(gameId) ?? throw new LiveGameException("unknown-game", "No such game (it may have ended long ago).");

    private async Task<LiveGame> FindByPinAsync(string? pin)
    {
        if (pin is null || pin.Length != 6 || !pin.All(char.IsAsciiDigit)) throw new LiveGameException("bad-pin", "A game PIN is 6 digits.");
        var game = await store.FindByPinAsync(pin) ?? throw new LiveGameException("unknown-pin", $"No game with PIN {pin} is running.");
        return game;
    }

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    public async ValueTask DisposeAsync()
    {
        foreach (var t in _deadlines.Values) await t.DisposeAsync();
        foreach (var t in _tickers.Values) await t.DisposeAsync();
    }
}
