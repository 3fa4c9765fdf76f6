using System.Text.Json;
using Contest.Engine.Questions;
using Contest.Engine.Questions.Answers;
using Contest.Engine.Storage;
using Microsoft.EntityFrameworkCore;

namespace Contest.Engine.LiveGames;

/// <summary>
/// Rebuilds a running game from PostgreSQL alone: the game record (questions as played, where the game stands),
/// its players and every committed answer with the points it was acknowledged with. Every activation of a game's
/// grain starts here, so a game reactivated on another node after its node died is the game as stored.
/// </summary>
public static class LiveGameLoader
{
    public static async Task<LiveGame?> LoadAsync(ContestDb db, Guid gameId)
    {
        var r = await db.Set<LiveGameRecord>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == gameId);
        if (r is null) return null;
        var ids = r.QuestionIds;
        var sources = await db.Set<Question>().AsNoTracking().Where(q => ids.Contains(q.Id)).ToDictionaryAsync(q => q.Id);
        if (ids.Any(id => !sources.ContainsKey(id))) return null;
        var orders = JsonSerializer.Deserialize<int[][]>(r.DisplayOrders) ?? [];
        var questions = ids.Select((id, i) =>
        {
            var q = sources[id];
            var seconds = i < r.QuestionSeconds.Count ? r.QuestionSeconds[i] : q.TimeLimitSeconds;
            var order = i < orders.Length && orders[i].Length == q.Options.Count ? orders[i] : Enumerable.Range(0, q.Options.Count).ToArray();
            return new LiveQuestion(i, q, i < r.QuestionPoints.Count ? r.QuestionPoints[i] : q.Points, TimeSpan.FromSeconds(seconds), order);
        }).ToList();
        var settings = new GameSettings { Scoring = r.Scoring, StreakBonus = r.StreakBonus, Teams = r.Teams, PodiumSize = r.PodiumSize, TimerFactor = r.TimerFactor };
        var game = new LiveGame(r.Id, r.Pin, r.Title, settings, questions, r.Host, r.CreatedAt);
        await MergeAsync(db, game, null);

        var snapshot = Snapshot(r);
        // A player who let a closed question pass lost the streak at its reveal.
        var lastClosed = snapshot.Phase is GamePhase.Lobby or GamePhase.Question ? snapshot.Index - 1 : snapshot.Index;
        foreach (var p in game.Players)
        {
            var last = p.Answers.Count == 0 ? -1 : p.Answers.Keys.Max();
            if (last < lastClosed) p.Streak = 0;
        }
        game.Restore(snapshot);
        game.Stored = snapshot;
        return game;
    }

    public static LiveSnapshot Snapshot(LiveGameRecord r) => new(
        r.Phase, r.CurrentIndex, r.OpenedAt, r.Deadline, r.Paused, r.PausedAt, TimeSpan.FromMilliseconds(r.PausedTotalMs), r.Phase != GamePhase.Question, r.FinishedAt);

    /// <summary>
    /// Adds the players and answers stored in PostgreSQL that the game does not know yet (all questions, or
    /// only <paramref name="index"/>); returns how many answers were added.
    /// </summary>
    public static async Task<int> MergeAsync(ContestDb db, LiveGame game, int? index)
    {
        var players = await db.Set<LivePlayerRecord>().AsNoTracking().Where(p => p.GameId == game.Id).ToListAsync();
        // Ordered here, not in SQL: SQLite cannot order by DateTimeOffset (the embedded default loads games too).
        foreach (var r in players.OrderBy(p => p.JoinedAt))
        {
            if (game.Player(r.Id) is not null) continue;
            game.RestorePlayer(new LivePlayer
            {
                Id = r.Id, Nickname = r.Nickname, UnitId = r.UnitId, UnitName = r.UnitName, ResumeTokenHash = r.ResumeTokenHash,
                JoinedAt = r.JoinedAt, ScoredAt = r.JoinedAt, Kicked = r.Kicked,
            });
        }
        var query = db.Set<LiveAnswerRecord>().AsNoTracking().Where(a => a.GameId == game.Id);
        if (index is { } i) query = query.Where(a => a.QuestionIndex == i);
        var rows = await query.OrderBy(a => a.QuestionIndex).ThenBy(a => a.Id).ToListAsync();
        var byId = game.Players.ToDictionary(p => p.Id);
        var added = 0;
        foreach (var a in rows)
        {
            if (!byId.TryGetValue(a.PlayerId, out var p) || p.Answers.ContainsKey(a.QuestionIndex)) continue;
            // Rows come in question order, so the answer before is already in place; a gap (a question let pass) ended the run.
            var streak = LiveScoring.NextStreak(LiveScoring.StreakBefore(p.Answers, a.QuestionIndex), a.Correct);
            var answer = JsonSerializer.Deserialize<SubmittedAnswer>(a.Answer, LiveGameService.JsonOptions) ?? new SubmittedAnswer();
            if (game.RestoreAnswer(new PlayerAnswer(a.PlayerId, a.QuestionIndex, answer, a.ReceivedAt, TimeSpan.FromMilliseconds(a.ElapsedMs),
                    a.Correct, a.Credit, a.BasePoints, a.StreakBonus, a.Points, streak)))
                added++;
        }
        return added;
    }
}
