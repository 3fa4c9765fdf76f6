using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml;
using Contest.Admin.Questions.Excel;
using Contest.Engine.Text;
using Contest.Engine.Units;

namespace Contest.Admin.Units.Excel;

/// <summary>A unit row whose cells all read; whether it fits the tree is the planner's question.</summary>
public sealed record UnitRow(string Sheet, int Row, string Code, string Name, UnitLevel Level, string? ParentCode, int MemberCount);

/// <summary>A roster row whose cells all read.</summary>
public sealed record RosterRow(string Sheet, int Row, string UnitCode, string FullName, string? MemberId, DateOnly DateOfBirth);

/// <summary>The cells of a unit workbook read into rows, and every cell that could not be read.</summary>
public sealed class ParsedUnitWorkbook
{
    public List<UnitRow> Units { get; } = [];
    public List<RosterRow> Roster { get; } = [];
    public List<UnitRowProblem> Problems { get; } = [];
    public List<UnitIgnoredColumn> Ignored { get; } = [];
    public bool HasUnitSheet { get; set; }
    public bool HasRosterSheet { get; set; }

    /// <summary>Codes on unit rows that have problems, with the first such row, so a row that names one can say where.</summary>
    public Dictionary<string, (string Sheet, int Row)> BadUnitCodes { get; } = [];

    /// <summary>Unit codes of roster rows that have problems: those units' existing entries are not removed.</summary>
    public HashSet<string> BadRosterUnitCodes { get; } = [];

    /// <summary>Each sheet's columns (letter and title), to place the planner's problems.</summary>
    internal Dictionary<string, Dictionary<UnitColumn, (string Letter, string Title)>> Columns { get; } = [];

    internal void Add(string sheet, int row, UnitColumn field, string code, params object[] args)
    {
        var at = Columns.TryGetValue(sheet, out var cols) && cols.TryGetValue(field, out var c) ? c : ("", "");
        Problems.Add(new(sheet, row, at.Item1, at.Item2, field, code, args));
    }
}

/// <summary>
/// Reads a unit workbook: a sheet with the unit columns (code, name, level, parent code, member count) and, optionally,
/// a roster sheet (unit code, full name, member id, date of birth). Sheets are told apart by their header row, found
/// within the top rows by its titles, so a title block above it or an instructions sheet does not matter.
/// </summary>
public sealed partial class UnitSheetReader(ImportLimits limits, int maxRows = UnitSheetReader.DefaultMaxRows)
{
    /// <summary>Units and roster rows together: a province of about 100,000 members fits.</summary>
    public const int DefaultMaxRows = 150_000;
    private const int HeaderSearchRows = 30;

    /// <summary>The workbook's rows, or the reason the whole file is refused.</summary>
    public (ParsedUnitWorkbook? Parsed, FileProblem? Refused) Read(Stream file, DateOnly today)
    {
        var bytes = ToArray(file);
        if (WorkbookGuard.Check(bytes, limits) is { } refused) return (null, refused);
        if (WorkbookGuard.CheckPackage(bytes, limits) is { } bomb) return (null, bomb);
        List<SheetGrid> grids;
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            grids = XlsxCells.Read(zip, ',');
        }
        catch (Exception e) when (e is InvalidDataException or XmlException or IOException)
        {
            return (null, new(FileProblem.Corrupt));
        }
        return Read(grids, today);
    }

    private sealed record Layout(SheetGrid Sheet, int HeaderRow, bool Roster, Dictionary<int, UnitColumn> Columns);

    private (ParsedUnitWorkbook?, FileProblem?) Read(List<SheetGrid> grids, DateOnly today)
    {
        if (grids.FirstOrDefault(g => g.Hidden && !g.IsEmpty) is { } hidden) return (null, new(FileProblem.HiddenSheet, hidden.Name));
        if (grids.All(g => g.IsEmpty)) return (null, new(FileProblem.Empty));
        var layouts = new List<Layout>();
        var parsed = new ParsedUnitWorkbook();
        foreach (var ws in grids.Where(g => !g.IsEmpty))
        {
            var layout = FindHeader(ws, out var missing, out var unused);
            if (missing is not null) return (null, new(FileProblem.MissingColumns, ws.Name, missing));
            if (layout is null) continue;
            foreach (var (range, lastRow) in ws.Merged)
                if (lastRow >= layout.HeaderRow) return (null, new(FileProblem.MergedCells, ws.Name, range));
            layouts.Add(layout);
            parsed.Columns[ws.Name] = layout.Columns.ToDictionary(c => c.Value, c => (XlsxCells.LetterOf(c.Key), ws.Cell(layout.HeaderRow, c.Key)));
            parsed.Ignored.AddRange(unused.Select(c => new UnitIgnoredColumn(ws.Name, XlsxCells.LetterOf(c), ws.Cell(layout.HeaderRow, c))));
        }
        if (layouts.Count == 0) return (null, new(FileProblem.NoHeader));
        var total = layouts.Sum(l => l.Sheet.Rows.Keys.Count(r => r > l.HeaderRow));
        if (total > maxRows) return (null, new(FileProblem.TooManyRows, total, maxRows));

        foreach (var (ws, headerRow, roster, columns) in layouts)
        {
            if (roster) parsed.HasRosterSheet = true; else parsed.HasUnitSheet = true;
            foreach (var (r, rowCells) in ws.Rows)
            {
                if (r <= headerRow) continue;
                var cells = new Dictionary<UnitColumn, string>();
                var errors = new HashSet<UnitColumn>();
                foreach (var (c, field) in columns)
                {
                    var v = rowCells.TryGetValue(c, out var text) ? TextNormalizer.CollapseSpaces(TextNormalizer.Nfc(text)) : "";
                    cells[field] = v;
                    if (ws.Errors.Contains((r, c))) errors.Add(field);
                }
                if (cells.Values.All(v => v.Length == 0)) continue;
                var before = parsed.Problems.Count;
                foreach (var field in errors.OrderBy(f => f)) parsed.Add(ws.Name, r, field, UnitProblems.CellError, cells[field]);
                string Cell(UnitColumn f) => errors.Contains(f) ? "" : cells.GetValueOrDefault(f, "");
                void Problem(UnitColumn f, string code, params object[] args) { if (!errors.Contains(f)) parsed.Add(ws.Name, r, f, code, args); }

                if (!roster)
                {
                    var code = Code(Cell(UnitColumn.Code), UnitColumn.Code, required: true, Problem);
                    var name = Text(Cell(UnitColumn.Name), UnitColumn.Name, Unit.NameMaxLength, required: true, Problem);
                    var levelText = Cell(UnitColumn.Level);
                    var level = UnitColumns.Level(levelText);
                    if (levelText.Length == 0) Problem(UnitColumn.Level, UnitProblems.Required);
                    else if (level is null) Problem(UnitColumn.Level, UnitProblems.UnknownLevel, levelText);
                    var parent = Code(Cell(UnitColumn.ParentCode), UnitColumn.ParentCode, required: false, Problem);
                    var count = Count(Cell(UnitColumn.MemberCount), Problem);
                    if (parsed.Problems.Count == before) parsed.Units.Add(new(ws.Name, r, code!, name!, level!.Value, parent, count!.Value));
                    else if (code is not null) parsed.BadUnitCodes.TryAdd(code, (ws.Name, r));
                }
                else
                {
                    var unit = Code(Cell(UnitColumn.RosterUnitCode), UnitColumn.RosterUnitCode, required: true, Problem);
                    var name = Text(Cell(UnitColumn.FullName), UnitColumn.FullName, PersonName.MaxLength, required: true, Problem);
                    var memberId = RosterEntry.CleanMemberId(Cell(UnitColumn.MemberId));
                    if (memberId?.Length > RosterEntry.MemberIdMaxLength) Problem(UnitColumn.MemberId, UnitProblems.TooLong, memberId.Length, RosterEntry.MemberIdMaxLength);
                    var born = BirthDate(Cell(UnitColumn.DateOfBirth), today, Problem);
                    if (parsed.Problems.Count == before) parsed.Roster.Add(new(ws.Name, r, unit!, name!, memberId, born!.Value));
                    else if (unit is not null) parsed.BadRosterUnitCodes.Add(unit);
                }
            }
        }
        if (parsed.Units.Count + parsed.Roster.Count + parsed.BadRowCount() == 0) return (null, new(UnitFileProblems.NoRows));
        return (parsed, null);
    }

    private static string? Code(string text, UnitColumn field, bool required, Action<UnitColumn, string, object[]> problem)
    {
        if (text.Length == 0)
        {
            if (required) problem(field, UnitProblems.Required, []);
            return null;
        }
        var code = Unit.CleanCode(text)!;
        if (!Unit.IsValidCode(code)) { problem(field, UnitProblems.BadCode, [text]); return null; }
        return code;
    }

    private static string? Text(string text, UnitColumn field, int max, bool required, Action<UnitColumn, string, object[]> problem)
    {
        if (text.Length == 0) { if (required) problem(field, UnitProblems.Required, []); return null; }
        if (text.Length > max) { problem(field, UnitProblems.TooLong, [text.Length, max]); return null; }
        return text;
    }

    /// <summary>Empty is 0; "1.250", "1,250" and "1 250" are 1250 (thousands grouped by three), "12,5" is refused.</summary>
    private static int? Count(string text, Action<UnitColumn, string, object[]> problem)
    {
        if (text.Length == 0) return 0;
        var digits = Grouped().IsMatch(text) ? string.Concat(text.Where(char.IsAsciiDigit)) : text;
        if (int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= 10_000_000) return n;
        problem(UnitColumn.MemberCount, UnitProblems.BadCount, [text]);
        return null;
    }

    /// <summary>Day first, as Vietnam writes dates (15/3/2005, 15-03-2005, 15.03.2005), or ISO 2005-03-15; Excel date cells arrive as d/m/yyyy.</summary>
    internal static DateOnly? ParseDate(string text)
    {
        var m = DayFirst().Match(text);
        int d, mo, y;
        if (m.Success) (d, mo, y) = (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture));
        else if ((m = Iso().Match(text)).Success) (y, mo, d) = (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture));
        else return null;
        return mo is >= 1 and <= 12 && y is >= 1 and <= 9999 && d >= 1 && d <= DateTime.DaysInMonth(y, mo) ? new DateOnly(y, mo, d) : null;
    }

    private static DateOnly? BirthDate(string text, DateOnly today, Action<UnitColumn, string, object[]> problem)
    {
        if (text.Length == 0) { problem(UnitColumn.DateOfBirth, UnitProblems.Required, []); return null; }
        if (ParseDate(text) is not { } date) { problem(UnitColumn.DateOfBirth, UnitProblems.BadDate, [text]); return null; }
        if (date.Year < 1900 || date > today) { problem(UnitColumn.DateOfBirth, UnitProblems.DateOutOfRange, [date.ToString("d/M/yyyy", CultureInfo.InvariantCulture)]); return null; }
        return date;
    }

    /// <summary>
    /// The first row within the top rows that names a unit column: a roster header when it has a full-name title,
    /// else a unit header when it has a unit-name title. Then the sheet's other required columns must be there.
    /// </summary>
    private static Layout? FindHeader(SheetGrid ws, out UnitColumn[]? missing, out List<int> unused)
    {
        missing = null;
        unused = [];
        foreach (var (r, cells) in ws.Rows)
        {
            if (r > HeaderSearchRows) break;
            var roster = cells.Values.Any(t => UnitColumns.MatchRoster(t) == UnitColumn.FullName);
            var units = !roster && cells.Values.Any(t => UnitColumns.MatchUnit(t) == UnitColumn.Name);
            if (!roster && !units) continue;
            var columns = new Dictionary<int, UnitColumn>();
            foreach (var (c, text) in cells)
            {
                if ((roster ? UnitColumns.MatchRoster(text) : UnitColumns.MatchUnit(text)) is { } col && !columns.ContainsValue(col)) columns[c] = col;
                else if (text.Trim().Length > 0) unused.Add(c);
            }
            UnitColumn[] required = roster ? [UnitColumn.RosterUnitCode, UnitColumn.FullName, UnitColumn.DateOfBirth] : [UnitColumn.Code, UnitColumn.Name, UnitColumn.Level, UnitColumn.ParentCode];
            var absent = required.Where(c => !columns.ContainsValue(c)).ToArray();
            if (absent.Length > 0) { missing = absent; return null; }
            return new(ws, r, roster, columns);
        }
        return null;
    }

    private static byte[] ToArray(Stream file)
    {
        if (file is MemoryStream ms && ms.Position == 0) return ms.ToArray();
        using var copy = new MemoryStream();
        file.CopyTo(copy);
        return copy.ToArray();
    }

    [GeneratedRegex(@"^\d{1,3}([., ]\d{3})+$")]
    private static partial Regex Grouped();

    [GeneratedRegex(@"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})(\s+\d{1,2}:\d{2}(:\d{2})?)?$")]
    private static partial Regex DayFirst();

    [GeneratedRegex(@"^(\d{4})-(\d{1,2})-(\d{1,2})([T ]\d{1,2}:\d{2}(:\d{2})?)?$")]
    private static partial Regex Iso();
}

internal static class ParsedUnitWorkbookExtensions
{
    public static int BadRowCount(this ParsedUnitWorkbook p) => p.Problems.Select(x => (x.Sheet, x.Row)).Distinct().Count();
}
