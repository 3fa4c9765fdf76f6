using System.IO.Compression;
using System.Xml;
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

        List<SheetGrid> grids;
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
            grids = XlsxCells.Read(zip);
        }
        catch (Exception e) when (e is InvalidDataException or XmlException or IOException)
        {
            return ImportReport.Refused(new(FileProblem.Corrupt));
        }
        return Read(grids, bankLanguage, existingKeys, progress);
    }

    private ImportReport Read(List<SheetGrid> grids, string bankLanguage, IReadOnlySet<string> existingKeys, IProgress<(int, int)>? progress)
    {
        // Hidden sheets first: questions nobody can see in Excel must not slip in, nor a bad header on them mask that.
        if (grids.FirstOrDefault(g => g.Hidden && !g.IsEmpty) is { } hidden) return ImportReport.Refused(new(FileProblem.HiddenSheet, hidden.Name));
        if (grids.All(g => g.IsEmpty)) return ImportReport.Refused(new(FileProblem.Empty));

        var sheets = new List<(SheetGrid Sheet, int HeaderRow, Dictionary<int, QuestionColumn> Columns, int LastRow)>();
        foreach (var ws in grids.Where(g => !g.IsEmpty))
        {
            var header = FindHeader(ws, out var missing);
            if (missing is not null) return ImportReport.Refused(new(FileProblem.MissingColumns, ws.Name, missing));
            if (header is null) continue;
            var (headerRow, columns) = header.Value;
            foreach (var (range, lastRow) in ws.Merged)
                if (lastRow >= headerRow) return ImportReport.Refused(new(FileProblem.MergedCells, ws.Name, range));
            sheets.Add((ws, headerRow, columns, ws.Rows.Keys.Max()));
        }
        if (sheets.Count == 0) return ImportReport.Refused(new(FileProblem.NoHeader, "Câu hỏi / Question", "Đáp án đúng / Correct answer"));

        var total = sheets.Sum(s => s.Sheet.Rows.Keys.Count(r => r > s.HeaderRow));
        if (total > limits.MaxRows) return ImportReport.Refused(new(FileProblem.TooManyRows, total, limits.MaxRows));

        var report = new ImportReport { Layout = LayoutOf(sheets[0].Sheet, sheets[0].HeaderRow, sheets[0].Columns) };
        var seen = new Dictionary<string, string>();
        var done = 0;
        foreach (var (ws, headerRow, columns, _) in sheets)
        {
            var titles = columns.ToDictionary(c => c.Key, c => ws.Cell(headerRow, c.Key));
            foreach (var (r, rowCells) in ws.Rows)
            {
                if (r <= headerRow) continue;
                if (++done % 500 == 0) progress?.Report((done, total));
                var cells = columns.ToDictionary(c => c.Key, c => rowCells.TryGetValue(c.Key, out var v) ? TextNormalizer.Nfc(v.Trim()) : "");
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
                    report.Problems.Add(new(ws.Name, r, col == 0 ? "" : XlsxCells.LetterOf(col), col == 0 ? column.ToString() : titles[col], code, args));
                }
            }
        }
        progress?.Report((total, total));
        if (report.TotalRows == 0) return ImportReport.Refused(new(FileProblem.NoQuestions));
        return report;
    }

    /// <summary>The first row (within the top rows) that names a question column; it must also name the correct answer and options.</summary>
    private static (int Row, Dictionary<int, QuestionColumn> Columns)? FindHeader(SheetGrid ws, out string? missing)
    {
        missing = null;
        foreach (var (r, cells) in ws.Rows)
        {
            if (r > HeaderSearchRows) break;
            var columns = new Dictionary<int, QuestionColumn>();
            foreach (var (c, text) in cells)
                if (QuestionColumns.Match(text) is { } column && (column == QuestionColumn.Option || !columns.ContainsValue(column)))
                    columns[c] = column;
            if (!columns.ContainsValue(QuestionColumn.Text)) continue;
            var absent = new List<string>();
            if (!columns.ContainsValue(QuestionColumn.Correct)) absent.Add("Đáp án đúng / Correct answer");
            if (!columns.ContainsValue(QuestionColumn.Option)) absent.Add("Đáp án A… / Option 1…");
            if (absent.Count > 0) { missing = string.Join(", ", absent); return null; }
            return (r, columns);
        }
        return null;
    }

    private static string LayoutOf(SheetGrid ws, int headerRow, Dictionary<int, QuestionColumn> columns)
    {
        var keys = columns.Keys.Select(c => QuestionColumns.Key(ws.Cell(headerRow, c))).ToList();
        if (keys.Contains("question text")) return "Quizizz";
        if (!columns.ContainsValue(QuestionColumn.Type) && keys.Any(k => k.StartsWith("answer ", StringComparison.Ordinal))) return "Kahoot";
        return "Contest";
    }

    private static byte[] ToArray(Stream file)
    {
        if (file is MemoryStream ms && ms.Position == 0) return ms.ToArray();
        using var copy = new MemoryStream();
        file.CopyTo(copy);
        return copy.ToArray();
    }
}
