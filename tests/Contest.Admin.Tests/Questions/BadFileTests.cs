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
    public void Binary_that_is_neither_zip_nor_text_is_not_a_spreadsheet()
    {
        var bytes = new byte[2048];
        new Random(7).NextBytes(bytes);
        bytes[0] = 0x89; bytes[1] = 0x00;
        Assert.Equal(FileProblem.NotSpreadsheet, Problem(new MemoryStream(bytes)).Code);
    }

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
        var ms = WithSheetXml(Template(Good), _ => "<worksheet><sheetData><row");
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
        Assert.Equal("Q", p.Args[0]);
        Assert.Equal([QuestionColumn.Correct], (QuestionColumn[])p.Args[1]);
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

    [Theory]
    [InlineData("utf8-bom")]
    [InlineData("utf8")]
    [InlineData("utf16")]
    public void A_csv_or_text_export_renamed_xlsx_is_named_as_text(string encoding)
    {
        const string csv = "Loại câu hỏi,Câu hỏi,Đáp án A,Đáp án B,Đáp án đúng\r\nMột đáp án,Đoàn thành lập năm nào?,1930,1931,B\r\n";
        byte[] bytes = encoding switch
        {
            "utf8-bom" => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv)],
            "utf8" => Encoding.UTF8.GetBytes(csv),
            // Excel's "Unicode text" export: UTF-16 with a byte-order mark, tab separated.
            _ => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(csv.Replace(',', '\t'))],
        };
        Assert.Equal(FileProblem.TextFile, Problem(new MemoryStream(bytes)).Code);
    }

    [Fact]
    public void A_web_page_with_an_excel_name_is_named_as_html() =>
        Assert.Equal(FileProblem.HtmlFile, Problem(new MemoryStream(Encoding.UTF8.GetBytes(
            "<html xmlns:x=\"urn:schemas-microsoft-com:office:excel\"><body><table><tr><td>Câu hỏi</td></tr></table></body></html>"))).Code);

    [Fact]
    public void Excel_2003_xml_is_an_old_format() =>
        Assert.Equal(FileProblem.OldXls, Problem(new MemoryStream(Encoding.UTF8.GetBytes(
            "<?xml version=\"1.0\"?>\n<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\"><Worksheet ss:Name=\"Q\"/></Workbook>"))).Code);

    /// <summary>
    /// A part whose headers claim 1,000 bytes but which inflates to 20 MB. A reader that trusts the headers stops at
    /// 1,000 bytes, then finds the checksum wrong and calls the file damaged; the guard counts what really comes out.
    /// </summary>
    [Fact]
    public void A_zip_bomb_that_lies_about_its_size_is_too_large_when_unpacked_not_damaged()
    {
        var ms = new MemoryStream();
        ms.Write(Template(Good).ToArray());
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Update, leaveOpen: true))
        {
            using var s = zip.CreateEntry("xl/media/padding.bin", CompressionLevel.SmallestSize).Open();
            var chunk = new byte[1024 * 1024];
            for (var i = 0; i < 20; i++) s.Write(chunk);
        }
        var bytes = ms.ToArray();
        var patched = 0;
        // Uncompressed size: offset 22 in a local header (PK 3 4), 24 in a central directory entry (PK 1 2).
        for (var i = 0; i + 46 < bytes.Length; i++)
        {
            var local = bytes[i] == 0x50 && bytes[i + 1] == 0x4B && bytes[i + 2] == 3 && bytes[i + 3] == 4;
            var central = bytes[i] == 0x50 && bytes[i + 1] == 0x4B && bytes[i + 2] == 1 && bytes[i + 3] == 2;
            if (!local && !central) continue;
            var nameAt = i + (local ? 30 : 46);
            var nameLength = BitConverter.ToUInt16(bytes, i + (local ? 26 : 28));
            if (Encoding.ASCII.GetString(bytes, nameAt, nameLength) != "xl/media/padding.bin") continue;
            BitConverter.GetBytes(1000u).CopyTo(bytes, i + (local ? 22 : 24));
            patched++;
        }
        Assert.Equal(2, patched);
        // The headers now claim a few kilobytes in all, and a reader that trusts them does not see the 20 MB.
        long trusted = 0;
        var trustedVerdict = "counted";
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            using var s = zip.GetEntry("xl/media/padding.bin")!.Open();
            var buffer = new byte[81920];
            int n;
            while ((n = s.Read(buffer)) > 0) trusted += n;
        }
        catch (InvalidDataException) { trustedVerdict = "damaged"; }
        Assert.True(trustedVerdict == "damaged" || trusted < 8 * 1024 * 1024, $"{trustedVerdict}: {trusted} bytes");
        var limits = new ImportLimits { MaxUnpackedBytes = 8 * 1024 * 1024, MaxCompressionRatio = int.MaxValue };
        var p = Problem(new MemoryStream(bytes), limits);
        Assert.Equal(FileProblem.ZipBomb, p.Code);
        Assert.Equal(8L * 1024 * 1024, p.Args[0]);
    }

    [Theory]
    [InlineData("mimetype", "application/vnd.oasis.opendocument.spreadsheet", FileProblem.OpenDocument)]
    [InlineData("word/document.xml", "<w:document/>", FileProblem.NotSpreadsheet)]
    public void Other_office_files_given_an_excel_name_are_named(string part, string content, string expected)
    {
        var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
            using (var w = new StreamWriter(zip.CreateEntry(part).Open())) w.Write(content);
        ms.Position = 0;
        Assert.Equal(expected, Problem(ms).Code);
    }

    [Fact]
    public void A_pdf_is_not_taken_for_text() =>
        Assert.Equal(FileProblem.NotSpreadsheet, Problem(new MemoryStream("%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"u8.ToArray())).Code);
}
