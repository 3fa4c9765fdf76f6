using System.Globalization;
using ClosedXML.Excel;
using Contest.Admin.Excel;
using Contest.Admin.Localization;
using Contest.Engine.Pitches;
using Contest.Engine.Time;

namespace Contest.Admin.Pitches;

/// <summary>
/// The results of a pitch round in Excel, made so a team can follow how its rank was made: every
/// judge's score per criterion with comments, each judge's weighted total, what was dropped or
/// normalized, and the team's score and tie-breaks.
/// </summary>
public static class PitchResultsWorkbook
{
    public static byte[] Build(PitchReport report)
    {
        using var wb = new XLWorkbook();
        Ranking(wb.AddWorksheet("Xếp hạng"), report);
        Scores(wb.AddWorksheet("Điểm chi tiết"), report);
        Steps(wb.AddWorksheet("Cách tính"), report);
        Robustness(wb.AddWorksheet("Độ vững"), report);
        Changes(wb.AddWorksheet("Lịch sử sửa điểm"), report);
        using var ms = new MemoryStream();
        wb.SaveAs(ms);
        return ms.ToArray();
    }

    private static void Ranking(IXLWorksheet ws, PitchReport r)
    {
        Header(ws, "Hạng / Rank", "Đội / Team", "Dự án / Project", "Điểm / Score", "Số GK / Judges", "TB tiêu chí phụ / Tie-break mean", "Trung vị / Median", "Phân định / Tie decided by", "Khóa lúc (giờ VN) / Locked at (Vietnam time)", "Khóa bởi / Locked by", "TB z gốc / Raw mean z");
        var row = 2;
        foreach (var s in r.Aggregation.Standings)
        {
            var t = r.Teams.Single(x => x.Id == s.TeamId);
            ws.Cell(row, 1).Number(s.Rank);
            ws.Cell(row, 2).SetText(t.Name);
            ws.Cell(row, 3).SetText(t.Project);
            ws.Cell(row, 4).Number(s.Score);
            ws.Cell(row, 5).Number(s.Judges.Count(j => !j.Dropped));
            ws.Cell(row, 6).Number(s.TieBreakMean);
            ws.Cell(row, 7).Number(s.Median);
            ws.Cell(row, 8).SetText(EnumNames.Both(s.TieBreak));
            ws.Cell(row, 9).SetText(t.LockedAt is { } locked ? VietnamTime.ToLocal(locked).ToString("dd/MM/yyyy HH:mm:ss", CultureInfo.InvariantCulture) : null);
            ws.Cell(row, 10).SetText(t.LockedBy);
            ws.Cell(row, 11).Number(s.MeanZ);
            row++;
        }
        ws.Cell(row + 1, 1).SetText($"Phương pháp / Method: {EnumNames.Both(r.Round.Method)}" + (r.Round.Method == AggregationMethod.ZScore ? ". " + ZScale : ""));
        var tie = r.Criteria.FirstOrDefault(c => c.Id == r.Round.TieBreakCriterionId);
        ws.Cell(row + 2, 1).SetText($"Tiêu chí phân định / Tie-break criterion: {tie?.Name ?? "—"}; sau đó trung vị / then the median.");
        Widths(ws, 8, 28, 40, 10, 10, 14, 12, 14, 22, 16, 12);
    }

    private static void Scores(IXLWorksheet ws, PitchReport r)
    {
        Header(ws, "Đội / Team", "Giám khảo / Judge", "Tiêu chí / Criterion", "Trọng số / Weight", "Tối đa / Max", "Điểm / Score", "Nhận xét / Comment", "Cập nhật (giờ VN) / Updated (Vietnam time)");
        var criteria = r.Criteria.ToDictionary(c => c.Id);
        var row = 2;
        foreach (var s in r.Scores)
        {
            var c = criteria[s.CriterionId];
            ws.Cell(row, 1).SetText(r.Teams.Single(t => t.Id == s.TeamId).Name);
            ws.Cell(row, 2).SetText(r.JudgeNames[s.JudgeId]);
            ws.Cell(row, 3).SetText(c.Name);
            ws.Cell(row, 4).Number(c.Weight);
            ws.Cell(row, 5).Number(c.MaxScore);
            ws.Cell(row, 6).Number(s.Score);
            ws.Cell(row, 7).SetText(s.Comment);
            ws.Cell(row, 8).SetText(VietnamTime.ToLocal(s.UpdatedAt).ToString("dd/MM/yyyy HH:mm:ss", CultureInfo.InvariantCulture));
            row++;
        }
        Widths(ws, 28, 24, 36, 10, 8, 8, 60, 22);
    }

    private static void Steps(IXLWorksheet ws, PitchReport r)
    {
        var weights = r.Criteria.Sum(c => c.Weight);
        var row = 1;
        ws.Cell(row++, 1).SetText($"Tổng của một giám khảo / A judge's total = 100 × Σ(trọng số × điểm / tối đa) / Σ trọng số; Σ trọng số / Σ weights = {weights.ToString(CultureInfo.InvariantCulture)}");
        ws.Cell(row++, 1).SetText(r.Round.Method switch
        {
            AggregationMethod.TrimmedMean => $"Trung bình cắt / Trimmed mean: từ {RubricAggregator.TrimFrom} giám khảo, bỏ điểm cao nhất và thấp nhất / from {RubricAggregator.TrimFrom} judges the highest and lowest totals are dropped.",
            AggregationMethod.ZScore => "Chuẩn hóa z / z-score: z = (tổng − TB của giám khảo) / độ lệch chuẩn của giám khảo; xếp hạng theo TB các z / ranked by mean z. " + ZScale,
            _ => "Trung bình / Mean of the judges' totals.",
        });
        if (r.Aggregation.Scales.Count > 0)
        {
            row++;
            HeaderAt(ws, row++, "Giám khảo / Judge", "TB / Mean", "Độ lệch chuẩn / SD", "Số đội / Teams");
            foreach (var s in r.Aggregation.Scales)
            {
                ws.Cell(row, 1).SetText(r.JudgeNames[s.JudgeId]);
                ws.Cell(row, 2).Number(s.Mean);
                ws.Cell(row, 3).Number(s.StdDev);
                ws.Cell(row, 4).Number(s.Teams);
                row++;
            }
        }
        row++;
        var columns = new List<string> { "Đội / Team", "Giám khảo / Judge" };
        columns.AddRange(r.Criteria.Select(c => $"{c.Name} ({c.Weight.ToString(CultureInfo.InvariantCulture)} × điểm/{c.MaxScore})"));
        columns.AddRange(["Tổng / Total", "z", "Tính / Counted"]);
        HeaderAt(ws, row++, [.. columns]);
        foreach (var s in r.Aggregation.Standings)
        {
            var team = r.Teams.Single(t => t.Id == s.TeamId);
            foreach (var line in s.Judges)
            {
                ws.Cell(row, 1).SetText(team.Name);
                ws.Cell(row, 2).SetText(r.JudgeNames[line.JudgeId]);
                var col = 3;
                foreach (var c in r.Criteria)
                {
                    var score = r.Scores.Single(x => x.TeamId == team.Id && x.JudgeId == line.JudgeId && x.CriterionId == c.Id).Score;
                    ws.Cell(row, col++).Number(Math.Round(c.Weight * score / c.MaxScore, 4));
                }
                ws.Cell(row, col++).Number(line.Total);
                ws.Cell(row, col++).Number(line.Z);
                ws.Cell(row, col).SetText(line.Dropped ? "bỏ / dropped" : "có / yes");
                row++;
            }
            foreach (var judge in s.RecusedJudges)
            {
                ws.Cell(row, 1).SetText(team.Name);
                ws.Cell(row, 2).SetText(r.JudgeNames.GetValueOrDefault(judge, judge));
                ws.Cell(row, 3).SetText("xung đột lợi ích, không chấm / conflict of interest, did not score");
                row++;
            }
            ws.Cell(row, 1).SetText(team.Name);
            ws.Cell(row, 2).SetText("→ " + Explain(r.Round.Method, s));
            ws.Row(row).Style.Font.Bold = true;
            row += 2;
        }
        ws.Column(1).Width = 28;
        ws.Column(2).Width = 30;
    }

    private const string ZScale = "Điểm hiển thị = TB z quy tuyến tính về khoảng điểm trung bình thường của vòng (TB z cao nhất → điểm TB cao nhất, thấp nhất → thấp nhất) / "
        + "Shown score = mean z mapped linearly onto the range of the round's plain means (highest mean z → highest plain mean, lowest → lowest).";

    /// <summary>"Would another method have changed the winner?": each team's place and score under every method.</summary>
    private static void Robustness(IXLWorksheet ws, PitchReport r)
    {
        var rb = r.Robustness;
        ws.Cell(1, 1).SetText($"Phương pháp của vòng / The round's method: {EnumNames.Both(rb.Chosen)}");
        ws.Cell(2, 1).SetText(rb.WinnerChangedBy.Count == 0
            ? "Cả ba phương pháp cho cùng đội nhất / All three methods give the same winner."
            : "Đội nhất sẽ khác nếu dùng / The winner would differ under: " + string.Join(", ", rb.WinnerChangedBy.Select(EnumNames.Both)));
        ws.Cell(3, 1).SetText(ZScale);
        var titles = new List<string> { "Đội / Team" };
        foreach (var m in rb.Methods) titles.AddRange([$"Hạng / Rank — {EnumNames.Both(m)}", $"Điểm / Score — {EnumNames.Both(m)}"]);
        titles.AddRange(["TB z gốc / Raw mean z", "Đổi hạng / Place changes"]);
        HeaderAt(ws, 5, [.. titles]);
        var row = 6;
        foreach (var line in rb.Lines)
        {
            ws.Cell(row, 1).SetText(r.Teams.Single(t => t.Id == line.TeamId).Name);
            var col = 2;
            foreach (var m in rb.Methods)
            {
                ws.Cell(row, col++).Number(line.Under(m).Rank);
                ws.Cell(row, col++).Number(line.Under(m).Score);
            }
            ws.Cell(row, col++).Number(line.Under(AggregationMethod.ZScore).MeanZ);
            ws.Cell(row, col).SetText(line.Changes ? "có / yes" : "không / no");
            if (line.Changes) ws.Row(row).Style.Fill.BackgroundColor = XLColor.FromHtml("#FFF3C4");
            row++;
        }
        ws.Column(1).Width = 28;
        for (var c = 2; c <= titles.Count; c++) ws.Column(c).Width = 16;
    }

    private static void Changes(IXLWorksheet ws, PitchReport r)
    {
        Header(ws, "Thời điểm (giờ VN) / When (Vietnam time)", "Đội / Team", "Giám khảo / Judge", "Tiêu chí / Criterion", "Điểm cũ / Old", "Điểm mới / New", "Nhận xét cũ / Old comment", "Nhận xét mới / New comment");
        var criteria = r.Criteria.ToDictionary(c => c.Id);
        var row = 2;
        foreach (var c in r.Changes)
        {
            ws.Cell(row, 1).SetText(VietnamTime.ToLocal(c.ChangedAt).ToString("dd/MM/yyyy HH:mm:ss", CultureInfo.InvariantCulture));
            ws.Cell(row, 2).SetText(r.Teams.FirstOrDefault(t => t.Id == c.TeamId)?.Name);
            ws.Cell(row, 3).SetText(r.JudgeNames.GetValueOrDefault(c.JudgeId, c.JudgeId));
            ws.Cell(row, 4).SetText(criteria.GetValueOrDefault(c.CriterionId)?.Name ?? c.CriterionId.ToString(CultureInfo.InvariantCulture));
            ws.Cell(row, 5).Number(c.OldScore);
            ws.Cell(row, 6).Number(c.NewScore);
            ws.Cell(row, 7).SetText(c.OldComment);
            ws.Cell(row, 8).SetText(c.NewComment);
            row++;
        }
        Widths(ws, 22, 28, 24, 36, 10, 10, 40, 40);
    }

    /// <summary>
    /// The team's score written out as arithmetic, e.g. "(68 + 74 + 80) / 3 = 74; hạng 1". The workbook is bilingual
    /// (language null: "hạng / rank"); a page passes its own language so a Vietnamese page shows no English word.
    /// </summary>
    public static string Explain(AggregationMethod method, PitchStanding s, string? language = null)
    {
        string Say(string vi, string en) => language switch { "vi" => vi, "en" => en, _ => $"{vi} / {en}" };
        if (s.Score is null) return Say("chưa có phiếu chấm đầy đủ", "no complete score sheet yet");
        var kept = s.Judges.Where(j => !j.Dropped).ToList();
        var values = method == AggregationMethod.ZScore ? kept.Select(j => j.Z!.Value) : kept.Select(j => j.Total);
        var sum = string.Join(" + ", values.Select(F));
        var dropped = s.Judges.Where(j => j.Dropped).Select(j => F(j.Total)).ToList();
        var note = dropped.Count > 0 ? $" ({Say("bỏ", "dropped")} {string.Join(", ", dropped)})" : "";
        // The z-score: the mean of the z values decides; the score shown is that mean on the rubric's scale.
        var value = method == AggregationMethod.ZScore && s.MeanZ is { } z ? $"{F(z)} → {Say("theo thang điểm", "on the rubric's scale")} {F(s.Score.Value)}" : F(s.Score.Value);
        return $"({sum}) / {kept.Count} = {value}{note}; {Say("hạng", "rank")} {s.Rank}";
    }

    private static string F(decimal v) => v.ToString("0.####", CultureInfo.InvariantCulture);

    private static void Header(IXLWorksheet ws, params string[] titles) => HeaderAt(ws, 1, titles);

    private static void HeaderAt(IXLWorksheet ws, int row, params string[] titles)
    {
        for (var i = 0; i < titles.Length; i++) ws.Cell(row, i + 1).SetText(titles[i]);
        ws.Row(row).Style.Font.Bold = true;
    }

    // Fixed widths: AdjustToContents measures text through System.Drawing, which needs libgdiplus on the server.
    private static void Widths(IXLWorksheet ws, params double[] widths)
    {
        for (var i = 0; i < widths.Length; i++) ws.Column(i + 1).Width = widths[i];
    }
}
