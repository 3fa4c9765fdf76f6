using System.IO.Compression;
using System.Text;
using ClosedXML.Excel;
using Contest.Admin.Questions.Excel;
using Contest.Admin.Units.Excel;
using static Contest.Admin.Tests.Units.UnitWorkbooks;

namespace Contest.Admin.Tests.Units;

/// <summary>Whole files the unit import refuses, each with its own reason, as the question import's <c>BadFileTests</c>.</summary>
public class UnitBadFileTests
{
    private static FileProblem Problem(Stream file, ImportLimits? limits = null, int maxRows = UnitSheetReader.DefaultMaxRows)
    {
        var (parsed, refused) = Read(file, limits, maxRows);
        Assert.Null(parsed);
        return refused ?? throw new Xunit.Sdk.XunitException("file was not refused");
    }

    [Fact]
    public void Binary_that_is_neither_zip_nor_text_is_not_a_spreadsheet()
    {
        var bytes = new byte[2048];
        new Random(7).NextBytes(bytes);
        bytes[0] = 0x89; bytes[1] = 0x00;
        Assert.Equal(FileProblem.NotSpreadsheet, Problem(new MemoryStream(bytes)).Code);
    }

    [Fact]
    public void Old_xls_and_password_protected_files_are_named()
    {
        var xls = new byte[4096];
        new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(xls, 0);
        var encrypted = (byte[])xls.Clone();
        Encoding.Unicode.GetBytes("Workbook").CopyTo(xls, 1024);
        Encoding.Unicode.GetBytes("EncryptedPackage").CopyTo(encrypted, 1024);
        Assert.Equal(FileProblem.OldXls, Problem(new MemoryStream(xls)).Code);
        Assert.Equal(FileProblem.Encrypted, Problem(new MemoryStream(encrypted)).Code);
    }

    [Fact]
    public void A_truncated_workbook_and_a_damaged_sheet_are_corrupt()
    {
        var whole = Book(Tree).ToArray();
        Assert.Equal(FileProblem.Corrupt, Problem(new MemoryStream(whole[..(whole.Length / 2)])).Code);
        Assert.Equal(FileProblem.Corrupt, Problem(Questions.Workbooks.WithSheetXml(Book(Tree), _ => "<worksheet><sheetData><row")).Code);
    }

    [Theory]
    [InlineData("utf8-bom")]
    [InlineData("utf16")]
    public void A_csv_export_renamed_xlsx_is_named_as_text(string encoding)
    {
        const string csv = "Mã đơn vị,Tên đơn vị,Cấp,Mã đơn vị cấp trên,Số đoàn viên\r\nTINH,Tỉnh đoàn Bình Phước,Tỉnh đoàn,,0\r\n";
        byte[] bytes = encoding == "utf8-bom"
            ? [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv)]
            : [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(csv.Replace(',', '\t'))];
        Assert.Equal(FileProblem.TextFile, Problem(new MemoryStream(bytes)).Code);
    }

    [Fact]
    public void A_web_page_with_an_excel_name_is_named_as_html() =>
        Assert.Equal(FileProblem.HtmlFile, Problem(new MemoryStream(Encoding.UTF8.GetBytes("<html><body><table><tr><td>Mã đơn vị</td></tr></table></body></html>"))).Code);

    [Fact]
    public void An_empty_workbook() => Assert.Equal(FileProblem.Empty, Problem(Questions.Workbooks.Build(wb => wb.Worksheets.Add("Trống"))).Code);

    [Fact]
    public void A_header_without_rows() => Assert.Equal(UnitFileProblems.NoRows, Problem(Book([])).Code);

    [Fact]
    public void A_sheet_without_a_header_row() =>
        Assert.Equal(FileProblem.NoHeader, Problem(Questions.Workbooks.Build(wb => wb.Worksheets.Add("Ghi chú").Cell(1, 1).SetValue("Danh sách sẽ gửi sau"))).Code);

    [Fact]
    public void Missing_columns_are_named_per_sheet()
    {
        var units = Problem(Questions.Workbooks.Build(wb =>
        {
            var ws = wb.Worksheets.Add("Đơn vị");
            ws.Cell(1, 1).SetValue("Mã đơn vị"); ws.Cell(1, 2).SetValue("Tên đơn vị");
            ws.Cell(2, 1).SetValue("TINH"); ws.Cell(2, 2).SetValue("Tỉnh đoàn");
        }));
        Assert.Equal((FileProblem.MissingColumns, "Đơn vị"), (units.Code, units.Args[0]));
        Assert.Equal([UnitColumn.Level, UnitColumn.ParentCode], (UnitColumn[])units.Args[1]);

        var roster = Problem(Questions.Workbooks.Build(wb =>
        {
            var ws = wb.Worksheets.Add("Đoàn viên");
            ws.Cell(1, 1).SetValue("Họ và tên"); ws.Cell(2, 1).SetValue("Nguyễn Văn An");
        }));
        Assert.Equal([UnitColumn.RosterUnitCode, UnitColumn.DateOfBirth], (UnitColumn[])roster.Args[1]);
    }

    [Fact]
    public void Merged_cells_below_the_header()
    {
        var file = Questions.Workbooks.Build(wb =>
        {
            var ws = wb.Worksheets.Add("Đơn vị");
            string[] header = ["Mã đơn vị", "Tên đơn vị", "Cấp", "Mã đơn vị cấp trên"];
            for (var c = 0; c < header.Length; c++) ws.Cell(1, c + 1).SetValue(header[c]);
            ws.Cell(2, 1).SetValue("HD-A"); ws.Range("C2:C3").Merge();
        });
        var p = Problem(file);
        Assert.Equal(FileProblem.MergedCells, p.Code);
        Assert.Equal(["Đơn vị", "C2:C3"], p.Args);
    }

    [Fact]
    public void A_hidden_sheet_with_content()
    {
        var file = Questions.Workbooks.Build(wb =>
        {
            var ws = wb.Worksheets.Add("Đơn vị");
            ws.Cell(1, 1).SetValue("Mã đơn vị"); ws.Cell(1, 2).SetValue("Tên đơn vị"); ws.Cell(1, 3).SetValue("Cấp"); ws.Cell(1, 4).SetValue("Mã đơn vị cấp trên");
            ws.Cell(2, 1).SetValue("TINH"); ws.Cell(2, 2).SetValue("Tỉnh đoàn"); ws.Cell(2, 3).SetValue("Tỉnh đoàn");
            var hidden = wb.Worksheets.Add("Đoàn viên ẩn");
            hidden.Cell(1, 1).SetValue("x");
            hidden.Hide();
        });
        var p = Problem(file);
        Assert.Equal((FileProblem.HiddenSheet, "Đoàn viên ẩn"), (p.Code, p.Args[0]));
    }

    [Fact]
    public void Over_the_size_and_row_limits()
    {
        Assert.Equal(FileProblem.TooBig, Problem(Book(Tree), new ImportLimits { MaxBytes = 1000 }).Code);
        // Six unit rows and three roster rows against a limit of eight.
        var p = Problem(Book(Tree, Roster), maxRows: 8);
        Assert.Equal((FileProblem.TooManyRows, 9, 8), (p.Code, p.Args[0], p.Args[1]));
    }

    [Fact]
    public void A_zip_bomb_is_refused_before_it_is_parsed()
    {
        var ms = new MemoryStream();
        ms.Write(Book(Tree).ToArray());
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

    [Fact]
    public void An_ods_spreadsheet_is_named()
    {
        var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var w = new StreamWriter(zip.CreateEntry("mimetype", CompressionLevel.NoCompression).Open())) w.Write("application/vnd.oasis.opendocument.spreadsheet");
            using (var w = new StreamWriter(zip.CreateEntry("content.xml").Open())) w.Write("<office:document-content/>");
        }
        ms.Position = 0;
        Assert.Equal(FileProblem.OpenDocument, Problem(ms).Code);
    }
}
