using ClosedXML.Excel;
using Contest.Engine.LiveGames;
using Contest.Engine.Storage;
using Microsoft.EntityFrameworkCore;

namespace Contest.Web.LiveGames;

/// <summary>A stored game as a workbook: players (final rank and score) and every answer with its time and points, so each rank can be checked.</summary>
public static class LiveResultsExport
{
    public static async Task<(LiveGameRecord Game, byte[] Workbook)?> BuildAsync(ContestDb db, Guid gameId)
    {
        var game = await db.Set<LiveGameRecord>().AsNoTracking().FirstOrDefaultAsync(g => g.Id == gameId);
        if (game is null) return null;
        var players = await db.Set<LivePlayerRecord>().AsNoTracking().Where(p => p.GameId == gameId).ToListAsync();
        var answers = await db.Set<LiveAnswerRecord>().AsNoTracking().Where(a => a.GameId == gameId).ToListAsync();
        var questions = await db.Questions.AsNoTracking().Where(q => game.QuestionIds.Contains(q.Id)).ToDictionaryAsync(q => q.Id, q => q.Text);
        var nick = players.ToDictionary(p => p.Id, p => p.Nickname);
        var byPlayer = answers.ToLookup(a => a.PlayerId);

        using var wb = new XLWorkbook();
        var s = wb.AddWorksheet("Players");
        Row(s, 1, "Rank", "Nickname", "Unit", "Score", "Answers", "Correct", "Joined (UTC)", "Removed");
        var r = 2;
        foreach (var p in players.OrderBy(p => p.FinalRank ?? long.MaxValue).ThenBy(p => p.JoinedAt))
        {
            var mine = byPlayer[p.Id].ToList();
            Row(s, r++, p.FinalRank, p.Nickname, p.UnitName, p.FinalScore ?? mine.Sum(a => a.Points), mine.Count, mine.Count(a => a.Correct), p.JoinedAt.UtcDateTime, p.Kicked ? "yes" : "");
        }

        var a2 = wb.AddWorksheet("Answers");
        Row(a2, 1, "Question #", "Question", "Nickname", "Answer", "Received (UTC)", "Elapsed (ms)", "Correct", "Credit", "Base points", "Streak bonus", "Points");
        r = 2;
        foreach (var a in answers.OrderBy(a => a.QuestionIndex).ThenBy(a => a.ReceivedAt))
        {
            Row(a2, r++, a.QuestionIndex + 1, questions.GetValueOrDefault(a.QuestionId, $"#{a.QuestionId}"), nick.GetValueOrDefault(a.PlayerId, "?"), a.Answer,
                a.ReceivedAt.UtcDateTime, a.ElapsedMs, a.Correct ? "yes" : "no", a.Credit, a.BasePoints, a.StreakBonus, a.Points);
        }

        var g = wb.AddWorksheet("Game");
        Row(g, 1, "Title", game.Title);
        Row(g, 2, "PIN", game.Pin);
        Row(g, 3, "Host", game.Host);
        Row(g, 4, "Scoring", game.Scoring.ToString());
        Row(g, 5, "Teams", game.Teams.ToString());
        Row(g, 6, "Streak bonus", game.StreakBonus ? "yes" : "no");
        Row(g, 7, "Created (UTC)", game.CreatedAt.UtcDateTime);
        Row(g, 8, "Finished (UTC)", game.FinishedAt?.UtcDateTime);

        using var ms = new MemoryStream();
        wb.SaveAs(ms);
        return (game, ms.ToArray());
    }

    private static void Row(IXLWorksheet s, int row, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            var cell = s.Cell(row, i + 1);
            switch (values[i])
            {
                case null: break;
                case string text: Text(cell, text); break;
                case DateTime d: cell.SetValue(d); cell.Style.DateFormat.Format = "yyyy-mm-dd hh:mm:ss.000"; break;
                case int n: cell.SetValue(n); break;
                case long n: cell.SetValue(n); break;
                case double n: cell.SetValue(n); break;
                default: Text(cell, values[i]!.ToString()!); break;
            }
        }
    }

    /// <summary>User text is always a text cell: a nickname like "=HYPERLINK(…)" must never become a formula.</summary>
    private static void Text(IXLCell cell, string text)
    {
        cell.SetValue(text);
        cell.DataType = XLDataType.Text;
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@') cell.Style.IncludeQuotePrefix = true;
    }
}
