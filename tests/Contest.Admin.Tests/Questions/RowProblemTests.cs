using Contest.Admin.Questions.Excel;
using Contest.Engine.Questions;
using static Contest.Admin.Tests.Questions.Workbooks;

namespace Contest.Admin.Tests.Questions;

/// <summary>Every problem of a row at once; type and difficulty words; columns the import does not read.</summary>
public class RowProblemTests
{
    [Fact]
    public void Every_problem_of_a_row_is_reported_left_to_right()
    {
        // Row 2: correct "D" of 2 options, time 601 s, points "nhiều", difficulty "Siêu khó", language "fr", yes/no "có lẽ".
        using var file = Template(
            Row("Một đáp án", "Nhiều lỗi một lúc?", ["A1", "B1"], "D", "601", "nhiều", "Siêu khó", "", "fr", "", "", "có lẽ"));
        var report = Read(file);
        Assert.Empty(report.Good);
        Assert.Equal(["I correct-out-of-range", "J out-of-range", "K not-a-number", "L unknown-difficulty-word", "N unknown-language", "Q unknown-yes-no"],
            report.Problems.Select(p => $"{p.Column} {p.Code}"));
        Assert.Equal(1, report.BadRowCount);
        Assert.Equal(["Siêu khó"], report.Problems[3].Args);
    }

    [Fact]
    public void An_unknown_type_word_is_an_error_and_options_are_not_judged_against_a_guess()
    {
        using var file = Template(
            Row("Tự luận", "Nêu ý nghĩa của Tháng Thanh niên?", [], "", "9999"),          // 2: unknown type + time out of range
            Row("Trắc nghiệm", "Đoàn thành lập năm nào?", ["1930", "1931"], "B"),        // 3: synonym of single choice
            Row("trac nghiem", "Trắc nghiệm hai đáp án đúng?", ["x", "y", "z"], "A,C"),  // 4: single choice, two correct: reported
            Row("CHECKBOX", "Số chẵn?", ["2", "3", "4"], "A,C"));                         // 5: Quizizz's word for multiple select
        var report = Read(file);
        Assert.Equal([(3, QuestionType.SingleChoice), (5, QuestionType.MultipleSelect)], report.Good.Select(g => (g.Row, g.Question.Type)));
        Assert.Equal(["2 A unknown-type-word", "2 J out-of-range", "4 I one-correct-only"], report.Problems.Select(p => $"{p.Row} {p.Column} {p.Code}"));
        Assert.Equal(["Tự luận"], report.Problems[0].Args);
    }

    [Fact]
    public void Difficulty_column_titled_muc_do_reads_vietnamese_and_english_words()
    {
        using var file = Build(wb =>
        {
            var ws = wb.Worksheets.Add("Câu hỏi");
            string[] header = ["STT", "Câu hỏi", "Đáp án A", "Đáp án B", "Đáp án đúng", "Mức độ", "Ghi chú"];
            for (var c = 0; c < header.Length; c++) ws.Cell(1, c + 1).SetValue(header[c]);
            string[] levels = ["Dễ", "TB", "khó", "KHO", "Trung binh", "Hard", "medium", "EASY", "Nhận biết", "Vận dụng cao", "", "Siêu khó"];
            for (var i = 0; i < levels.Length; i++)
            {
                ws.Cell(i + 2, 1).SetValue(i + 1);
                ws.Cell(i + 2, 2).SetValue($"Câu {i + 1}?");
                ws.Cell(i + 2, 3).SetValue("x");
                ws.Cell(i + 2, 4).SetValue("y");
                ws.Cell(i + 2, 5).SetValue("A");
                if (levels[i].Length > 0) ws.Cell(i + 2, 6).SetValue(levels[i]);
                ws.Cell(i + 2, 7).SetValue("đã duyệt");
            }
        });
        var report = Read(file);
        var (e, m, h) = (Difficulty.Easy, Difficulty.Medium, Difficulty.Hard);
        // An empty cell keeps the default, medium.
        Assert.Equal([e, m, h, h, m, h, m, e, e, h, m], report.Good.Select(g => g.Question.Difficulty));
        var p = Assert.Single(report.Problems);
        Assert.Equal((13, "F", "Mức độ", ImportCodes.UnknownDifficultyWord), (p.Row, p.Column, p.ColumnTitle, p.Code));
        // STT and Ghi chú are not read: the report says so.
        Assert.Equal([new IgnoredColumn("Câu hỏi", "A", "STT"), new IgnoredColumn("Câu hỏi", "G", "Ghi chú")], report.Ignored);
    }

    [Fact]
    public void Our_template_has_no_ignored_columns() =>
        Assert.Empty(Read(Template(Row("Một đáp án", "Câu hỏi?", ["A", "B"], "A"))).Ignored);
}
