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
    /// <param name="bankName">Named in the message for a duplicate of a question already in the bank.</param>
    public ImportReport Read(Stream file, string bankLanguage, IReadOnlySet<string> existingKeys, IProgress<(int Done, int Total)>? progress = null, string bankName = "")
    {
        var bytes = ToArray(file);
        if (WorkbookGuard.Check(bytes, limits) is { } refused) return ImportReport.Refused(refused);
        if (WorkbookGuard.CheckPackage(bytes, limits) is { } bomb) return ImportReport.Refused(bomb);
        using var stream = new MemoryStream(bytes, writable: false);

        List<SheetGrid> grids;
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
            grids = XlsxCells.Read(zip, bankLanguage == "vi" ? ',' : '.');
        }
        catch (Exception e) when (e is InvalidDataException or XmlException or IOException)
        {
            return ImportReport.Refused(new(FileProblem.Corrupt));
        }
        return Read(grids, bankLanguage, existingKeys, progress, bankName);
    }

    private sealed record SheetLayout(SheetGrid Sheet, int HeaderRow, Dictionary<int, QuestionColumn> Columns, List<int> Unused);

    private ImportReport Read(List<SheetGrid> grids, string bankLanguage, IReadOnlySet<string> existingKeys, IProgress<(int, int)>? progress, string bankName)
    {
        // Hidden sheets first: questions nobody can see in Excel must not slip in, nor a bad header on them mask that.
        if (grids.FirstOrDefault(g => g.Hidden && !g.IsEmpty) is { } hidden) return ImportReport.Refused(new(FileProblem.HiddenSheet, hidden.Name));
        if (grids.All(g => g.IsEmpty)) return ImportReport.Refused(new(FileProblem.Empty));

        var sheets = new List<SheetLayout>();
        foreach (var ws in grids.Where(g => !g.IsEmpty))
        {
            var header = FindHeader(ws, out var missing);
            if (missing is not null) return ImportReport.Refused(new(FileProblem.MissingColumns, ws.Name, missing));
            if (header is null) continue;
            foreach (var (range, lastRow) in ws.Merged)
                if (lastRow >= header.HeaderRow) return ImportReport.Refused(new(FileProblem.MergedCells, ws.Name, range));
            sheets.Add(header);
        }
        if (sheets.Count == 0) return ImportReport.Refused(new(FileProblem.NoHeader));

        var total = sheets.Sum(s => s.Sheet.Rows.Keys.Count(r => r > s.HeaderRow));
        if (total > limits.MaxRows) return ImportReport.Refused(new(FileProblem.TooManyRows, total, limits.MaxRows));

        var report = new ImportReport { Layout = LayoutOf(sheets[0].Sheet, sheets[0].HeaderRow, sheets[0].Columns) };
        foreach (var (ws, headerRow, _, unused) in sheets)
            report.Ignored.AddRange(unused.Select(c => new IgnoredColumn(ws.Name, XlsxCells.LetterOf(c), ws.Cell(headerRow, c))));

        var seen = new Dictionary<string, (string Sheet, int Row)>();
        var done = 0;
        foreach (var (ws, headerRow, columns, _) in sheets)
        {
            var titles = columns.ToDictionary(c => c.Key, c => ws.Cell(headerRow, c.Key));
            var firstDataRow = true;
            foreach (var (r, rowCells) in ws.Rows)
            {
                if (r <= headerRow) continue;
                if (++done % 500 == 0) progress?.Report((done, total));
                var cells = columns.ToDictionary(c => c.Key, c => rowCells.TryGetValue(c.Key, out var v) ? TextNormalizer.Nfc(v.Trim()) : "");
                if (cells.Values.All(string.IsNullOrWhiteSpace)) continue;
                // A template's own "what goes in this column" row right under the header (Quizizz has one) is not a question.
                if (firstDataRow && DescriptionRow.Is(cells, titles, columns)) { firstDataRow = false; continue; }
                firstDataRow = false;

                var problems = RowProblems(columns, cells, bankLanguage, ws, r, out var q);
                if (q.Text.Trim().Length > 0)
                {
                    var key = QuestionRules.DuplicateKey(q.Type, q.Text);
                    if (existingKeys.Contains(key)) problems.Add((QuestionColumn.Text, ImportCodes.DuplicateInBank, [bankName], 0));
                    else if (seen.TryGetValue(key, out var first)) problems.Add((QuestionColumn.Text, ImportCodes.DuplicateInFile, [first.Sheet, first.Row], 0));
                    else if (problems.Count == 0) seen[key] = (ws.Name, r);
                }
                if (problems.Count == 0) { report.Good.Add(new(ws.Name, r, q)); continue; }

                // Left to right, as the admin reads the row; columns the sheet lacks come last. A problem of the
                // options as a whole is shown on the first option column.
                int Position((QuestionColumn Column, string, object[], int At) p) =>
                    p.At > 0 ? p.At : columns.FirstOrDefault(c => c.Value == p.Column).Key is var k and > 0 ? k : int.MaxValue;
                foreach (var problem in problems.OrderBy(Position))
                {
                    var (column, code, args, _) = problem;
                    var col = Position(problem) is var at and < int.MaxValue ? at : 0;
                    report.Problems.Add(new(ws.Name, r, col == 0 ? "" : XlsxCells.LetterOf(col), col == 0 ? "" : titles[col], code, args) { Field = column });
                }
            }
        }
        progress?.Report((total, total));
        if (report.TotalRows == 0) return ImportReport.Refused(new(FileProblem.NoQuestions));
        return report;
    }

    /// <summary>
    /// Every problem of one row at once: formula errors, cells the parser cannot read, then the rules' problems on
    /// the other columns. A rule problem on a column already reported is left out (it would only repeat the cause),
    /// and so are option and answer problems when the type is unknown (they would be judged against a guessed type).
    /// </summary>
    private List<(QuestionColumn Column, string Code, object[] Args, int At)> RowProblems(Dictionary<int, QuestionColumn> columns, Dictionary<int, string> cells,
        string bankLanguage, SheetGrid ws, int r, out Question q)
    {
        var problems = new List<(QuestionColumn Column, string Code, object[] Args, int At)>();
        if (ws.Errors.Count > 0)
            foreach (var (c, column) in columns)
                if (ws.Errors.Contains((r, c))) problems.Add((column, ImportCodes.CellError, [cells[c]], c));
        var errorColumns = problems.Select(p => p.Column).ToHashSet();
        // A formula error reads as empty, so it is reported once, as itself.
        var clean = problems.Count == 0 ? cells : cells.ToDictionary(c => c.Key, c => ws.Errors.Contains((r, c.Key)) ? "" : c.Value);

        var parsed = new List<(QuestionColumn, string, object[])>();
        q = RowParser.Parse(columns, clean, bankLanguage, parsed);
        problems.AddRange(parsed.Where(p => !errorColumns.Contains(p.Item1)).Select(p => (p.Item1, p.Item2, p.Item3, 0)));

        var reported = problems.Select(p => p.Column).ToHashSet();
        var typeUnknown = reported.Contains(QuestionColumn.Type);
        foreach (var p in QuestionRules.Validate(q, _rules))
        {
            var column = QuestionColumns.ForField(p.Field);
            if (reported.Contains(column)) continue;
            if (typeUnknown && column is QuestionColumn.Option or QuestionColumn.Correct) continue;
            problems.Add((column, p.Code, p.Args, 0));
        }
        return problems;
    }

    /// <summary>
    /// The first row (within the top rows) that names a question column; it must also name the correct answer and
    /// options. Titles it does not know, and a second column of a kind already found, are listed as unused.
    /// </summary>
    private static SheetLayout? FindHeader(SheetGrid ws, out QuestionColumn[]? missing)
    {
        missing = null;
        foreach (var (r, cells) in ws.Rows)
        {
            if (r > HeaderSearchRows) break;
            var columns = new Dictionary<int, QuestionColumn>();
            var unused = new List<int>();
            foreach (var (c, text) in cells)
            {
                if (QuestionColumns.Match(text) is { } column && (column == QuestionColumn.Option || !columns.ContainsValue(column))) columns[c] = column;
                else if (text.Trim().Length > 0) unused.Add(c);
            }
            if (!columns.ContainsValue(QuestionColumn.Text)) continue;
            var absent = new List<QuestionColumn>();
            if (!columns.ContainsValue(QuestionColumn.Correct)) absent.Add(QuestionColumn.Correct);
            if (!columns.ContainsValue(QuestionColumn.Option)) absent.Add(QuestionColumn.Option);
            if (absent.Count > 0) { missing = [.. absent]; return null; }
            return new(ws, r, columns, unused);
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
