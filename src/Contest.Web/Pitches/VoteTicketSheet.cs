using ClosedXML.Excel;
using Contest.Engine.Pitches;
using Microsoft.Extensions.Localization;
using Contest.Engine.Time;

namespace Contest.Web.Pitches;

/// <summary>
/// The one-time vote codes as a sheet to print and cut: slips three across, each with the round, the vote address and
/// its code in large type; a second sheet lists every code and whether it was used.
/// </summary>
public static class VoteTicketSheet
{
    private const int Across = 3;

    public static byte[] Build(string round, string url, IReadOnlyList<TicketLine> tickets, IStringLocalizer<PitchesUi> p)
    {
        using var wb = new XLWorkbook();
        var slips = wb.AddWorksheet(p["Pitch.Sheet.Slips"].Value);
        for (var i = 0; i < tickets.Count; i++)
        {
            // Each slip is three rows: title, address, code; a blank row between bands of slips for the scissors.
            var top = 1 + i / Across * 4;
            var col = 1 + i % Across;
            slips.Cell(top, col).Value = $"{p["Pitch.Audience"].Value} — {round}";
            slips.Cell(top + 1, col).Value = url;
            slips.Cell(top + 2, col).Value = tickets[i].Code;
            slips.Cell(top, col).Style.Font.FontSize = 9;
            slips.Cell(top + 1, col).Style.Font.FontSize = 9;
            slips.Cell(top + 2, col).Style.Font.SetFontSize(20).Font.SetBold().Font.SetFontName("Consolas");
            var box = slips.Range(top, col, top + 2, col);
            box.Style.Border.OutsideBorder = XLBorderStyleValues.Dashed;
            box.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;
            slips.Row(top + 2).Height = 30;
        }
        slips.Columns(1, Across).Width = 34;
        slips.PageSetup.PaperSize = XLPaperSize.A4Paper;
        slips.PageSetup.FitToPages(1, 0);
        slips.PageSetup.CenterHorizontally = true;

        var list = wb.AddWorksheet(p["Pitch.Sheet.List"].Value);
        list.Cell(1, 1).Value = p["Pitch.TicketCode"].Value;
        list.Cell(1, 2).Value = p["Pitch.TicketUsedAt"].Value;
        list.Row(1).Style.Font.Bold = true;
        for (var i = 0; i < tickets.Count; i++)
        {
            list.Cell(i + 2, 1).Value = tickets[i].Code;
            if (tickets[i].UsedAt is { } used) list.Cell(i + 2, 2).Value = VietnamTime.Format(used);
        }
        list.Columns(1, 2).Width = 24;
        using var ms = new MemoryStream();
        wb.SaveAs(ms);
        return ms.ToArray();
    }
}
