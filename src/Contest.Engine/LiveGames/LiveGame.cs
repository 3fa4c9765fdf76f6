using Contest.Engine.Questions;
using Contest.Engine.Questions.Answers;

namespace Contest.Engine.LiveGames;

/// <summary>
/// One live game as an explicit state machine:
/// Lobby → Question (server deadline) → Reveal → Leaderboard → Question … → Podium → Finished,
/// with pause/resume while a question is open, skip (close the question now) and end early (straight to the podium).
/// Every method takes the time from its caller, so the rules are testable without timers. In the web host the game's
/// grain is its only writer, one turn at a time; the methods still lock so that readers on other threads (the quiet
/// collector) see consistent values. A refused call throws <see cref="LiveGameException"/> and changes nothing.
/// </summary>
public sealed partial class LiveGame
{
    private readonly object _gate = new();
    private readonly Dictionary<Guid, LivePlayer> _players = [];
    private readonly Dictionary<string, Guid> _nicknames = [];
    private readonly Dictionary<string, Guid> _tokens = [];
    private readonly List<PlayerView> _joinedSinceTick = [];
    private readonly List<Guid> _leftSinceTick = [];
    private readonly List<Task> _inFlight = [];
    private bool _progressDirty;
    private bool _sealed;
    private int _kicked;
    private int _answered; // active players who answered the current question: kept, not counted, so each answer is O(1)

    public LiveGame(Guid id, string pin, string title, GameSettings settings, IReadOnlyList<LiveQuestion> questions, string host, DateTimeOffset createdAt)
    {
        if (questions.Count == 0) throw new LiveGameException("no-questions", "A game needs at least one question.");
        Id = id;
        Pin = pin;
        Title = title;
        Settings = settings;
        Questions = questions;
        Host = host;
        CreatedAt = createdAt;
    }

    public Guid Id { get; }
    public string Pin { get; }
    public string Title { get; }
    public GameSettings Settings { get; }
    public IReadOnlyList<LiveQuestion> Questions { get; }
    public string Host { get; }
    public DateTimeOffset CreatedAt { get; }

    public GamePhase Phase { get; private set; } = GamePhase.Lobby;
    public bool Paused { get; private set; }

    /// <summary>-1 in the lobby; afterwards the question being played or last played.</summary>
    public int CurrentIndex { get; private set; } = -1;
    public DateTimeOffset? OpenedAt { get; private set; }
    public DateTimeOffset? Deadline { get; private set; }
    public TimeSpan? PausedRemaining { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }

    /// <summary>The last host payloads, so a host who reconnects sees the current screen.</summary>
    public PlayerQuestion? CurrentQuestionView { get; set; }
    public HostReveal? LastReveal { get; set; }
    public HostLeaderboard? LastLeaderboard { get; set; }
    public HostPodium? LastPodium { get; set; }

    public LiveQuestion? Current => CurrentIndex >= 0 && CurrentIndex < Questions.Count ? Questions[CurrentIndex] : null;

    public TimeSpan EffectiveLimit(LiveQuestion q) => q.TimeLimit * Settings.TimerFactor;

    public IReadOnlyList<LivePlayer> Players
    {
        get { lock (_gate) return _players.Values.Where(p => !p.Kicked).ToList(); }
    }

    public LivePlayer? Player(Guid id)
    {
        lock (_gate) return _players.TryGetValue(id, out var p) && !p.Kicked ? p : null;
    }

    public int AnsweredCount
    {
        get { lock (_gate) return CurrentIndex < 0 ? 0 : _answered; }
    }

    public LivePlayer Join(Guid playerId, string? nickname, int? unitId, string? unitName, string tokenHash, DateTimeOffset now, int maxPlayers = 0)
    {
        var clean = NicknameRules.Clean(nickname, out var error);
        if (error is not null) throw new LiveGameException("bad-nickname", error);
        if (Settings.Teams != TeamMode.None && unitId is null) throw new LiveGameException("unit-required", "This is a team game: choose your unit.");
        lock (_gate)
        {
            if (Phase is GamePhase.Podium or GamePhase.Finished) throw new LiveGameException("game-over", "This game has ended.");
            var key = NicknameRules.Key(clean);
            if (_nicknames.TryGetValue(key, out var holder))
            {
                if (_players.TryGetValue(holder, out var h) && h.Kicked) throw new LiveGameException("kicked", $"The host removed \"{clean}\" from this game.");
                throw new LiveGameException("nickname-taken", $"The nickname \"{clean}\" is already taken in this game.");
            }
            // Kicked players keep their seat (their nickname stays blocked), so they count.
            if (maxPlayers > 0 && _players.Count >= maxPlayers) throw new LiveGameException("game-full", "This game is full.");
            var p = new LivePlayer
            {
                Id = playerId, Nickname = clean, UnitId = Settings.Teams == TeamMode.None ? null : unitId,
                UnitName = Settings.Teams == TeamMode.None ? null : unitName, ResumeTokenHash = tokenHash, JoinedAt = now, ScoredAt = now,
            };
            _players.Add(p.Id, p);
            _nicknames.Add(key, p.Id);
            _tokens.Add(tokenHash, p.Id);
            _joinedSinceTick.Add(new PlayerView(p.Id, p.Nickname, p.UnitName));
            _progressDirty = true;
            return p;
        }
    }

    /// <summary>Undoes a join whose record could not be stored.</summary>
    public void Unjoin(Guid playerId)
    {
        lock (_gate)
        {
            if (!_players.Remove(playerId, out var p)) return;
            _nicknames.Remove(NicknameRules.Key(p.Nickname));
            _tokens.Remove(p.ResumeTokenHash);
            _joinedSinceTick.RemoveAll(v => v.Id == playerId);
        }
    }

    public LivePlayer Resume(string tokenHash)
    {
        lock (_gate)
        {
            if (!_tokens.TryGetValue(tokenHash, out var id)) throw new LiveGameException("unknown-player", "This device is not a player of this game; join again.");
            var p = _players[id];
            if (p.Kicked) throw new LiveGameException("kicked", "The host removed you from this game.");
            return p;
        }
    }

    public LivePlayer Kick(Guid playerId)
    {
        lock (_gate)
        {
            if (!_players.TryGetValue(playerId, out var p) || p.Kicked) throw new LiveGameException("unknown-player", "No such player in this game.");
            p.Kicked = true;
            _kicked++;
            if (CurrentIndex >= 0 && p.Answers.ContainsKey(CurrentIndex)) _answered--;
            // The nickname and the token stay taken: the kicked player cannot come back under the same name, and the
            // kicked device is told why it cannot resume.
            _leftSinceTick.Add(p.Id);
            _progressDirty = true;
            return p;
        }
    }

    public void Start(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (Phase != GamePhase.Lobby) throw new LiveGameException("wrong-phase", "The game has already started.");
            if (!_players.Values.Any(p => !p.Kicked)) throw new LiveGameException("no-players", "Wait for at least one player to join.");
            OpenLocked(0, now);
        }
    }

    /// <summary>Scores an answer stamped with the time it reached the server; refuses late, repeated, malformed and misaddressed ones.</summary>
    /// <param name="dryRun">Only check and score: the refusal is thrown but nothing is recorded.</param>
    public PlayerAnswer Submit(Guid playerId, int questionIndex, SubmittedAnswer? answer, DateTimeOffset receivedAt, bool dryRun = false)
    {
        if (answer is null) throw new LiveGameException("bad-answer", "The answer is missing.");
        // Checked first, and counted in long: int.MaxValue + 1 would be named "question -2147483648".
        if (questionIndex < 0 || questionIndex >= Questions.Count)
            throw new LiveGameException("wrong-question", $"This game has no question {(long)questionIndex + 1}; its questions are 1 to {Questions.Count}.");
        lock (_gate)
        {
            if (!_players.TryGetValue(playerId, out var p) || p.Kicked) throw new LiveGameException("unknown-player", "You are not a player of this game.");
            // Until the reveal is sealed, an answer that reached the server before the deadline still counts.
            var accepting = Phase == GamePhase.Question || (Phase == GamePhase.Reveal && !_sealed);
            if (!accepting || Current is null)
            {
                if (Current is not null && questionIndex == CurrentIndex && receivedAt > Deadline && Phase is GamePhase.Reveal or GamePhase.Leaderboard)
                    throw new LiveGameException("too-late", $"Time was up: the answer arrived {(receivedAt - Deadline!.Value).TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} s after the deadline.");
                throw new LiveGameException("question-closed", "No question is open now.");
            }
            if (questionIndex != CurrentIndex)
                throw new LiveGameException("wrong-question", $"This answer is for question {questionIndex + 1}, but question {CurrentIndex + 1} is open.");
            if (Paused) throw new LiveGameException("paused", "The game is paused; answer when it resumes.");
            if (receivedAt > Deadline) throw new LiveGameException("too-late", $"Time was up: the answer arrived {(receivedAt - Deadline!.Value).TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} s after the deadline.");
            if (p.Answers.ContainsKey(questionIndex)) throw new LiveGameException("already-answered", "You have already answered this question; the first answer counts.");
            var q = Current;
            var stored = q.ToStored(answer, out var error);
            if (stored is null) throw new LiveGameException("bad-answer", error!);

            var result = AnswerChecker.Check(q.Source, stored);
            var elapsed = receivedAt - OpenedAt!.Value - PausedTotal;
            if (elapsed < TimeSpan.Zero) elapsed = TimeSpan.Zero;
            var basePoints = LiveScoring.BasePoints(Settings.Scoring, q.Points, result.Credit, elapsed, EffectiveLimit(q));
            var streak = LiveScoring.NextStreak(LiveScoring.StreakBefore(p.Answers, questionIndex), result.Correct);
            var bonus = Settings.StreakBonus && result.Correct ? LiveScoring.StreakBonus(streak, q.Points) : 0;
            var a = new PlayerAnswer(p.Id, questionIndex, stored, receivedAt, elapsed, result.Correct, result.Credit, basePoints, bonus, basePoints + bonus, streak);
            if (dryRun) return a;
            Apply(p, a);
            _progressDirty = true;
            return a;
        }
    }

    /// <summary>Takes back an answer whose record could not be stored, so the player may send it again.</summary>
    public void Retract(PlayerAnswer a)
    {
        lock (_gate)
        {
            if (!_players.TryGetValue(a.PlayerId, out var p) || !p.Answers.Remove(a.QuestionIndex)) return;
            if (a.QuestionIndex == CurrentIndex && !p.Kicked) _answered--;
            p.Score -= a.Points;
            p.Streak = LiveScoring.StreakBefore(p.Answers, a.QuestionIndex);
            p.AnswerMs -= AnswerMs(a);
            p.AnswerCount--;
            if (a.Points > 0) p.ScoredTime -= a.Elapsed;
            _progressDirty = true;
        }
    }

    private void Apply(LivePlayer p, PlayerAnswer a)
    {
        p.Answers[a.QuestionIndex] = a;
        _answered++;
        p.Score += a.Points;
        p.Streak = a.Streak;
        p.AnswerMs += AnswerMs(a);
        p.AnswerCount++;
        if (a.Points > 0)
        {
            p.ScoredTime += a.Elapsed;
            p.ScoredAt = a.ReceivedAt;
        }
    }

    /// <summary>An answer's time as stored (whole milliseconds), so a game rebuilt from storage breaks team ties the same way.</summary>
    internal static long AnswerMs(PlayerAnswer a) => (long)a.Elapsed.TotalMilliseconds;

    /// <summary>The tie-break instant given to the leaderboard: earlier ranks higher among equal scores.</summary>
    public DateTimeOffset TieBreak(LivePlayer p) =>
        Settings.Scoring == ScoringMode.Accuracy ? DateTimeOffset.UnixEpoch + p.ScoredTime : p.ScoredAt;

    public bool AllAnswered
    {
        get
        {
            lock (_gate) return Phase == GamePhase.Question && _players.Count - _kicked > 0 && _answered >= _players.Count - _kicked;
        }
    }

    /// <summary>Closes the open question when its deadline has passed (or everyone answered); true if it closed.</summary>
    public bool CloseIfDue(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (Phase != GamePhase.Question || Paused) return false;
            var everyone = _answered >= _players.Count - _kicked;
            if (now < Deadline && !everyone) return false;
            Phase = GamePhase.Reveal;
            return true;
        }
    }

    /// <summary>Host's "skip": closes the open question now; answers already received count.</summary>
    public void Skip(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (Phase != GamePhase.Question) throw new LiveGameException("wrong-phase", "Only an open question can be skipped.");
            Paused = false;
            PausedRemaining = null;
            Deadline = now < Deadline ? now : Deadline;
            Phase = GamePhase.Reveal;
        }
    }

    /// <summary>Reveal → Leaderboard → next Question, or → Podium after the last; Podium → Finished.</summary>
    public GamePhase Next(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (Paused) throw new LiveGameException("paused", "Resume the game first.");
            switch (Phase)
            {
                case GamePhase.Reveal:
                    Phase = GamePhase.Leaderboard;
                    break;
                case GamePhase.Leaderboard when CurrentIndex + 1 < Questions.Count:
                    OpenLocked(CurrentIndex + 1, now);
                    break;
                case GamePhase.Leaderboard:
                    Phase = GamePhase.Podium;
                    FinishedAt = now;
                    break;
                case GamePhase.Podium:
                    Phase = GamePhase.Finished;
                    break;
                case GamePhase.Lobby:
                    throw new LiveGameException("wrong-phase", "Start the game first.");
                case GamePhase.Question:
                    throw new LiveGameException("wrong-phase", "The question is still open; wait for the timer or skip it.");
                default:
                    throw new LiveGameException("game-over", "This game has ended.");
            }
            return Phase;
        }
    }

    public void Pause(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (Phase is GamePhase.Lobby or GamePhase.Podium or GamePhase.Finished) throw new LiveGameException("wrong-phase", "Only a running game can be paused.");
            if (Paused) throw new LiveGameException("paused", "The game is already paused.");
            Paused = true;
            if (Phase == GamePhase.Question)
            {
                PausedRemaining = Deadline!.Value > now ? Deadline.Value - now : TimeSpan.Zero;
                _pausedAt = now;
            }
        }
    }

    public void ResumePlay(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (!Paused) throw new LiveGameException("not-paused", "The game is not paused.");
            Paused = false;
            if (Phase == GamePhase.Question && PausedRemaining is { } left)
            {
                // Time stood still while paused: the deadline moves and elapsed time excludes the pause.
                PausedTotal += now - _pausedAt;
                Deadline = now + left;
                PausedRemaining = null;
            }
        }
    }

    private DateTimeOffset _pausedAt;

    /// <summary>Pauses during the open question so far; subtracted from an answer's elapsed time.</summary>
    public TimeSpan PausedTotal { get; private set; }

    /// <summary>Ends the game now: from the lobby straight to Finished, otherwise to the podium with the scores so far.</summary>
    public GamePhase EndEarly(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (Phase is GamePhase.Podium or GamePhase.Finished) throw new LiveGameException("game-over", "This game has ended.");
            Paused = false;
            PausedRemaining = null;
            Phase = Phase == GamePhase.Lobby ? GamePhase.Finished : GamePhase.Podium;
            FinishedAt = now;
            return Phase;
        }
    }

    public TimeSpan Remaining(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (Phase != GamePhase.Question) return TimeSpan.Zero;
            if (Paused) return PausedRemaining ?? TimeSpan.Zero;
            var left = Deadline!.Value - now;
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }
    }

    private void OpenLocked(int index, DateTimeOffset now)
    {
        CurrentIndex = index;
        Phase = GamePhase.Question;
        OpenedAt = now;
        PausedTotal = TimeSpan.Zero;
        Deadline = now + EffectiveLimit(Questions[index]);
        _sealed = false;
        _answered = 0;
        _inFlight.Clear();
        _progressDirty = true;
    }

    public PlayerQuestion QuestionView(DateTimeOffset now)
    {
        var q = Current ?? throw new InvalidOperationException("No current question.");
        var limit = EffectiveLimit(q);
        return new PlayerQuestion(q.Index, Questions.Count, q.Source.Type, q.Source.Text, q.OptionViews(), q.Source.MediaKind, q.Source.MediaUrl,
            q.Points, Deadline!.Value, (int)limit.TotalMilliseconds, (int)Remaining(now).TotalMilliseconds);
    }

    /// <summary>From now on the closed question takes no more answers.</summary>
    public void Seal()
    {
        lock (_gate) _sealed = true;
    }

    /// <summary>Work storing an answer; the reveal waits for it so no acknowledged answer is missed.</summary>
    public void Track(Task work)
    {
        lock (_gate) _inFlight.Add(work);
    }

    public Task InFlight()
    {
        lock (_gate) return Task.WhenAll(_inFlight.ToArray());
    }

    /// <summary>Held while a host update is taken and sent, so two updates never overtake each other on the way.</summary>
    public SemaphoreSlim ProgressGate { get; } = new(1, 1);

    private DateTimeOffset _progressSentAt = DateTimeOffset.MinValue;

    /// <summary>
    /// The batched host update, or null when nothing changed since the last one — or when the last one was taken less
    /// than <paramref name="minGap"/> before <paramref name="now"/> (the periodic tick sends it then).
    /// </summary>
    public HostProgress? TakeProgress(DateTimeOffset now, TimeSpan minGap = default)
    {
        lock (_gate)
        {
            if (!_progressDirty || now - _progressSentAt < minGap) return null;
            _progressDirty = false;
            _progressSentAt = now;
            var answered = Phase == GamePhase.Question ? _answered : 0;
            var progress = new HostProgress(Phase, _players.Count - _kicked, _joinedSinceTick.ToList(), _leftSinceTick.ToList(), answered,
                CurrentIndex >= 0 ? CurrentIndex : null);
            _joinedSinceTick.Clear();
            _leftSinceTick.Clear();
            return progress;
        }
    }

    /// <summary>Unit standings by the rules of <see cref="LiveTeams.Rank"/>, over the players still in the game.</summary>
    public IReadOnlyList<TeamStanding> TeamStandings()
    {
        if (Settings.Teams == TeamMode.None) return [];
        lock (_gate)
        {
            return LiveTeams.Rank(Settings.Teams, _players.Values.Where(p => !p.Kicked && p.UnitId is not null)
                .Select(p => new TeamMember(p.UnitId!.Value, p.UnitName, p.Score, p.AnswerMs, p.AnswerCount)));
        }
    }

    /// <summary>The end-of-game debrief over the questions played so far and the players still in the game.</summary>
    public GameDebrief Debrief()
    {
        lock (_gate)
        {
            var active = _players.Values.Where(p => !p.Kicked).ToList();
            var answers = active.SelectMany(p => p.Answers.Values)
                .Select(a => new DebriefAnswer(a.QuestionIndex, a.Correct, a.Credit, (int)AnswerMs(a)));
            return LiveDebrief.Build(Questions.Select(q => (q.Source.Text, q.Source.Type)).ToList(), CurrentIndex + 1, active.Count, answers);
        }
    }

    public HostState HostState(DateTimeOffset now)
    {
        lock (_gate)
        {
            var players = _players.Values.Where(p => !p.Kicked).OrderBy(p => p.JoinedAt).Select(p => new PlayerView(p.Id, p.Nickname, p.UnitName)).ToList();
            return new HostState(Id, Pin, Title, Phase, Paused, Questions.Count, CurrentIndex >= 0 ? CurrentIndex : null, players,
                Phase == GamePhase.Question ? _players.Values.Count(p => !p.Kicked && p.Answers.ContainsKey(CurrentIndex)) : 0, Settings,
                Phase == GamePhase.Question ? QuestionView(now) : null,
                // In the seal grace (the 300 ms after the deadline) the phase is Reveal but the reveal of this question
                // is not built yet: the one kept is the previous question's, which must not show as this one's.
                Phase is GamePhase.Reveal && LastReveal?.QuestionIndex == CurrentIndex ? LastReveal : null,
                Phase is GamePhase.Leaderboard ? LastLeaderboard : null,
                Phase is GamePhase.Podium or GamePhase.Finished ? LastPodium : null);
        }
    }

    public PlayerState PlayerState(LivePlayer p, DateTimeOffset now)
    {
        lock (_gate)
        {
            var open = Phase == GamePhase.Question;
            return new PlayerState(Id, p.Nickname, Phase, Paused, p.Score, open ? QuestionView(now) : null, open && p.Answers.ContainsKey(CurrentIndex),
                (Phase is GamePhase.Reveal or GamePhase.Leaderboard) && p.LastReveal?.QuestionIndex == CurrentIndex ? p.LastReveal : null,
                Phase is GamePhase.Podium or GamePhase.Finished ? p.Final : null);
        }
    }

    /// <summary>The reveal's distribution: picks per option (choice questions) and right / partly right / wrong / silent players.</summary>
    public HostReveal BuildReveal()
    {
        lock (_gate)
        {
            var q = Current!;
            var counts = new int[q.Source.Options.Count];
            var storedToDisplay = new int[counts.Length];
            for (var d = 0; d < counts.Length; d++) storedToDisplay[q.DisplayToStored[d]] = d;
            int right = 0, partial = 0, wrong = 0, none = 0;
            var active = _players.Values.Where(p => !p.Kicked).ToList();
            foreach (var p in active)
            {
                if (!p.Answers.TryGetValue(q.Index, out var a)) { none++; continue; }
                if (a.Correct) right++; else if (a.Credit > 0) partial++; else wrong++;
                if (q.Source.Type != QuestionType.Ordering)
                {
                    foreach (var o in a.Answer.Options ?? []) counts[storedToDisplay[o]]++;
                }
            }
            return new HostReveal(q.Index, q.Key(), q.Source.Type is QuestionType.Ordering or QuestionType.FillBlank ? [] : counts,
                right, partial, wrong, none, active.Count);
        }
    }
}
