using System.Globalization;
using ClosedXML.Excel;
using Contest.Admin.Excel;
using Contest.Engine.Pitches;
using Microsoft.Extensions.Localization;

namespace Contest.Admin.Pitches;

public sealed record RubricRow(int Order, string Name, string Description, decimal Weight, int MaxScore, string Guidance);

public sealed record RubricImport(IReadOnlyList<RubricRow> Rows, IReadOnlyList<string> Errors);

/// <summary>A rubric as an Excel sheet: one criterion a row, the same columns out and in, so an exported rubric imports unchanged.</summary>
public static class RubricWorkbook
{
    public const string SheetName = "Tiêu chí";
    private static readonly string[] Columns = ["Thứ tự / Order", "Tiêu chí / Criterion", "Mô tả / Description", "Trọng số / Weight", "Điểm tối đa / Max score", "Hướng dẫn theo mức điểm / Guidance"];

    public static byte[] Export(IEnumerable<RubricCriterion> criteria)
    {
        using var wb = new XLWorkbook();
        var ws = wb.AddWorksheet(SheetName);
        for (var i = 0; i < Columns.Length; i++) ws.Cell(1, i + 1).SetText(Columns[i]);
        ws.Row(1).Style.Font.Bold = true;
        var row = 2;
        foreach (var c in criteria.OrderBy(c => c.Order).ThenBy(c => c.Id))
        {
            ws.Cell(row, 1).Number(c.Order);
            ws.Cell(row, 2).SetText(c.Name);
            ws.Cell(row, 3).SetText(c.Description);
            ws.Cell(row, 4).Number(c.Weight);
            ws.Cell(row, 5).Number(c.MaxScore);
            ws.Cell(row, 6).SetText(c.Guidance);
            row++;
        }
        double[] widths = [10, 36, 50, 12, 12, 50];
        for (var i = 0; i < widths.Length; i++) ws.Column(i + 1).Width = widths[i];
        using var ms = new MemoryStream();
        wb.SaveAs(ms);
        return ms.ToArray();
    }

    /// <summary>Reads every row and reports every bad one (sheet, row, column, why); rows are usable only when there is no error.</summary>
    /// <param name="strings">The page's strings for messages in the user's language; without them the messages are English.</param>
    public static RubricImport Import(Stream xlsx, IStringLocalizer<PitchAdminUi>? strings = null)
    {
        string T(string key, string english, params object[] args) => strings is null ? string.Format(CultureInfo.InvariantCulture, english, args) : strings[key, args];
        var errors = new List<string>();
        var rows = new List<RubricRow>();
        XLWorkbook wb;
        try { wb = new XLWorkbook(xlsx); }
        // An upload can be anything; whatever the zip/OpenXML layers throw means "not a workbook".
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            return new RubricImport([], [T("Rubric.NotXlsx", "The file is not an Excel workbook (.xlsx).")]);
        }
        using (wb)
        {
            var ws = wb.Worksheets.FirstOrDefault(w => w.Name == SheetName) ?? wb.Worksheets.First();
            var last = ws.LastRowUsed()?.RowNumber() ?? 1;
            for (var r = 2; r <= last; r++)
            {
                var cells = Enumerable.Range(1, 6).Select(c => ws.Cell(r, c).GetString().Trim()).ToArray();
                if (cells.All(string.IsNullOrEmpty)) continue;
                void Bad(int col, string why) => errors.Add(T("Rubric.Cell", "Sheet '{0}', row {1}, column {2} ({3}): {4}", ws.Name, r, col, Columns[col - 1], why));

                var order = rows.Count + 1;
                if (cells[0].Length > 0 && !int.TryParse(cells[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out order)) Bad(1, T("Rubric.NotWhole", "'{0}' is not a whole number.", cells[0]));
                if (cells[1].Length == 0) Bad(2, T("Rubric.NameRequired", "the criterion needs a name."));
                else if (cells[1].Length > 300) Bad(2, T("Rubric.NameTooLong", "longer than 300 characters."));
                if (!decimal.TryParse(cells[3].Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var weight) || weight <= 0)
                    Bad(4, T("Rubric.Weight", "'{0}' is not a weight above 0.", cells[3]));
                if (!int.TryParse(cells[4], NumberStyles.Integer, CultureInfo.InvariantCulture, out var max) || max < 1 || max > 100)
                    Bad(5, T("Rubric.Max", "'{0}' is not a maximum score from 1 to 100.", cells[4]));
                rows.Add(new RubricRow(order, cells[1], cells[2], weight, max, cells[5]));
            }
            if (rows.Count == 0 && errors.Count == 0) errors.Add(T("Rubric.NoRows", "Sheet '{0}' has no criteria below the header row.", ws.Name));
            foreach (var dup in rows.GroupBy(x => x.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1 && g.Key.Length > 0))
                errors.Add(T("Rubric.Duplicate", "Sheet '{0}': the criterion '{1}' appears {2} times.", ws.Name, dup.Key, dup.Count()));
        }
        return new RubricImport(errors.Count == 0 ? rows : [], errors);
    }
}
