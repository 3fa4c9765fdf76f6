using ClosedXML.Excel;
using Contest.Admin.Pitches;
using Contest.Engine.Pitches;

namespace Contest.Web.Tests.Pitches;

public class RubricWorkbookTests
{
    [Fact]
    public void An_exported_rubric_imports_unchanged_and_formula_like_text_stays_text()
    {
        RubricCriterion[] rubric =
        [
            new() { Id = 1, Order = 1, Name = "Tính mới, sáng tạo", Description = "=SUM(A1:A9)", Weight = 25, MaxScore = 10, Guidance = "0-4: chưa rõ\n5-7: khá\n8-10: xuất sắc" },
            new() { Id = 2, Order = 2, Name = "Tính khả thi", Description = "-", Weight = 12.5m, MaxScore = 5 },
        ];
        var bytes = RubricWorkbook.Export(rubric);

        using (var wb = new XLWorkbook(new MemoryStream(bytes)))
        {
            var cell = wb.Worksheet(RubricWorkbook.SheetName).Cell(2, 3);
            Assert.False(cell.HasFormula);
            Assert.Equal("=SUM(A1:A9)", cell.GetString());
        }

        var import = RubricWorkbook.Import(new MemoryStream(bytes));
        Assert.Empty(import.Errors);
        Assert.Equal(
            [new RubricRow(1, "Tính mới, sáng tạo", "=SUM(A1:A9)", 25, 10, "0-4: chưa rõ\n5-7: khá\n8-10: xuất sắc"), new RubricRow(2, "Tính khả thi", "-", 12.5m, 5, "")],
            import.Rows);
    }

    [Fact]
    public void Every_bad_row_is_reported_and_nothing_is_imported()
    {
        using var wb = new XLWorkbook();
        var ws = wb.AddWorksheet(RubricWorkbook.SheetName);
        ws.Cell(1, 1).Value = "header";
        // Row 2 good; row 3 no name and weight 0; row 4 max 0; row 5 repeats row 2's name.
        Row(ws, 2, "1", "Thị trường", "", "20", "10");
        Row(ws, 3, "2", "", "", "0", "10");
        Row(ws, 4, "x", "Đội ngũ", "", "15", "0");
        Row(ws, 5, "4", "thị trường", "", "10", "10");
        using var ms = new MemoryStream();
        wb.SaveAs(ms);
        ms.Position = 0;

        var import = RubricWorkbook.Import(ms);
        Assert.Empty(import.Rows);
        Assert.Equal(5, import.Errors.Count);
        Assert.Contains(import.Errors, e => e.StartsWith("Sheet 'Tiêu chí', row 3, column 2") && e.Contains("needs a name"));
        Assert.Contains(import.Errors, e => e.StartsWith("Sheet 'Tiêu chí', row 3, column 4"));
        Assert.Contains(import.Errors, e => e.StartsWith("Sheet 'Tiêu chí', row 4, column 1") && e.Contains("'x'"));
        Assert.Contains(import.Errors, e => e.StartsWith("Sheet 'Tiêu chí', row 4, column 5"));
        Assert.Contains(import.Errors, e => e.Contains("'Thị trường' appears 2 times"));

        Assert.Equal(["The file is not an Excel workbook (.xlsx)."], RubricWorkbook.Import(new MemoryStream("not excel"u8.ToArray())).Errors);
    }

    private static void Row(IXLWorksheet ws, int row, params string[] values)
    {
        for (var i = 0; i < values.Length; i++) ws.Cell(row, i + 1).SetValue(values[i]);
    }
}
