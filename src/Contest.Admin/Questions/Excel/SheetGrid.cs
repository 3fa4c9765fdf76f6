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
    public bool IsEmpty => Rows.Count == 0;

    public string Cell(int row, int column) => Rows.TryGetValue(row, out var r) && r.TryGetValue(column, out var v) ? v : "";
}

/// <summary>
/// Reads an .xlsx forward-only with <see cref="XmlReader"/>: sheet names and visibility, shared strings, cell
/// values (a formula's cached value, as Excel last showed it) and merged ranges. ClosedXML 0.95 needs about
/// 0.5 ms per row to load a sheet, and far more when it has data validations (as our own template does),
/// which would put a 10,000-question file far past the 5-second budget; this reader needs no styles or DOM.
/// </summary>
public static class XlsxCells
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private static readonly XmlReaderSettings Settings = new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreWhitespace = false, CloseInput = true };

    public static List<SheetGrid> Read(ZipArchive zip)
    {
        var targets = Relationships(zip);
        var strings = SharedStrings(zip);
        var sheets = new List<SheetGrid>();
        using var wb = XmlReader.Create(Open(zip, "xl/workbook.xml"), Settings);
        while (wb.Read())
        {
            if (wb.NodeType != XmlNodeType.Element || wb.LocalName != "sheet" || wb.NamespaceURI != Main) continue;
            var name = wb.GetAttribute("name") ?? "";
            var state = wb.GetAttribute("state");
            var id = wb.GetAttribute("id", Rel) ?? throw new InvalidDataException("sheet without r:id");
            var target = targets.TryGetValue(id, out var t) ? t : throw new InvalidDataException($"no part for sheet {name}");
            var grid = new SheetGrid(name, state is "hidden" or "veryHidden");
            ReadSheet(Open(zip, target), strings, grid);
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

    private static void ReadSheet(Stream part, List<string> strings, SheetGrid grid)
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
                    var value = CellValue(r, type, strings);
                    if (value.Length > 0)
                    {
                        if (!grid.Rows.TryGetValue(row, out var cells)) grid.Rows[row] = cells = [];
                        cells[column] = value;
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

    private static string CellValue(XmlReader r, string? type, List<string> strings)
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
            "s" => int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < strings.Count ? strings[i] : throw new InvalidDataException("bad shared string index"),
            "inlineStr" => inline ?? "",
            "b" => raw == "1" ? "TRUE" : raw.Length == 0 ? "" : "FALSE",
            _ => raw,
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
