using System.Globalization;
using System.IO.Compression;
using System.Xml;

namespace Contest.Admin.Questions.Excel;

/// <summary>One worksheet's cell texts, read straight from the package XML.</summary>
public sealed class SheetGrid(string name, bool hidden)
{
    public string Name { get; } = name;
    public bool Hidden { get; } = hidden;
    public SortedDictionary<int, SortedDictionary<int, string>> Rows { get; } = [];
    public List<(string Range, int LastRow)> Merged { get; } = [];

    /// <summary>Cells holding a formula error (#N/A, #DIV/0!…), as (row, column); their text is the error's.</summary>
    public HashSet<(int Row, int Column)> Errors { get; } = [];
    public bool IsEmpty => Rows.Count == 0;

    public string Cell(int row, int column) => Rows.TryGetValue(row, out var r) && r.TryGetValue(column, out var v) ? v : "";
}

/// <summary>
/// Reads an .xlsx forward-only with <see cref="XmlReader"/>: sheet names and visibility, shared strings, cell
/// values (a formula's cached value, as Excel last showed it; a number through its format, so a date reads as
/// d/m/yyyy, see <see cref="NumberFormat"/>) and merged ranges. ClosedXML 0.95 needs about
/// 0.5 ms per row to load a sheet, and far more when it has data validations (as our own template does),
/// which would put a 10,000-question file far past the 5-second budget; this reader needs no styles or DOM.
/// </summary>
public static class XlsxCells
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private static readonly XmlReaderSettings Settings = new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreWhitespace = false, CloseInput = true };

    /// <param name="decimalSeparator">How a number's decimals are written: "," for a Vietnamese bank, "." for English.</param>
    public static List<SheetGrid> Read(ZipArchive zip, char decimalSeparator = '.')
    {
        var targets = Relationships(zip);
        var strings = SharedStrings(zip);
        var formats = Styles(zip);
        var date1904 = false;
        var sheets = new List<SheetGrid>();
        using var wb = XmlReader.Create(Open(zip, "xl/workbook.xml"), Settings);
        while (wb.Read())
        {
            // workbookPr comes before sheets in the schema's order, so every sheet below knows its date system.
            if (wb.NodeType == XmlNodeType.Element && wb.LocalName == "workbookPr")
                date1904 = wb.GetAttribute("date1904") is "1" or "true";
            if (wb.NodeType != XmlNodeType.Element || wb.LocalName != "sheet" || wb.NamespaceURI != Main) continue;
            var name = wb.GetAttribute("name") ?? "";
            var state = wb.GetAttribute("state");
            var id = wb.GetAttribute("id", Rel) ?? throw new InvalidDataException("sheet without r:id");
            var target = targets.TryGetValue(id, out var t) ? t : throw new InvalidDataException($"no part for sheet {name}");
            var grid = new SheetGrid(name, state is "hidden" or "veryHidden");
            ReadSheet(Open(zip, target), new CellContext(strings, formats, date1904, decimalSeparator), grid);
            sheets.Add(grid);
        }
        return sheets;
    }

    private static Stream Open(ZipArchive zip, string path) =>
        (zip.GetEntry(path) ?? throw new InvalidDataException($"missing part {path}")).Open();

    private static Dictionary<string, string> Relationships(ZipArchive zip)
    {
        var map = new Dictionary<string, string>();
        using var r = XmlReader.Create(Open(zip, "xl/_rels/workbook.xml.rels"), Settings);
        while (r.Read())
        {
            if (r.NodeType != XmlNodeType.Element || r.LocalName != "Relationship") continue;
            var target = r.GetAttribute("Target") ?? "";
            map[r.GetAttribute("Id") ?? ""] = target.StartsWith('/') ? target.TrimStart('/') : "xl/" + target;
        }
        return map;
    }

    private sealed record CellContext(List<string> Strings, List<NumberFormat> Formats, bool Date1904, char DecimalSeparator);

    /// <summary>The number format of each cell style (cellXfs, indexed by a cell's s attribute).</summary>
    private static List<NumberFormat> Styles(ZipArchive zip)
    {
        var list = new List<NumberFormat>();
        if (zip.GetEntry("xl/styles.xml") is not { } entry) return list;
        var custom = new Dictionary<int, string>();
        var ids = new List<int>();
        using var r = XmlReader.Create(entry.Open(), Settings);
        var inCellXfs = false;
        while (r.Read())
        {
            if (r.NodeType == XmlNodeType.EndElement && r.LocalName == "cellXfs") inCellXfs = false;
            if (r.NodeType != XmlNodeType.Element) continue;
            switch (r.LocalName)
            {
                case "numFmt" when int.TryParse(r.GetAttribute("numFmtId"), NumberStyles.None, CultureInfo.InvariantCulture, out var id):
                    custom[id] = r.GetAttribute("formatCode") ?? "";
                    break;
                case "cellXfs":
                    inCellXfs = !r.IsEmptyElement;
                    break;
                case "xf" when inCellXfs:
                    ids.Add(int.TryParse(r.GetAttribute("numFmtId"), NumberStyles.None, CultureInfo.InvariantCulture, out var f) ? f : 0);
                    break;
            }
        }
        var byId = new Dictionary<int, NumberFormat>();
        foreach (var id in ids)
        {
            if (!byId.TryGetValue(id, out var format)) byId[id] = format = NumberFormat.Of(id, custom);
            list.Add(format);
        }
        return list;
    }

    private static List<string> SharedStrings(ZipArchive zip)
    {
        var list = new List<string>();
        if (zip.GetEntry("xl/sharedStrings.xml") is not { } entry) return list;
        using var r = XmlReader.Create(entry.Open(), Settings);
        while (r.Read())
            if (r.NodeType == XmlNodeType.Element && r.LocalName == "si") list.Add(StringItem(r));
        return list;
    }

    /// <summary>The text of an &lt;si&gt; or &lt;is&gt;: every &lt;t&gt; of its runs, skipping phonetic hints (&lt;rPh&gt;).</summary>
    private static string StringItem(XmlReader r)
    {
        if (r.IsEmptyElement) return "";
        var depth = r.Depth;
        var text = new System.Text.StringBuilder();
        r.Read();
        // Leaves the reader on the closing tag, so the caller's Read() moves to what follows.
        while (!r.EOF && !(r.NodeType == XmlNodeType.EndElement && r.Depth == depth))
        {
            if (r.NodeType == XmlNodeType.Element && r.LocalName == "rPh") r.Skip();
            else if (r.NodeType == XmlNodeType.Element && r.LocalName == "t") text.Append(r.ReadElementContentAsString());
            else r.Read();
        }
        return text.ToString();
    }

    private static void ReadSheet(Stream part, CellContext context, SheetGrid grid)
    {
        using var r = XmlReader.Create(part, Settings);
        var row = 0;
        var column = 0;
        while (r.Read())
        {
            if (r.NodeType != XmlNodeType.Element) continue;
            switch (r.LocalName)
            {
                case "row":
                    row = int.TryParse(r.GetAttribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var rn) ? rn : row + 1;
                    column = 0;
                    break;
                case "c":
                    var reference = r.GetAttribute("r");
                    column = reference is null ? column + 1 : ColumnOf(reference);
                    var type = r.GetAttribute("t");
                    var style = int.TryParse(r.GetAttribute("s"), NumberStyles.None, CultureInfo.InvariantCulture, out var si) ? si : 0;
                    var value = CellValue(r, type, style, context);
                    if (value.Length > 0)
                    {
                        if (!grid.Rows.TryGetValue(row, out var cells)) grid.Rows[row] = cells = [];
                        cells[column] = value;
                        if (type == "e") grid.Errors.Add((row, column));
                    }
                    break;
                case "mergeCell":
                    var range = r.GetAttribute("ref") ?? "";
                    var last = range.Contains(':') ? range[(range.IndexOf(':') + 1)..] : range;
                    grid.Merged.Add((range, RowOf(last)));
                    break;
            }
        }
    }

    private static string CellValue(XmlReader r, string? type, int style, CellContext context)
    {
        if (r.IsEmptyElement) return "";
        var depth = r.Depth;
        var raw = "";
        string? inline = null;
        r.Read();
        while (!r.EOF && !(r.NodeType == XmlNodeType.EndElement && r.Depth == depth))
        {
            if (r.NodeType == XmlNodeType.Element && r.LocalName == "v") raw = r.ReadElementContentAsString();
            else if (r.NodeType == XmlNodeType.Element && r.LocalName == "is") { inline = StringItem(r); r.Read(); }
            // <f> is skipped: the cached <v> beside it is what Excel showed.
            else if (r.NodeType == XmlNodeType.Element && r.LocalName == "f") r.Skip();
            else r.Read();
        }
        return type switch
        {
            "s" => int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < context.Strings.Count ? context.Strings[i] : throw new InvalidDataException("bad shared string index"),
            "inlineStr" => inline ?? "",
            "b" => raw == "1" ? "TRUE" : raw.Length == 0 ? "" : "FALSE",
            "str" or "e" => raw,
            // Strict OOXML and some writers store a date as ISO 8601 text in a t="d" cell.
            "d" => DateTime.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var date)
                ? (date.TimeOfDay == TimeSpan.Zero ? $"{date.Day}/{date.Month}/{date.Year}" : $"{date.Day}/{date.Month}/{date.Year} {date.Hour}:{date.Minute:00}")
                : raw,
            _ => raw.Length == 0 ? "" : (style < context.Formats.Count ? context.Formats[style] : NumberFormat.General).Display(raw, context.Date1904, context.DecimalSeparator),
        };
    }

    /// <summary>"AB12" → 28.</summary>
    internal static int ColumnOf(string reference)
    {
        var n = 0;
        foreach (var ch in reference)
        {
            if (!char.IsAsciiLetter(ch)) break;
            n = n * 26 + (char.ToUpperInvariant(ch) - 'A' + 1);
        }
        return n;
    }

    internal static int RowOf(string reference)
    {
        var digits = reference.SkipWhile(char.IsAsciiLetter).TakeWhile(char.IsAsciiDigit).ToArray();
        return digits.Length == 0 ? 0 : int.Parse(digits, CultureInfo.InvariantCulture);
    }

    internal static string LetterOf(int column)
    {
        var s = "";
        for (var n = column; n > 0; n = (n - 1) / 26) s = (char)('A' + (n - 1) % 26) + s;
        return s;
    }
}
