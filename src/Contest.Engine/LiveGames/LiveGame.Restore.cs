namespace Contest.Engine.LiveGames;

/// <summary>Where a game stands, as kept in its stored row after every step, for the node that reactivates it.</summary>
public sealed record LiveSnapshot(
    GamePhase Phase, int Index, DateTimeOffset? OpenedAt, DateTimeOffset? Deadline, bool Paused, DateTimeOffset? PausedAt,
    TimeSpan PausedTotal, bool Sealed, DateTimeOffset? FinishedAt);

// Rebuilding a game from its stored rows (its grain activated, also on another node after a node died), and reading its state to keep it.
public sealed partial class LiveGame
{
    /// <summary>The state this copy of the game last stored or loaded: what a step expects to find in the row (<see cref="ILiveStateStore"/>).</summary>
    public LiveSnapshot? Stored { get; set; }

    public LiveSnapshot Snapshot()
    {
        lock (_gate) return new LiveSnapshot(Phase, CurrentIndex, OpenedAt, Deadline, Paused, Paused ? _pausedAt : null, PausedTotal, _sealed, FinishedAt);
    }

    /// <summary>Puts the game where a stored snapshot says it was; a closed question counts as sealed (its answers are all stored).</summary>
    public void Restore(LiveSnapshot s)
    {
        lock (_gate)
        {
            Phase = s.Phase;
            CurrentIndex = s.Index;
            OpenedAt = s.OpenedAt;
            Deadline = s.Deadline;
            Paused = s.Paused;
            PausedTotal = s.PausedTotal;
            FinishedAt = s.FinishedAt;
            _sealed = s.Phase != GamePhase.Question;
            if (s.Paused && s.Phase == GamePhase.Question && s.PausedAt is { } at && s.Deadline is { } deadline)
            {
                _pausedAt = at;
                PausedRemaining = deadline > at ? deadline - at : TimeSpan.Zero;
            }
            _answered = _players.Values.Count(p => !p.Kicked && CurrentIndex >= 0 && p.Answers.ContainsKey(CurrentIndex));
            _progressDirty = true;
        }
    }

    /// <summary>Adds a stored player; false if already known.</summary>
    public bool RestorePlayer(LivePlayer p)
    {
        lock (_gate)
        {
            if (_players.ContainsKey(p.Id) || _tokens.ContainsKey(p.ResumeTokenHash)) return false;
            _players.Add(p.Id, p);
            _tokens.Add(p.ResumeTokenHash, p.Id);
            // A kicked player keeps the nickname taken, as when the kick happened on the node that ran the game before.
            _nicknames.TryAdd(NicknameRules.Key(p.Nickname), p.Id);
            if (p.Kicked) _kicked++;
            else _joinedSinceTick.Add(new PlayerView(p.Id, p.Nickname, p.UnitName));
            _progressDirty = true;
            return true;
        }
    }

    /// <summary>Adds a stored answer with its stored points; false if the player is unknown or already has it.</summary>
    public bool RestoreAnswer(PlayerAnswer a)
    {
        lock (_gate)
        {
            if (!_players.TryGetValue(a.PlayerId, out var p) || p.Answers.ContainsKey(a.QuestionIndex)) return false;
            p.Answers[a.QuestionIndex] = a;
            if (a.QuestionIndex == CurrentIndex && !p.Kicked) _answered++;
            p.Score += a.Points;
            p.AnswerMs += AnswerMs(a);
            p.AnswerCount++;
            if (a.QuestionIndex >= p.Answers.Keys.Max()) p.Streak = a.Streak;
            if (a.Points > 0)
            {
                p.ScoredTime += a.Elapsed;
                if (a.ReceivedAt > p.ScoredAt) p.ScoredAt = a.ReceivedAt;
            }
            _progressDirty = true;
            return true;
        }
    }

    /// <summary>Players the host removed.</summary>
    public IReadOnlyList<Guid> KickedIds()
    {
        lock (_gate) return _players.Values.Where(p => p.Kicked).Select(p => p.Id).ToList();
    }

    /// <summary>Players (kicked ones too) who have answered question <paramref name="index"/>.</summary>
    public IReadOnlyList<Guid> AnsweredBy(int index)
    {
        lock (_gate) return _players.Values.Where(p => p.Answers.ContainsKey(index)).Select(p => p.Id).ToList();
    }
}
