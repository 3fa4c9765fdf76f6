using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
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
/// The rules of a running game that need I/O: creation, joins, answers, the host's steps, closing a question and the
/// results. Holds no game and no timer: the caller owns the <see cref="LiveGame"/> and is its only writer (in the web
/// host, the game's grain, which also runs the deadline and progress timers and calls these methods one turn at a
/// time, answers and joins interleaved). Talks to screens only through <see cref="ILiveBroadcaster"/>, keeps where the
/// game stands through <see cref="ILiveStateStore"/>, and stores every join and answer through <see cref="LiveWriter"/>
/// before acknowledging it.
/// </summary>
public sealed class LiveGameService(
    ILivePins pins, ILiveBroadcaster broadcaster, LiveWriter writer, Func<ContestDb> db, TimeProvider time, LiveOptions options, ILiveStateStore? state = null)
{
    private readonly ILiveStateStore _state = state ?? new DbLiveStateStore(db);
    public const int MaxTitleLength = 300;

    public LiveOptions Options => options;

    /// <summary>Creates and stores a game under a PIN no other open game holds; the game runs from its stored row.</summary>
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
            if (await pins.ReserveAsync(candidate.Pin, candidate.Id)) game = candidate;
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
            game.Stored = game.Snapshot();
        }
        catch
        {
            await pins.ReleaseAsync(game.Pin, game.Id);
            throw;
        }
        return game;
    }

    public async Task<(LivePlayer Player, JoinResult Result)> JoinAsync(LiveGame game, string? nickname, int? unitId, string? connectionId)
    {
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
        }
        catch (Exception e) when (e is not LiveGameException)
        {
            game.Unjoin(player.Id);
            throw new LiveGameException("not-saved", "Could not register you; try again.");
        }
        player.ConnectionId = connectionId;
        // The host sees the newcomer now rather than at the next tick, unless an update went out within the interval
        // (SendProgressAsync catches its own failures: the next tick carries what it could not send).
        _ = SendProgressAsync(game, options.ProgressInterval, wait: false);
        return (player, new JoinResult(player.Id, token, game.PlayerState(player, time.GetUtcNow())));
    }

    public (LivePlayer Player, PlayerState State) Resume(LiveGame game, string? resumeToken, string? connectionId)
    {
        if (string.IsNullOrWhiteSpace(resumeToken) || resumeToken.Length > 100) throw new LiveGameException("unknown-player", "This device is not a player of this game; join again.");
        var player = game.Resume(Hash(resumeToken));
        player.ConnectionId = connectionId;
        return (player, game.PlayerState(player, time.GetUtcNow()));
    }

    /// <summary>
    /// Scores and stores one answer. <paramref name="receivedAt"/> is the server's clock when the call arrived,
    /// taken before any queueing, so the points never depend on how long the server took to get to it.
    /// Returns only once the answer is committed; an answer that could not be stored is taken back and refused
    /// "not-saved", so an answer is never acknowledged unless stored, nor refused once stored.
    /// When it was the last answer awaited, <see cref="LiveGame.AllAnswered"/> is true afterwards: the caller closes the question.
    /// </summary>
    public async Task<AnswerAck> AnswerAsync(LiveGame game, Guid playerId, int questionIndex, SubmittedAnswer? answer, DateTimeOffset receivedAt)
    {
        var a = game.Submit(playerId, questionIndex, answer, receivedAt);
        var work = StoreAnswerAsync(game, a);
        game.Track(work);
        await work;
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
            throw new LiveGameException("not-saved", "Your answer could not be saved; send it again.");
        }
    }

    public HostState HostState(LiveGame game) => game.HostState(time.GetUtcNow());

    public Task<HostState> StartAsync(LiveGame game) => StepAsync(game, async () =>
    {
        game.Start(time.GetUtcNow());
        await SaveStateAsync(game);
        await OpenedAsync(game);
    });

    public Task<HostState> NextAsync(LiveGame game) => StepAsync(game, async () =>
    {
        var phase = game.Next(time.GetUtcNow());
        await SaveStateAsync(game);
        switch (phase)
        {
            case GamePhase.Leaderboard:
                await LeaderboardAsync(game);
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

    public Task<HostState> SkipAsync(LiveGame game) => StepAsync(game, async () =>
    {
        game.Skip(time.GetUtcNow());
        await SaveStateAsync(game);
        await RevealAsync(game);
    });

    public Task<HostState> PauseAsync(LiveGame game) => StepAsync(game, async () =>
    {
        var now = time.GetUtcNow();
        game.Pause(now);
        await SaveStateAsync(game);
        await broadcaster.PausedChanged(game, true, (int)game.Remaining(now).TotalMilliseconds);
    });

    public Task<HostState> ResumePlayAsync(LiveGame game) => StepAsync(game, async () =>
    {
        var now = time.GetUtcNow();
        game.ResumePlay(now);
        await SaveStateAsync(game);
        await broadcaster.PausedChanged(game, false, (int)game.Remaining(now).TotalMilliseconds);
    });

    public Task<HostState> EndAsync(LiveGame game) => StepAsync(game, async () =>
    {
        var wasOpen = game.Phase == GamePhase.Question;
        if (game.EndEarly(time.GetUtcNow()) == GamePhase.Podium)
        {
            if (wasOpen) await SealAsync(game);
            await SaveStateAsync(game);
            await PodiumAsync(game);
        }
        else
        {
            await SaveStateAsync(game);
            await FinishedAsync(game);
        }
    });

    /// <summary>Removes a player; afterwards <see cref="LiveGame.AllAnswered"/> may be true, and the caller closes the question.</summary>
    public Task<HostState> KickAsync(LiveGame game, Guid playerId) => StepAsync(game, async () =>
    {
        if (game.Player(playerId) is null) throw new LiveGameException("unknown-player", "No such player in this game.");
        // Stored before it takes effect, so a node that reactivates the game keeps the player out too.
        int stored;
        await using (var ctx = db())
        {
            stored = await ctx.Set<LivePlayerRecord>().Where(r => r.Id == playerId && r.GameId == game.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.Kicked, true));
        }
        if (stored == 0) throw new LiveGameException("not-saved", "This player is still joining; remove them again in a moment.");
        game.Kick(playerId);
        await broadcaster.Kicked(game, playerId);
    });

    /// <summary>
    /// A question closed (its time is up or everyone answered) but its reveal has not gone out: the step that closed
    /// it failed part-way (the database away at the deadline) and is to be run again.
    /// </summary>
    public static bool RevealPending(LiveGame game) => game.Phase == GamePhase.Reveal && game.LastReveal?.QuestionIndex != game.CurrentIndex;

    /// <summary>
    /// Closes the open question if its time is up or everyone has answered, and reveals it; the deadline timer calls
    /// it. Safe to run again after a failure: a question closed whose reveal did not go out is revealed then.
    /// True when a reveal went out.
    /// </summary>
    public async Task<bool> CloseWhenDueAsync(LiveGame game)
    {
        if (!game.CloseIfDue(time.GetUtcNow()) && !RevealPending(game)) return false;
        await SaveStateAsync(game);
        await RevealAsync(game);
        return true;
    }

    /// <summary>Sends the host what changed since the last update, waiting for an update already on its way.</summary>
    public Task SendProgressAsync(LiveGame game) => SendProgressAsync(game, TimeSpan.Zero, wait: true);

    /// <summary>
    /// Sends the host what changed, unless the last update went out less than <paramref name="minGap"/> ago; without
    /// <paramref name="wait"/> it gives up if an update is being sent (whatever it leaves goes with the next tick).
    /// Completes without allocating when there is nothing to send.
    /// </summary>
    public async Task SendProgressAsync(LiveGame game, TimeSpan minGap, bool wait)
    {
        if (wait) await game.ProgressGate.WaitAsync();
        else if (!game.ProgressGate.Wait(0)) return;
        try
        {
            if (game.TakeProgress(time.GetUtcNow(), minGap) is { } progress) await broadcaster.Progress(game, progress);
        }
        catch (Exception) when (!wait)
        {
            // A failed tick is not retried: the counts are absolute and right again at the next update, and a
            // host who reloads gets the whole roster from HostGame.
        }
        finally
        {
            game.ProgressGate.Release();
        }
    }

    /// <summary>
    /// A game loaded from storage (its grain activated, on a new node after its node died): the screen of the phase
    /// it stands in is built and sent again, since the node before may have died before sending it.
    /// </summary>
    public async Task RestoreScreensAsync(LiveGame game)
    {
        var now = time.GetUtcNow();
        switch (game.Phase)
        {
            case GamePhase.Question:
                game.CurrentQuestionView = game.QuestionView(now);
                break;
            case GamePhase.Reveal:
                await RevealAsync(game);
                break;
            case GamePhase.Leaderboard:
                Rank(game);
                game.LastReveal = game.BuildReveal();
                BuildPlayerReveals(game, game.LastReveal);
                await LeaderboardAsync(game);
                break;
            case GamePhase.Podium:
                await PodiumAsync(game);
                break;
        }
    }

    private async Task<HostState> StepAsync(LiveGame game, Func<Task> step)
    {
        await step();
        return game.HostState(time.GetUtcNow());
    }

    /// <summary>Stores where the game stands before any screen hears of it; refused "moved" when this copy of the game is stale.</summary>
    private async Task SaveStateAsync(LiveGame game)
    {
        var next = game.Snapshot();
        if (!await _state.SaveAsync(game.Id, game.Stored, next))
            throw new LiveGameException("moved", "This game has moved to another server; try again.");
        game.Stored = next;
    }

    private async Task OpenedAsync(LiveGame game)
    {
        game.CurrentQuestionView = game.QuestionView(time.GetUtcNow());
        await broadcaster.QuestionOpened(game, game.CurrentQuestionView);
    }

    private async Task LeaderboardAsync(LiveGame game)
    {
        game.LastLeaderboard = new HostLeaderboard(game.CurrentIndex, game.Questions.Count, Standings(game, options.LeaderboardSize), game.TeamStandings());
        await broadcaster.LeaderboardShown(game, game.LastLeaderboard);
    }

    /// <summary>Lets answers stamped in time but still queued land, then waits until every accepted one is stored.</summary>
    private async Task SealAsync(LiveGame game)
    {
        if (options.SealGrace > TimeSpan.Zero) await Task.Delay(options.SealGrace, time);
        game.Seal();
        try { await game.InFlight(); }
        catch (LiveGameException) { }
    }

    private async Task RevealAsync(LiveGame game)
    {
        await SealAsync(game);
        Rank(game);
        var reveal = game.BuildReveal();
        var sends = BuildPlayerReveals(game, reveal);
        // Kept only once built in full: until then the reveal counts as pending and a retry builds it again.
        game.LastReveal = reveal;
        await broadcaster.Revealed(game, reveal, sends);
    }

    private static List<(Guid, PlayerReveal)> BuildPlayerReveals(LiveGame game, HostReveal reveal)
    {
        var players = game.Players;
        var ordered = players.OrderBy(p => p.Rank).ToList();
        var sends = new List<(Guid, PlayerReveal)>(players.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var p = ordered[i];
            var ahead = i > 0 ? ordered[i - 1] : null;
            p.Answers.TryGetValue(game.CurrentIndex, out var a);
            p.Streak = LiveScoring.StreakAfter(p.Answers, game.CurrentIndex);
            p.LastReveal = new PlayerReveal(game.CurrentIndex, reveal.Correct, a is not null, a?.Correct ?? false, a?.Credit ?? 0, a?.Points ?? 0, a?.StreakBonus ?? 0,
                p.Streak, p.Score, p.Rank, players.Count, ahead is null ? null : ahead.Score - p.Score, ahead?.Nickname);
            sends.Add((p.Id, p.LastReveal));
        }
        return sends;
    }

    /// <summary>
    /// Ranks the players still in the game: higher score first, then the earlier tie-break instant, then the id
    /// (the order the leaderboards use); remembers the previous rank for the "rank change" arrows.
    /// The game's grain holds every score, so no shared board is needed: a Redis flush or outage cannot touch a rank.
    /// </summary>
    private static void Rank(LiveGame game, bool remember = true)
    {
        long rank = 0;
        foreach (var p in game.Players.OrderByDescending(p => p.Score).ThenBy(p => game.TieBreak(p).UtcTicks).ThenBy(p => p.Id.ToString(), StringComparer.Ordinal))
        {
            var r = ++rank;
            if (remember || p.PreviousRank == 0) p.PreviousRank = p.Rank == 0 ? r : p.Rank;
            p.Rank = r;
        }
    }

    private static IReadOnlyList<Standing> Standings(LiveGame game, int count) =>
        game.Players.OrderBy(p => p.Rank).Take(count)
            .Select(p => new Standing(p.Rank, p.Id, p.Nickname, p.UnitName, p.Score, p.PreviousRank,
                p.Answers.TryGetValue(game.CurrentIndex, out var a) ? a.Points : 0, p.Streak))
            .ToList();

    private async Task PodiumAsync(LiveGame game)
    {
        // Ranks as of the last reveal unless the game ended mid-question; the arrows keep comparing with the reveal before.
        Rank(game, remember: false);
        var teams = game.TeamStandings();
        game.LastPodium = new HostPodium(Standings(game, game.Settings.PodiumSize), teams, game.Debrief());
        var players = game.Players;
        var sends = new List<(Guid, PlayerFinal)>(players.Count);
        foreach (var p in players)
        {
            var team = teams.FirstOrDefault(t => t.UnitId == p.UnitId);
            p.Final = new PlayerFinal(p.Score, p.Rank, players.Count, p.Rank <= game.Settings.PodiumSize, team?.Rank, team?.Score);
            sends.Add((p.Id, p.Final));
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
        // Where the game ended: the results workbook counts the questions played from it.
        g.Phase = game.Phase;
        g.CurrentIndex = game.CurrentIndex;
        await ctx.SaveChangesAsync();
    }

    private async Task FinishedAsync(LiveGame game)
    {
        await using (var ctx = db())
        {
            var g = await ctx.Set<LiveGameRecord>().FirstAsync(x => x.Id == game.Id);
            g.FinishedAt ??= (game.FinishedAt ?? time.GetUtcNow()).ToUniversalTime();
            g.Phase = GamePhase.Finished;
            await ctx.SaveChangesAsync();
        }
        await pins.ReleaseAsync(game.Pin, game.Id);
        await SendProgressAsync(game);
        await broadcaster.Finished(game);
    }

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };
}
