using System.IO.Compression;
using ClosedXML.Excel;
using Contest.Admin.Questions.Excel;
using Contest.Engine.Questions;

namespace Contest.Admin.Tests.Questions;

/// <summary>Builds the test workbooks in code, so no binary fixtures are committed.</summary>
internal static class Workbooks
{
    public static readonly ImportLimits Limits = new();

    /// <summary>Our template's header plus the given rows (cells in template column order).</summary>
    public static MemoryStream Template(params string[][] rows) => Build(wb =>
    {
        var ws = wb.Worksheets.Add("Câu hỏi");
        var cols = QuestionColumns.Template;
        for (var c = 0; c < cols.Length; c++) ws.Cell(1, c + 1).SetValue(cols[c].Title);
        for (var r = 0; r < rows.Length; r++)
            for (var c = 0; c < rows[r].Length; c++)
                if (rows[r][c].Length > 0) { ws.Cell(r + 2, c + 1).SetValue(rows[r][c]); ws.Cell(r + 2, c + 1).DataType = XLDataType.Text; }
    });

    public static MemoryStream Build(Action<XLWorkbook> fill)
    {
        using var wb = new XLWorkbook();
        fill(wb);
        var ms = new MemoryStream();
        wb.SaveAs(ms);
        ms.Position = 0;
        return ms;
    }

    /// <summary>
    /// A copy of a saved workbook whose first sheet's XML is rewritten: what ClosedXML cannot write (cached formula
    /// values, error cells, a damaged part) but Excel files hold.
    /// </summary>
    public static MemoryStream WithSheetXml(Stream workbook, Func<string, string> edit)
    {
        var file = new MemoryStream();
        workbook.CopyTo(file);
        using (var zip = new ZipArchive(file, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.GetEntry("xl/worksheets/sheet1.xml")!;
            string xml;
            using (var r = new StreamReader(entry.Open())) xml = r.ReadToEnd();
            entry.Delete();
            using var w = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml").Open());
            w.Write(edit(xml));
        }
        file.Position = 0;
        return file;
    }

    /// <summary>A row: type, question, options A–F, correct, then optional time, points, difficulty, tags, language, explanation, media.</summary>
    public static string[] Row(string type, string text, string[] options, string correct, params string[] rest)
    {
        var row = new List<string> { type, text };
        for (var i = 0; i < 6; i++) row.Add(i < options.Length ? options[i] : "");
        row.Add(correct);
        row.AddRange(rest);
        return [.. row];
    }

    public static ImportReport Read(Stream file, IReadOnlySet<string>? existing = null, ImportLimits? limits = null, string language = "vi") =>
        new QuestionSheetReader(limits ?? Limits).Read(file, language, existing ?? new HashSet<string>());
}
