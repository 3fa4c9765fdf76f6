using System.Globalization;
using ClosedXML.Excel;
using Contest.Admin.Excel;
using Contest.Engine.LiveGames;
using Contest.Engine.Questions;
using Contest.Engine.Time;
using Microsoft.Extensions.Localization;

namespace Contest.Web.LiveGames;

/// <summary>
/// The results workbook of a live game, read like a report in the reader's language (Vietnamese unless they chose
/// English): the ranking, the unit ranking in team games, how each question went, every answer in the question's
/// words with its time and points (so each rank can be checked by hand), and the game's settings in words. Times are
/// Vietnam time and say so. Every user-typed text is a text cell, never a formula.
/// </summary>
public static class LiveResultsWorkbook
{
    private const string Instant = "dd/mm/yyyy hh:mm:ss";
    private const string Precise = "dd/mm/yyyy hh:mm:ss.000";

    public static byte[] Write(LiveResults r, IStringLocalizer<LiveResultsUi> t)
    {
        using var wb = new XLWorkbook();
        var teams = r.Game.Teams != TeamMode.None;
        Ranking(wb.AddWorksheet(t["Sheet.Ranking"]), r, t, teams);
        if (teams) Teams(wb.AddWorksheet(t["Sheet.Teams"]), r, t);
        Summary(wb.AddWorksheet(t["Sheet.Summary"]), r, t);
        Answers(wb.AddWorksheet(t["Sheet.Answers"]), r, t, teams);
        Game(wb.AddWorksheet(t["Sheet.Game"]), r, t);
        using var ms = new MemoryStream();
        wb.SaveAs(ms);
        return ms.ToArray();
    }

    private static void Ranking(IXLWorksheet s, LiveResults r, IStringLocalizer<LiveResultsUi> t, bool teams)
    {
        var cols = new List<string> { t["Col.Rank"], t["Col.Nickname"] };
        if (teams) cols.Add(t["Col.Unit"]);
        cols.AddRange([t["Col.Score"], t["Col.Answered"], t["Col.Right"], t["Col.MeanTime"], t["Col.Joined"], t["Col.Removed"]]);
        Header(s, cols);
        var row = 2;
        foreach (var p in r.Players.OrderBy(p => p.Kicked).ThenBy(p => p.FinalRank ?? long.MaxValue).ThenBy(p => p.JoinedAt))
        {
            var mine = r.AnswersByPlayer[p.Id].ToList();
            var c = 1;
            if (p.FinalRank is { } rank && !p.Kicked) s.Cell(row, c).Value = rank;
            c++;
            Text(s.Cell(row, c++), p.Nickname);
            if (teams) Text(s.Cell(row, c++), p.UnitName);
            s.Cell(row, c++).Value = LiveResultsExport.Score(p, mine);
            s.Cell(row, c++).Value = mine.Count;
            s.Cell(row, c++).Value = mine.Count(a => a.Correct);
            Seconds(s.Cell(row, c++), mine.Count == 0 ? null : mine.Average(a => (double)a.ElapsedMs), "0.00");
            Time(s.Cell(row, c++), p.JoinedAt, Instant);
            if (p.Kicked) Text(s.Cell(row, c), t["Yes"]);
            row++;
        }
        Widths(s, teams ? [7, 24, 30, 10, 12, 12, 16, 22, 12] : [7, 24, 10, 12, 12, 16, 22, 12]);
    }

    private static void Teams(IXLWorksheet s, LiveResults r, IStringLocalizer<LiveResultsUi> t)
    {
        Header(s, [t["Col.Rank"], t["Col.Unit"], t["Col.Score"], t["Col.Members"], t["Col.MeanTime"]]);
        var row = 2;
        foreach (var team in r.Teams)
        {
            s.Cell(row, 1).Value = team.Rank;
            Text(s.Cell(row, 2), team.Name);
            s.Cell(row, 3).Value = team.Score;
            s.Cell(row, 4).Value = team.Members;
            Seconds(s.Cell(row, 5), team.MeanAnswerMs, "0.000");
            row++;
        }
        Widths(s, [7, 36, 10, 12, 16]);
    }

    private static void Summary(IXLWorksheet s, LiveResults r, IStringLocalizer<LiveResultsUi> t)
    {
        Header(s, [t["Col.QuestionNo"], t["Col.Question"], t["Col.Type"], t["Col.Key"], t["Col.AnsweredCount"], t["Col.RightCount"], t["Col.PartialCount"],
            t["Col.WrongCount"], t["Col.NoAnswerCount"], t["Col.CorrectPercent"], t["Col.MeanTime"], t["Col.Hardest"]]);
        var d = r.Debrief;
        var row = 2;
        foreach (var q in d.Questions)
        {
            var source = r.Questions[q.Index];
            s.Cell(row, 1).Value = q.Index + 1;
            Text(s.Cell(row, 2), q.Text);
            Text(s.Cell(row, 3), t["Type." + q.Type]);
            Text(s.Cell(row, 4), source is null ? "" : LiveResultsExport.KeyText(source));
            s.Cell(row, 5).Value = q.Answered;
            s.Cell(row, 6).Value = q.Right;
            s.Cell(row, 7).Value = q.Partial;
            s.Cell(row, 8).Value = q.Wrong;
            s.Cell(row, 9).Value = q.NoAnswer;
            Share(s.Cell(row, 10), q.Right, d.Players);
            Seconds(s.Cell(row, 11), q.MeanAnswerMs, "0.00");
            var hard = d.Hardest.ToList().IndexOf(q.Index);
            if (hard >= 0) s.Cell(row, 12).Value = hard + 1;
            row++;
        }
        // The whole game under the questions, after a blank row.
        row++;
        Text(s.Cell(row, 2), t["Summary.Whole"]);
        s.Cell(row, 5).Value = d.Questions.Sum(q => q.Answered);
        s.Cell(row, 6).Value = d.Questions.Sum(q => q.Right);
        s.Cell(row, 7).Value = d.Questions.Sum(q => q.Partial);
        s.Cell(row, 8).Value = d.Questions.Sum(q => q.Wrong);
        s.Cell(row, 9).Value = d.Questions.Sum(q => q.NoAnswer);
        Share(s.Cell(row, 10), d.Questions.Sum(q => q.Right), d.Players * d.Played);
        Seconds(s.Cell(row, 11), d.MeanAnswerMs, "0.00");
        s.Row(row).Style.Font.Bold = true;
        Widths(s, [8, 50, 14, 30, 12, 8, 12, 8, 12, 12, 16, 12]);
    }

    private static void Answers(IXLWorksheet s, LiveResults r, IStringLocalizer<LiveResultsUi> t, bool teams)
    {
        var cols = new List<string> { t["Col.QuestionNo"], t["Col.Question"], t["Col.Nickname"] };
        if (teams) cols.Add(t["Col.Unit"]);
        cols.AddRange([t["Col.Answer"], t["Col.Result"], t["Col.Credit"], t["Col.Received"], t["Col.Elapsed"], t["Col.BasePoints"], t["Col.StreakBonus"], t["Col.Points"]]);
        Header(s, cols);
        var players = r.Players.ToDictionary(p => p.Id);
        var row = 2;
        foreach (var a in r.Answers.OrderBy(a => a.QuestionIndex).ThenBy(a => a.ReceivedAt).ThenBy(a => a.Id))
        {
            var q = a.QuestionIndex >= 0 && a.QuestionIndex < r.Questions.Count ? r.Questions[a.QuestionIndex] : null;
            var p = players.GetValueOrDefault(a.PlayerId);
            var c = 1;
            s.Cell(row, c++).Value = a.QuestionIndex + 1;
            Text(s.Cell(row, c++), q?.Text ?? t["Question.Missing", a.QuestionId].Value);
            Text(s.Cell(row, c++), p?.Nickname ?? "?");
            if (teams) Text(s.Cell(row, c++), p?.UnitName);
            Text(s.Cell(row, c++), LiveResultsExport.AnswerText(q, a.Answer));
            Text(s.Cell(row, c++), t[a.Correct ? "Result.Right" : a.Credit > 0 ? "Result.Partial" : "Result.Wrong"]);
            s.Cell(row, c).Value = a.Credit;
            s.Cell(row, c++).Style.NumberFormat.Format = "0%";
            Time(s.Cell(row, c++), a.ReceivedAt, Precise);
            Seconds(s.Cell(row, c++), a.ElapsedMs, "0.000");
            s.Cell(row, c++).Value = a.BasePoints;
            s.Cell(row, c++).Value = a.StreakBonus;
            s.Cell(row, c).Value = a.Points;
            row++;
        }
        Widths(s, teams ? [8, 40, 20, 26, 30, 14, 12, 26, 14, 12, 12, 12] : [8, 40, 20, 30, 14, 12, 26, 14, 12, 12, 12]);
    }

    private static void Game(IXLWorksheet s, LiveResults r, IStringLocalizer<LiveResultsUi> t)
    {
        var g = r.Game;
        var d = r.Debrief;
        var row = 1;
        void Line(string label, Action<IXLCell> value)
        {
            Text(s.Cell(row, 1), label);
            s.Cell(row, 1).Style.Font.Bold = true;
            value(s.Cell(row, 2));
            row++;
        }
        Line(t["Game.Title"], c => Text(c, g.Title));
        if (r.BankName is { } bank) Line(t["Game.Bank"], c => Text(c, bank));
        Line(t["Game.Pin"], c => Text(c, g.Pin));
        Line(t["Game.Host"], c => Text(c, g.Host));
        Line(t["Game.Scoring"], c => Text(c, t["Game.Scoring." + g.Scoring]));
        Line(t["Game.Streak"], c => Text(c, t[g.StreakBonus ? "Game.Streak.On" : "Game.Streak.Off"]));
        Line(t["Game.Teams"], c => Text(c, t["Game.Teams." + g.Teams]));
        if (g.Teams != TeamMode.None) Line(t["Game.TeamTies"], c => Text(c, t["Game.TeamTies.Rule"]));
        Line(t["Game.Podium"], c => c.Value = g.PodiumSize);
        Line(t["Game.Timer"], c => Text(c, t["Game.Timer." + g.TimerFactor.ToString(CultureInfo.InvariantCulture)]));
        Line(t["Game.Questions"], c => Text(c, t["Game.QuestionsPlayed", g.QuestionIds.Count, d.Played]));
        Line(t["Game.Players"], c => c.Value = d.Players);
        Line(t["Game.CorrectPercent"], c => Share(c, d.Questions.Sum(q => q.Right), d.Players * d.Played));
        Line(t["Game.MeanTime"], c => Seconds(c, d.MeanAnswerMs, "0.00"));
        Line(t["Game.Created"], c => Time(c, g.CreatedAt, Instant));
        Line(t["Game.Finished"], c => { if (g.FinishedAt is { } f) Time(c, f, Instant); else Text(c, t["Game.NotFinished"]); });
        s.Column(1).Width = 40;
        s.Column(2).Width = 90;
        s.Column(2).Style.Alignment.WrapText = true;
        s.Column(2).Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Left;
    }

    private static void Header(IXLWorksheet s, IReadOnlyList<string> titles)
    {
        for (var c = 0; c < titles.Count; c++) s.Cell(1, c + 1).Value = titles[c];
        s.Row(1).Style.Font.Bold = true;
        s.Row(1).Style.Alignment.WrapText = true;
        s.SheetView.FreezeRows(1);
    }

    private static void Widths(IXLWorksheet s, double[] widths)
    {
        for (var c = 0; c < widths.Length; c++) s.Column(c + 1).Width = widths[c];
    }

    /// <summary>A stored UTC instant as Vietnam wall-clock time (the column header names the zone).</summary>
    private static void Time(IXLCell cell, DateTimeOffset utc, string format)
    {
        cell.Value = VietnamTime.ToLocal(utc).DateTime;
        cell.Style.DateFormat.Format = format;
    }

    private static void Seconds(IXLCell cell, double? ms, string format)
    {
        if (ms is not { } v) return;
        cell.Value = v / 1000;
        cell.Style.NumberFormat.Format = format;
    }

    private static void Share(IXLCell cell, int part, int whole)
    {
        if (whole <= 0) return;
        cell.Value = (double)part / whole;
        cell.Style.NumberFormat.Format = "0%";
    }

    /// <summary>User text is always a text cell: a nickname like "=HYPERLINK(…)" must never become a formula.</summary>
    private static void Text(IXLCell cell, string? text) => cell.SetText(text);
}
