using System.Text.Json;
using Contest.Engine.LiveGames;
using Contest.Engine.Questions;
using Contest.Engine.Questions.Answers;
using Contest.Engine.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Contest.Web.LiveGames;

/// <summary>
/// A stored game as the record of what happened: read from the database alone (any node, any time after), with the
/// debrief and the unit ranking computed by the same engine code the host screen used. <see cref="LiveResultsWorkbook"/>
/// lays it out.
/// </summary>
public static class LiveResultsExport
{
    public static async Task<(LiveGameRecord Game, byte[] Workbook)?> BuildAsync(ContestDb db, Guid gameId, IStringLocalizer<LiveResultsUi> t) =>
        await LoadAsync(db, gameId, t) is { } data ? (data.Game, LiveResultsWorkbook.Write(data, t)) : null;

    /// <summary>The game's rows, its debrief and unit ranking (null when there is no such game); also what the screens after the end show (<see cref="LiveFinals"/>).</summary>
    public static async Task<LiveResults?> LoadAsync(ContestDb db, Guid gameId, IStringLocalizer<LiveResultsUi> t)
    {
        var game = await db.Set<LiveGameRecord>().AsNoTracking().FirstOrDefaultAsync(g => g.Id == gameId);
        if (game is null) return null;
        var players = await db.Set<LivePlayerRecord>().AsNoTracking().Where(p => p.GameId == gameId).ToListAsync();
        var answers = await db.Set<LiveAnswerRecord>().AsNoTracking().Where(a => a.GameId == gameId).ToListAsync();
        var ids = game.QuestionIds;
        var sources = await db.Questions.AsNoTracking().Where(q => ids.Contains(q.Id)).ToDictionaryAsync(q => q.Id);
        var bank = game.BankId is { } b ? await db.QuestionBanks.AsNoTracking().Where(x => x.Id == b).Select(x => x.Name).FirstOrDefaultAsync() : null;

        var questions = ids.Select(id => sources.GetValueOrDefault(id)).ToList();
        var inGame = players.Where(p => !p.Kicked).Select(p => p.Id).ToHashSet();
        var counted = answers.Where(a => inGame.Contains(a.PlayerId)).ToList();
        var played = Math.Max(game.CurrentIndex + 1, answers.Count == 0 ? 0 : answers.Max(a => a.QuestionIndex) + 1);
        var debrief = LiveDebrief.Build(
            questions.Select((q, i) => (q?.Text ?? t["Question.Missing", ids[i]].Value, q?.Type ?? QuestionType.SingleChoice)).ToList(),
            played, inGame.Count, counted.Select(a => new DebriefAnswer(a.QuestionIndex, a.Correct, a.Credit, a.ElapsedMs)));
        var byPlayer = answers.ToLookup(a => a.PlayerId);
        var teams = LiveTeams.Rank(game.Teams, players.Where(p => !p.Kicked && p.UnitId is not null).Select(p =>
        {
            var mine = byPlayer[p.Id];
            return new TeamMember(p.UnitId!.Value, p.UnitName, Score(p, mine), mine.Sum(a => (long)a.ElapsedMs), mine.Count());
        }));

        return new LiveResults(game, bank, players, byPlayer, answers, questions, debrief, teams);
    }

    /// <summary>The final score, or (a game not finished) the points so far.</summary>
    public static long Score(LivePlayerRecord p, IEnumerable<LiveAnswerRecord> answers) => p.FinalScore ?? answers.Sum(a => (long)a.Points);

    /// <summary>
    /// What the player answered, in the question's words: the chosen options (";"-separated), the order they gave
    /// ("→"), or the typed text. Stored answers hold stored option indexes, whatever order the phone showed.
    /// </summary>
    public static string AnswerText(Question? q, string json)
    {
        SubmittedAnswer? a;
        try { a = JsonSerializer.Deserialize<SubmittedAnswer>(json, LiveGameService.JsonOptions); }
        catch (JsonException) { return json; }
        if (a is null) return "";
        if (a.Text is { } text) return text;
        if (a.Order is { } order) return string.Join(" → ", order.Select(i => Option(q, i)));
        return string.Join("; ", (a.Options ?? []).Select(i => Option(q, i)));
    }

    /// <summary>The right answer in the question's words.</summary>
    public static string KeyText(Question q) => q.Type switch
    {
        QuestionType.Ordering => string.Join(" → ", q.Options),
        QuestionType.FillBlank => string.Join(" / ", q.AcceptedAnswers),
        _ => string.Join("; ", q.CorrectOptions.Select(i => Option(q, i))),
    };

    private static string Option(Question? q, int stored) => q is not null && stored >= 0 && stored < q.Options.Count ? q.Options[stored] : $"#{stored + 1}";
}

/// <summary>Everything the workbook shows, loaded and computed.</summary>
public sealed record LiveResults(
    LiveGameRecord Game, string? BankName, IReadOnlyList<LivePlayerRecord> Players, ILookup<Guid, LiveAnswerRecord> AnswersByPlayer,
    IReadOnlyList<LiveAnswerRecord> Answers, IReadOnlyList<Question?> Questions, GameDebrief Debrief, IReadOnlyList<TeamStanding> Teams);
