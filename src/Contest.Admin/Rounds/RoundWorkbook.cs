using ClosedXML.Excel;
using Contest.Admin.Excel;
using Contest.Admin.Localization;
using Contest.Engine.Questions;
using Contest.Engine.Rounds;
using Contest.Engine.Rounds.Integrity;
using Contest.Engine.Storage;
using Microsoft.EntityFrameworkCore;
using Contest.Engine.Time;

namespace Contest.Admin.Rounds;

/// <summary>
/// A round's Excel report: the full ranking, every answer (so each rank can be checked by hand), the
/// statistics per unit, and the qualifiers of a later stage. Column widths are fixed: measuring text
/// would need System.Drawing's native library.
/// </summary>
public static class RoundWorkbook
{
    public static async Task<byte[]> RankingAsync(ContestDb db, RoundResultsView results, CancellationToken ct = default)
    {
        using var wb = new XLWorkbook();
        var rank = wb.AddWorksheet("Xếp hạng");
        // Columns 11–15 carry what recomputing the ranking from scratch needs; voided entries follow the ranked rows, unranked.
        Header(rank, "Hạng", "Họ và tên", "Đơn vị", "Số câu đúng", "Dự đoán", "Chênh lệch dự đoán", "Thời gian (giây)", "Nộp lúc (giờ Việt Nam)", "Mã thí sinh", "Giải",
            "Số người đúng tất cả (thực tế)", "Thời gian (mili giây)", "Mã lượt thi", "Bị hủy", "Lý do hủy");
        var row = 2;
        foreach (var r in results.Ranking)
        {
            rank.Cell(row, 1).Value = r.Rank;
            rank.Cell(row, 2).SetText(r.FullName);
            rank.Cell(row, 3).SetText(r.Unit);
            rank.Cell(row, 4).Value = r.Correct;
            if (r.Prediction is { } p) rank.Cell(row, 5).Value = p;
            if (r.PredictionError is { } e) rank.Cell(row, 6).Value = e;
            rank.Cell(row, 7).Value = r.TimeTakenSeconds;
            rank.Cell(row, 8).SetText(VietnamTime.ToLocal(r.SubmittedAt).ToString("dd/MM/yyyy HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture));
            rank.Cell(row, 9).Value = r.ParticipantId;
            rank.Cell(row, 10).SetText(string.Join(", ", results.PrizesOf(r.ParticipantId)));
            if (results.AllCorrectCount is { } all) rank.Cell(row, 11).Value = all;
            rank.Cell(row, 12).Value = r.TimeTakenMs;
            rank.Cell(row, 13).Value = r.AttemptId;
            rank.Cell(row, 14).SetText("Không");
            row++;
        }
        foreach (var v in await VoidedAsync(db, results, ct))
        {
            rank.Cell(row, 2).SetText(v.FullName);
            rank.Cell(row, 3).SetText(v.Unit);
            rank.Cell(row, 4).Value = v.Correct;
            if (v.Prediction is { } p) rank.Cell(row, 5).Value = p;
            if (v.Prediction is { } p2 && results.AllCorrectCount is { } all) rank.Cell(row, 6).Value = Math.Abs((long)p2 - all);
            rank.Cell(row, 7).Value = v.TimeTakenMs / 1000.0;
            rank.Cell(row, 8).SetText(VietnamTime.ToLocal(v.SubmittedAt).ToString("dd/MM/yyyy HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture));
            rank.Cell(row, 9).Value = v.ParticipantId;
            if (results.AllCorrectCount is { } all2) rank.Cell(row, 11).Value = all2;
            rank.Cell(row, 12).Value = v.TimeTakenMs;
            rank.Cell(row, 13).Value = v.AttemptId;
            rank.Cell(row, 14).SetText("Có");
            rank.Cell(row, 15).SetText(v.Reason);
            row++;
        }
        Widths(rank, 7, 28, 30, 12, 10, 18, 16, 24, 12, 30, 16, 14, 12, 8, 40);

        Prizes(wb.AddWorksheet("Giải thưởng"), results);

        var answers = wb.AddWorksheet("Câu trả lời");
        Header(answers, "Mã thí sinh", "Họ và tên", "Lượt", "Câu", "Mã câu hỏi", "Câu hỏi", "Trả lời", "Đúng", "Điểm", "Trả lời lúc (giờ Việt Nam)");
        var attempts = await db.Set<RoundAttempt>().AsNoTracking().Include(a => a.Items).Where(a => a.RoundId == results.RoundId && a.FinishedAt != null)
            .OrderBy(a => a.ParticipantId).ThenBy(a => a.Number).ToListAsync(ct);
        // Voided entries' answers are listed too, under their names: they are not in the ranking.
        var takers = attempts.Select(a => a.ParticipantId).Distinct().ToList();
        var names = await db.Set<RoundParticipant>().AsNoTracking().Where(p => takers.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.FullName, ct);
        var qids = attempts.SelectMany(a => a.Items.Select(i => i.QuestionId)).Distinct().ToList();
        var questions = await db.Questions.AsNoTracking().Where(q => qids.Contains(q.Id)).ToDictionaryAsync(q => q.Id, ct);
        row = 2;
        foreach (var a in attempts)
        {
            foreach (var i in a.Items.OrderBy(i => i.Position))
            {
                var q = questions.GetValueOrDefault(i.QuestionId);
                answers.Cell(row, 1).Value = a.ParticipantId;
                answers.Cell(row, 2).SetText(names.GetValueOrDefault(a.ParticipantId) ?? "");
                answers.Cell(row, 3).Value = a.Number;
                answers.Cell(row, 4).Value = i.Position;
                answers.Cell(row, 5).Value = i.QuestionId;
                answers.Cell(row, 6).SetText(q?.Text);
                answers.Cell(row, 7).SetText(q is null ? "" : Given(q, i));
                answers.Cell(row, 8).SetText(i.Correct ? "Đúng" : "Sai");
                answers.Cell(row, 9).Value = i.Credit;
                if (i.AnsweredAt is { } at) answers.Cell(row, 10).SetText(VietnamTime.ToLocal(at).ToString("dd/MM/yyyy HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture));
                row++;
            }
        }
        Widths(answers, 12, 28, 7, 6, 11, 60, 40, 8, 8, 24);

        var units = wb.AddWorksheet("Theo đơn vị");
        Header(units, "Đơn vị", "Cấp", "Số người dự thi", "Số đoàn viên", "Tỷ lệ tham gia", "Số câu đúng trung bình");
        row = 2;
        foreach (var s in await UnitStatistics.ForRoundAsync(db, results.RoundId, ct))
        {
            units.Cell(row, 1).SetText(new string(' ', s.Depth * 3) + s.Name);
            units.Cell(row, 2).SetText(EnumNames.In("vi", s.Level));
            units.Cell(row, 3).Value = s.Participants;
            units.Cell(row, 4).Value = s.Members;
            if (s.Rate is { } rate) { units.Cell(row, 5).Value = rate; units.Cell(row, 5).Style.NumberFormat.Format = "0.0%"; }
            if (s.AverageCorrect is { } avg) units.Cell(row, 6).Value = Math.Round(avg, 2);
            row++;
        }
        Widths(units, 45, 12, 16, 14, 14, 20);
        return Save(wb);
    }

    private sealed record VoidedEntry(int ParticipantId, string FullName, string? Unit, int Correct, int? Prediction, long TimeTakenMs, DateTimeOffset SubmittedAt, long AttemptId, string Reason);

    /// <summary>
    /// Entries left out of the ranking, voided in this round's review or as a whole entry, each with the attempt that
    /// would have counted (the ranking's own choice) and the reason with who decided and when: their rows stay for audit.
    /// </summary>
    private static async Task<List<VoidedEntry>> VoidedAsync(ContestDb db, RoundResultsView results, CancellationToken ct)
    {
        var roundId = results.RoundId;
        var here = await db.Set<IntegrityDecision>().AsNoTracking().Where(d => d.RoundId == roundId && d.Outcome == DecisionOutcome.Voided && d.UndoneAt == null).ToListAsync(ct);
        var attempts = await db.Set<RoundAttempt>().AsNoTracking().Where(a => a.RoundId == roundId && a.FinishedAt != null)
            .Select(a => new { a.Id, a.ParticipantId, a.Correct, a.Prediction, a.TimeTakenMs, FinishedAt = a.FinishedAt!.Value }).ToListAsync(ct);
        var ranked = results.Ranking.Select(r => r.ParticipantId).ToHashSet();
        var ids = attempts.Select(a => a.ParticipantId).Where(id => !ranked.Contains(id)).Distinct().ToList();
        var people = await db.Set<RoundParticipant>().AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var unitIds = people.Values.Where(p => p.UnitId != null).Select(p => p.UnitId!.Value).ToList();
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var list = new List<VoidedEntry>();
        foreach (var id in ids.Order())
        {
            var p = people.GetValueOrDefault(id);
            var decision = here.FirstOrDefault(d => d.ParticipantId == id);
            var reason = decision is not null ? $"{decision.Reason} ({decision.DecidedBy}, {VietnamTime.Format(decision.DecidedAt)})"
                : p?.VoidedAt is { } at ? $"{p.VoidReason} ({p.VoidedBy}, {VietnamTime.Format(at)})" : null;
            if (reason is null) continue;
            var counting = RoundRanking.CountingAttempt(attempts.Where(a => a.ParticipantId == id)
                .Select(a => new RankInput(a.ParticipantId, a.Id, a.Correct, a.Prediction, TimeSpan.FromMilliseconds(a.TimeTakenMs), a.FinishedAt)));
            list.Add(new VoidedEntry(id, p?.FullName ?? "?", p?.UnitId is { } u ? units.GetValueOrDefault(u) : null, counting.Correct, counting.Prediction,
                (long)counting.TimeTaken.TotalMilliseconds, counting.SubmittedAt, counting.AttemptId, reason));
        }
        return list;
    }

    /// <summary>Every prize won, in the table's order, with what it was decided on, and the table's options below.</summary>
    private static void Prizes(IXLWorksheet ws, RoundResultsView results)
    {
        Header(ws, "Giải", "Loại giải", "Người / đơn vị đạt giải", "Mã thí sinh", "Hạng / vị trí", "Căn cứ");
        var row = 2;
        foreach (var p in results.Prizes)
        {
            ws.Cell(row, 1).SetText(p.Name);
            ws.Cell(row, 2).SetText(EnumNames.In("vi", p.Kind));
            ws.Cell(row, 3).SetText(p.Winner);
            if (p.ParticipantId is { } id) ws.Cell(row, 4).Value = id;
            ws.Cell(row, 5).Value = p.Place;
            ws.Cell(row, 6).SetText(p.Kind switch
            {
                PrizeKind.ClosestPrediction => $"Chênh lệch dự đoán {p.Measure:0}",
                PrizeKind.UnitMostParticipants => $"{p.ParticipantCount} người dự thi",
                PrizeKind.UnitParticipationRate => $"Tỷ lệ tham gia {p.Measure * 100:0.0}% ({p.ParticipantCount} người dự thi)".Replace('.', ','),
                PrizeKind.UnitAverageScore => $"{p.Measure:0.00} câu đúng bình quân ({p.ParticipantCount} người dự thi)".Replace('.', ','),
                _ => $"Hạng {p.Place}",
            });
            row++;
        }
        if (results.Prizes.Count == 0) ws.Cell(row++, 1).SetText("Không có giải nào được trao.");
        if (results.PrizeOptions is { } o)
        {
            row++;
            ws.Cell(row++, 1).SetText($"Giải dự đoán, khi chênh lệch bằng nhau: {EnumNames.In("vi", o.PredictionTieBreak)}.");
            ws.Cell(row, 1).SetText(o.OnePrizePerPerson ? "Mỗi người chỉ nhận một giải." : "Một người có thể nhận nhiều giải.");
        }
        Widths(ws, 40, 36, 34, 12, 12, 44);
    }

    public static byte[] Qualifiers(IReadOnlyList<Qualifier> qualifiers, IReadOnlyDictionary<int, string> names)
    {
        using var wb = new XLWorkbook();
        var ws = wb.AddWorksheet("Vào vòng sau");
        Header(ws, "Thứ tự", "Mã thí sinh", "Họ và tên", "Hạng tốt nhất", "Vòng", "Số câu đúng", "Thời gian (giây)");
        var row = 2;
        foreach (var q in qualifiers)
        {
            ws.Cell(row, 1).Value = q.Place;
            ws.Cell(row, 2).Value = q.ParticipantId;
            ws.Cell(row, 3).SetText(names.GetValueOrDefault(q.ParticipantId));
            ws.Cell(row, 4).Value = q.BestRank;
            ws.Cell(row, 5).Value = q.RoundId;
            ws.Cell(row, 6).Value = q.Correct;
            ws.Cell(row, 7).Value = q.TimeTakenMs / 1000.0;
            row++;
        }
        Widths(ws, 8, 12, 30, 14, 8, 12, 16);
        return Save(wb);
    }

    private static string Given(Question q, AttemptItem i)
    {
        if (i.AnswerText is { } t) return t;
        var picks = i.AnswerOptions ?? i.AnswerOrder;
        if (picks is null) return "";
        var sep = i.AnswerOrder is not null ? " → " : "; ";
        return string.Join(sep, picks.Select(p => p >= 0 && p < q.Options.Count ? q.Options[p] : $"#{p}"));
    }

    private static void Header(IXLWorksheet ws, params string[] titles)
    {
        for (var c = 0; c < titles.Length; c++) ws.Cell(1, c + 1).Value = titles[c];
        ws.Row(1).Style.Font.Bold = true;
        ws.SheetView.FreezeRows(1);
    }

    private static void Widths(IXLWorksheet ws, params double[] widths)
    {
        for (var c = 0; c < widths.Length; c++) ws.Column(c + 1).Width = widths[c];
    }

    private static byte[] Save(XLWorkbook wb)
    {
        using var ms = new MemoryStream();
        wb.SaveAs(ms);
        return ms.ToArray();
    }
}
