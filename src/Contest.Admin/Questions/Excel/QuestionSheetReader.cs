using System.Globalization;
using ClosedXML.Excel;
using Contest.Engine.Questions;
using Contest.Engine.Text;

namespace Contest.Admin.Questions.Excel;

/// <summary>
/// Reads a whole workbook into an <see cref="ImportReport"/>: the good questions and every bad row, or one
/// reason the file is refused. Our template, Kahoot! and Quizizz sheets are all read by locating the header
/// row by its titles, so extra title rows above it (Kahoot's instructions block) do not matter.
/// </summary>
public sealed class QuestionSheetReader(ImportLimits limits, QuestionLimits? questionLimits = null)
{
    private const int HeaderSearchRows = 30;
    private readonly QuestionLimits _rules = questionLimits ?? QuestionLimits.Default;

    /// <param name="existingKeys">Duplicate keys (<see cref="QuestionRules.DuplicateKey"/>) of the bank's questions.</param>
    /// <param name="progress">Rows read so far, of the total; for the import page's progress bar.</param>
    public ImportReport Read(Stream file, string bankLanguage, IReadOnlySet<string> existingKeys, IProgress<(int Done, int Total)>? progress = null)
    {
        var bytes = ToArray(file);
        if (WorkbookGuard.Check(bytes, limits) is { } refused) return ImportReport.Refused(refused);
        using var stream = new MemoryStream(bytes, writable: false);
        if (WorkbookGuard.CheckPackage(stream, limits) is { } bomb) return ImportReport.Refused(bomb);

        XLWorkbook workbook;
        try { workbook = new XLWorkbook(stream); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // ClosedXML and the Open XML SDK throw many types for damaged parts; all mean the same to the admin.
            return ImportReport.Refused(new(FileProblem.Corrupt));
        }
        using (workbook)
            return Read(workbook, bankLanguage, existingKeys, progress);
    }

    private ImportReport Read(XLWorkbook workbook, string bankLanguage, IReadOnlySet<string> existingKeys, IProgress<(int, int)>? progress)
    {
        var sheets = new List<(IXLWorksheet Sheet, int HeaderRow, Dictionary<int, QuestionColumn> Columns, int LastRow)>();
        var anyContent = false;
        // Hidden sheets first: questions nobody can see in Excel must not slip in, nor a bad header on them mask that.
        foreach (var ws in workbook.Worksheets)
            if (ws.Visibility != XLWorksheetVisibility.Visible && ws.LastCellUsed() is not null)
                return ImportReport.Refused(new(FileProblem.HiddenSheet, ws.Name));
        foreach (var ws in workbook.Worksheets)
        {
            var last = ws.LastRowUsed();
            if (last is null) continue;
            anyContent = true;

            var header = FindHeader(ws, last.RowNumber(), out var missing);
            if (missing is not null) return ImportReport.Refused(new(FileProblem.MissingColumns, ws.Name, missing));
            if (header is null) continue;
            var (headerRow, columns) = header.Value;
            foreach (var merged in ws.MergedRanges)
                if (merged.RangeAddress.LastAddress.RowNumber >= headerRow)
                    return ImportReport.Refused(new(FileProblem.MergedCells, ws.Name, merged.RangeAddress.ToStringRelative()));
            sheets.Add((ws, headerRow, columns, last.RowNumber()));
        }
        if (!anyContent) return ImportReport.Refused(new(FileProblem.Empty));
        if (sheets.Count == 0) return ImportReport.Refused(new(FileProblem.NoHeader, "Câu hỏi / Question", "Đáp án đúng / Correct answer"));

        var total = sheets.Sum(s => s.LastRow - s.HeaderRow);
        if (total > limits.MaxRows) return ImportReport.Refused(new(FileProblem.TooManyRows, total, limits.MaxRows));

        var report = new ImportReport { Layout = LayoutOf(sheets[0].Sheet, sheets[0].HeaderRow, sheets[0].Columns) };
        var seen = new Dictionary<string, string>();
        var done = 0;
        foreach (var (ws, headerRow, columns, lastRow) in sheets)
        {
            var titles = columns.ToDictionary(c => c.Key, c => CellText(ws.Cell(headerRow, c.Key)));
            for (var r = headerRow + 1; r <= lastRow; r++)
            {
                if (++done % 500 == 0) progress?.Report((done, total));
                var row = ws.Row(r);
                var cells = columns.ToDictionary(c => c.Key, c => CellText(row.Cell(c.Key)));
                if (cells.Values.All(string.IsNullOrWhiteSpace)) continue;

                var problems = new List<(QuestionColumn Column, string Code, object[] Args)>();
                var q = RowParser.Parse(columns, cells, bankLanguage, problems);
                if (problems.Count == 0)
                    problems.AddRange(QuestionRules.Validate(q, _rules).Select(p => (QuestionColumns.ForField(p.Field), p.Code, p.Args)));
                if (problems.Count == 0)
                {
                    var key = QuestionRules.DuplicateKey(q.Type, q.Text);
                    if (existingKeys.Contains(key)) problems.Add((QuestionColumn.Text, ProblemCodes.Duplicate, ["bank"]));
                    else if (seen.TryGetValue(key, out var first)) problems.Add((QuestionColumn.Text, ProblemCodes.Duplicate, [first]));
                    else seen[key] = $"{ws.Name}!{r}";
                }
                if (problems.Count == 0) { report.Good.Add(new(ws.Name, r, q)); continue; }
                foreach (var (column, code, args) in problems)
                {
                    var col = columns.FirstOrDefault(c => c.Value == column).Key;
                    report.Problems.Add(new(ws.Name, r, col == 0 ? "" : XLHelper.GetColumnLetterFromNumber(col), col == 0 ? column.ToString() : titles[col], code, args));
                }
            }
        }
        progress?.Report((total, total));
        if (report.TotalRows == 0) return ImportReport.Refused(new(FileProblem.NoQuestions));
        return report;
    }

    /// <summary>The first row (within the top rows) that names a question column and a correct-answer column.</summary>
    private static (int Row, Dictionary<int, QuestionColumn> Columns)? FindHeader(IXLWorksheet ws, int lastRow, out string? missing)
    {
        missing = null;
        for (var r = 1; r <= Math.Min(HeaderSearchRows, lastRow); r++)
        {
            var row = ws.Row(r);
            var lastCell = row.LastCellUsed();
            if (lastCell is null) continue;
            var columns = new Dictionary<int, QuestionColumn>();
            for (var c = 1; c <= lastCell.Address.ColumnNumber; c++)
            {
                var cell = row.Cell(c);
                if (cell.DataType != XLDataType.Text) continue;
                if (QuestionColumns.Match(cell.GetString()) is { } column && (column == QuestionColumn.Option || !columns.ContainsValue(column)))
                    columns[c] = column;
            }
            if (!columns.ContainsValue(QuestionColumn.Text)) continue;
            var absent = new List<string>();
            if (!columns.ContainsValue(QuestionColumn.Correct)) absent.Add("Đáp án đúng / Correct answer");
            if (!columns.ContainsValue(QuestionColumn.Option)) absent.Add("Đáp án A… / Option 1…");
            if (absent.Count > 0) { missing = string.Join(", ", absent); return null; }
            return (r, columns);
        }
        return null;
    }

    private static string LayoutOf(IXLWorksheet ws, int headerRow, Dictionary<int, QuestionColumn> columns)
    {
        var keys = columns.Keys.Select(c => QuestionColumns.Key(ws.Cell(headerRow, c).GetString())).ToList();
        if (keys.Contains("question text")) return "Quizizz";
        if (!columns.ContainsValue(QuestionColumn.Type) && keys.Any(k => k.StartsWith("answer ", StringComparison.Ordinal))) return "Kahoot";
        return "Contest";
    }

    /// <summary>A cell as text; a formula gives its cached result (the value Excel last showed), never re-evaluated.</summary>
    internal static string CellText(IXLCell cell)
    {
        object? value = cell.HasFormula ? cell.CachedValue : cell.Value;
        var s = value switch
        {
            null => "",
            string str => str,
            double d => d.ToString(CultureInfo.InvariantCulture),
            bool b => b ? "TRUE" : "FALSE",
            DateTime dt => dt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            TimeSpan ts => ts.ToString(),
            _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
        };
        return TextNormalizer.Nfc(s.Trim());
    }

    private static byte[] ToArray(Stream file)
    {
        if (file is MemoryStream ms && ms.Position == 0) return ms.ToArray();
        using var copy = new MemoryStream();
        file.CopyTo(copy);
        return copy.ToArray();
    }
}
