using System.IO.Compression;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using Contest.Engine.Questions;
using static Contest.Admin.Tests.Questions.Workbooks;

namespace Contest.Admin.Tests.Questions;

public class ImportReportTests
{
    [Fact]
    public void Every_kind_of_bad_row_is_reported_with_sheet_row_column_and_reason()
    {
        var existing = new HashSet<string> { QuestionRules.DuplicateKey(QuestionType.SingleChoice, "Câu đã có trong ngân hàng?") };
        using var file = Template(
            Row("Một đáp án", "Câu hợp lệ?", ["A1", "B1"], "A"),                         // row 2: good
            Row("Một đáp án", "Thiếu đáp án đúng?", ["A1", "B1"], ""),                   // 3: missing correct
            Row("Câu đố", "Loại lạ?", ["A1", "B1"], "A"),                                // 4: unknown type
            Row("Một đáp án", "Thời gian quá dài?", ["A1", "B1"], "A", "601"),           // 5: time out of range
            Row("Một đáp án", new string('x', 2001), ["A1", "B1"], "A"),                 // 6: text too long
            Row("Một đáp án", "Câu đã có trong ngân hàng?", ["A1", "B1"], "B"),          // 7: duplicate of the bank
            Row("Một đáp án", "Câu hợp lệ?", ["A2", "B2"], "B"),                          // 8: duplicate of row 2
            Row("Một đáp án", "Đáp án đúng ngoài phạm vi?", ["A1", "B1"], "D"),           // 9: correct D of 2 options
            Row("Một đáp án", "Hai đáp án đúng?", ["A1", "B1"], "A,B"),                  // 10: one correct only
            Row("Một đáp án", "Điểm không phải số?", ["A1", "B1"], "A", "20", "nhiều"),   // 11: points not a number
            Row("Một đáp án", "Thiếu đáp án B?", ["A1", "", "C1"], "A"),                 // 12: empty option in the middle
            Row("Một đáp án", "", ["A1", "B1"], "A"),                                    // 13: no question text
            Row("Một đáp án", "Độ khó lạ?", ["A1", "B1"], "A", "20", "1000", "Siêu khó"), // 14: unknown difficulty
            Row("Điền khuyết", "Điền khuyết thiếu đáp án ___", [], ""),                  // 15: fill without accepted answers
            Row("Một đáp án", "Đáp án trùng?", ["Hà Nội", "hà  nội"], "A"));              // 16: duplicate options

        var report = Read(file, existing);

        Assert.Null(report.FileProblem);
        Assert.Equal([2], report.Good.Select(g => g.Row));
        string[] expected =
        [
            "3 I missing-correct", "4 A unknown-type-word", "5 J out-of-range", "6 B too-long", "7 B duplicate-in-bank", "8 B duplicate-in-file",
            "9 I correct-out-of-range", "10 I one-correct-only", "11 K not-a-number", "12 C empty-option", "13 B required",
            "14 L unknown-difficulty-word", "15 I missing-correct", "16 C duplicate-option",
        ];
        Assert.Equal(expected, report.Problems.Select(p => $"{p.Row} {p.Column} {p.Code}"));
        Assert.All(report.Problems, p => Assert.Equal("Câu hỏi", p.Sheet));
        Assert.Equal("Thời gian (giây)", report.Problems[2].ColumnTitle);
        // 601 s against the 5–600 s range; row 8 repeats row 2 of the same sheet.
        Assert.Equal([601, 5, 600], report.Problems[2].Args);
        Assert.Equal(["Câu hỏi", 2], report.Problems[5].Args);
        Assert.Equal(15, report.TotalRows);
    }

    [Fact]
    public void Seven_options_in_a_file_with_an_extra_option_column_are_too_many()
    {
        using var file = Build(wb =>
        {
            var ws = wb.Worksheets.Add("Q");
            string[] header = ["Loại câu hỏi", "Câu hỏi", "Đáp án A", "Đáp án B", "Đáp án C", "Đáp án D", "Đáp án E", "Đáp án F", "Đáp án G", "Đáp án đúng"];
            string[] row = ["Một đáp án", "Bảy đáp án?", "1", "2", "3", "4", "5", "6", "7", "A"];
            for (var c = 0; c < header.Length; c++) { ws.Cell(1, c + 1).SetValue(header[c]); ws.Cell(2, c + 1).SetValue(row[c]); }
        });
        var p = Assert.Single(Read(file).Problems);
        Assert.Equal(("C", ProblemCodes.TooManyOptions), (p.Column, p.Code));
        Assert.Equal([7, 6], p.Args);
    }

    [Fact]
    public void Formulas_give_their_cached_values()
    {
        // Excel saves a formula with the value it last showed: <c r="B2"><f>2+2</f><v>4</v></c>. Built here by
        // writing the values with ClosedXML and adding the formulas to the sheet XML, as Excel would have it.
        using var plain = Build(wb =>
        {
            var ws = wb.Worksheets.Add("Q");
            string[] header = ["Câu hỏi", "Đáp án A", "Đáp án B", "Đáp án đúng", "Thời gian (giây)"];
            for (var c = 0; c < header.Length; c++) ws.Cell(1, c + 1).SetValue(header[c]);
            ws.Cell(2, 1).SetValue("Hai cộng hai?");
            ws.Cell(2, 2).SetValue(4);
            ws.Cell(2, 3).SetValue("5");
            ws.Cell(2, 4).SetValue("A");
            ws.Cell(2, 5).SetValue(30);
        });
        var file = WithSheetXml(plain, xml =>
        {
            // Formulas that would give other values if re-evaluated, so the test tells cached from recalculated.
            xml = Regex.Replace(xml, "(<(x:)?c r=\"B2\"[^>]*>)", "$1<$2f>1+1</$2f>");
            xml = Regex.Replace(xml, "(<(x:)?c r=\"E2\"[^>]*>)", "$1<$2f>3*5</$2f>");
            Assert.Contains("1+1</", xml);
            return xml;
        });
        var q = Assert.Single(Read(file).Good).Question;
        Assert.Equal(["4", "5"], q.Options);
        Assert.Equal(30, q.TimeLimitSeconds);
    }
}
