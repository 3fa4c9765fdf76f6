using System.IO.Compression;
using System.Text;
using ClosedXML.Excel;
using Contest.Admin.Questions.Excel;
using static Contest.Admin.Tests.Questions.Workbooks;

namespace Contest.Admin.Tests.Questions;

public class BadFileTests
{
    private static readonly string[] Good = Row("Một đáp án", "Câu hỏi?", ["A", "B"], "A");

    private static FileProblem Problem(Stream file, ImportLimits? limits = null)
    {
        var report = Read(file, limits: limits);
        Assert.Empty(report.Good);
        return report.FileProblem ?? throw new Xunit.Sdk.XunitException("file was not refused");
    }

    [Fact]
    public void Not_a_spreadsheet() =>
        Assert.Equal(FileProblem.NotSpreadsheet, Problem(new MemoryStream(Encoding.UTF8.GetBytes("Câu hỏi,Đáp án A\nx,y"))).Code);

    [Fact]
    public void Old_xls_is_an_ole_file_without_an_encrypted_package()
    {
        var bytes = new byte[4096];
        new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(bytes, 0);
        Encoding.Unicode.GetBytes("Workbook").CopyTo(bytes, 1024);
        Assert.Equal(FileProblem.OldXls, Problem(new MemoryStream(bytes)).Code);
    }

    [Fact]
    public void Password_protected_xlsx_is_an_ole_file_with_an_encrypted_package()
    {
        var bytes = new byte[4096];
        new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(bytes, 0);
        Encoding.Unicode.GetBytes("EncryptedPackage").CopyTo(bytes, 1024);
        Assert.Equal(FileProblem.Encrypted, Problem(new MemoryStream(bytes)).Code);
    }

    [Fact]
    public void A_truncated_workbook_is_corrupt()
    {
        var whole = Template(Good).ToArray();
        Assert.Equal(FileProblem.Corrupt, Problem(new MemoryStream(whole[..(whole.Length / 2)])).Code);
    }

    [Fact]
    public void A_zip_that_is_not_a_workbook_is_corrupt()
    {
        var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
            using (var w = new StreamWriter(zip.CreateEntry("hello.txt").Open())) w.Write("xin chào");
        ms.Position = 0;
        Assert.Equal(FileProblem.Corrupt, Problem(ms).Code);
    }

    [Fact]
    public void A_workbook_with_a_damaged_sheet_part_is_corrupt()
    {
        var ms = new MemoryStream();
        ms.Write(Template(Good).ToArray());
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.GetEntry("xl/worksheets/sheet1.xml")!;
            entry.Delete();
            using var w = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml").Open());
            w.Write("<worksheet><sheetData><row");
        }
        ms.Position = 0;
        Assert.Equal(FileProblem.Corrupt, Problem(ms).Code);
    }

    [Fact]
    public void An_empty_workbook() => Assert.Equal(FileProblem.Empty, Problem(Build(wb => wb.Worksheets.Add("Trống"))).Code);

    [Fact]
    public void A_header_without_rows_has_no_questions() => Assert.Equal(FileProblem.NoQuestions, Problem(Template()).Code);

    [Fact]
    public void A_sheet_without_a_header_row()
    {
        var p = Problem(Build(wb => wb.Worksheets.Add("Ghi chú").Cell(1, 1).SetValue("Danh sách câu hỏi sẽ gửi sau")));
        Assert.Equal(FileProblem.NoHeader, p.Code);
    }

    [Fact]
    public void Missing_header_columns_are_named()
    {
        var p = Problem(Build(wb =>
        {
            var ws = wb.Worksheets.Add("Q");
            ws.Cell(1, 1).SetValue("Câu hỏi");
            ws.Cell(1, 2).SetValue("Đáp án A");
            ws.Cell(2, 1).SetValue("x");
        }));
        Assert.Equal(FileProblem.MissingColumns, p.Code);
        Assert.Equal(["Q", "Đáp án đúng / Correct answer"], p.Args);
    }

    [Fact]
    public void Merged_cells_in_the_question_rows()
    {
        var p = Problem(Build(wb =>
        {
            var ws = wb.Worksheets.Add("Q");
            string[] header = ["Câu hỏi", "Đáp án A", "Đáp án B", "Đáp án đúng"];
            for (var c = 0; c < header.Length; c++) ws.Cell(1, c + 1).SetValue(header[c]);
            ws.Cell(2, 1).SetValue("Câu gộp?");
            ws.Range("A2:A3").Merge();
        }));
        Assert.Equal(FileProblem.MergedCells, p.Code);
        Assert.Equal(["Q", "A2:A3"], p.Args);
    }

    [Fact]
    public void A_hidden_sheet_with_content()
    {
        var p = Problem(Build(wb =>
        {
            var ws = wb.Worksheets.Add("Câu hỏi");
            string[] header = ["Câu hỏi", "Đáp án A", "Đáp án B", "Đáp án đúng"];
            for (var c = 0; c < header.Length; c++) ws.Cell(1, c + 1).SetValue(header[c]);
            ws.Cell(2, 1).SetValue("Câu hỏi?"); ws.Cell(2, 2).SetValue("x"); ws.Cell(2, 3).SetValue("y"); ws.Cell(2, 4).SetValue("A");
            var hidden = wb.Worksheets.Add("Đáp án bí mật");
            hidden.Cell(1, 1).SetValue("x");
            hidden.Hide();
        }));
        Assert.Equal(FileProblem.HiddenSheet, p.Code);
        Assert.Equal(["Đáp án bí mật"], p.Args);
    }

    [Fact]
    public void Over_the_size_limit()
    {
        var p = Problem(Template(Good), new ImportLimits { MaxBytes = 1000 });
        Assert.Equal(FileProblem.TooBig, p.Code);
    }

    [Fact]
    public void Over_the_row_limit()
    {
        // Three question rows against a limit of two.
        var p = Problem(Template(Good, Row("Một đáp án", "2?", ["A", "B"], "A"), Row("Một đáp án", "3?", ["A", "B"], "A")), new ImportLimits { MaxRows = 2 });
        Assert.Equal((FileProblem.TooManyRows, 3, 2), (p.Code, p.Args[0], p.Args[1]));
    }

    [Fact]
    public void A_zip_bomb_is_refused_before_it_is_parsed()
    {
        var ms = new MemoryStream();
        ms.Write(Template(Good).ToArray());
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Update, leaveOpen: true))
        {
            // 64 MB of one repeated byte deflates to about 64 KB: a ratio near 1000, far above 200.
            using var s = zip.CreateEntry("xl/media/padding.bin", CompressionLevel.SmallestSize).Open();
            var chunk = new byte[1024 * 1024];
            for (var i = 0; i < 64; i++) s.Write(chunk);
        }
        ms.Position = 0;
        Assert.Equal(FileProblem.ZipBomb, Problem(ms).Code);
    }
}
