using Contest.Engine.Questions;
using static Contest.Admin.Tests.Questions.Workbooks;

namespace Contest.Admin.Tests.Questions;

public class LayoutTests
{
    [Fact]
    public void Kahoot_sheet_imports_with_its_header_below_the_instructions()
    {
        using var file = Build(wb =>
        {
            var ws = wb.Worksheets.Add("Sheet1");
            ws.Cell(1, 2).SetValue("Quiz template");
            ws.Cell(2, 2).SetValue("Add questions, at least two answer alternatives, time limit and choose correct answers (at least one).");
            ws.Range("B2:H2").Merge();
            string[] header = ["", "Question - max 120 characters", "Answer 1 - max 75 characters", "Answer 2 - max 75 characters", "Answer 3 - max 75 characters",
                "Answer 4 - max 75 characters", "Time limit (sec) – 5, 10, 20, 30, 60, 90, 120, or 240 secs", "Correct answer(s) - choose at least one"];
            for (var c = 1; c < header.Length; c++) ws.Cell(8, c + 1).SetValue(header[c]);
            object[][] rows =
            [
                [1, "What is the capital of Vietnam?", "Hà Nội", "Huế", "Đà Nẵng", "", 20, "1"],
                [2, "Which are primes?", "2", "4", "5", "9", 30, "1,3"],
            ];
            for (var r = 0; r < rows.Length; r++)
                for (var c = 0; c < rows[r].Length; c++)
                    if (rows[r][c] is int n) ws.Cell(9 + r, c + 1).SetValue(n); else if ((string)rows[r][c] != "") ws.Cell(9 + r, c + 1).SetValue((string)rows[r][c]);
        });
        var report = Read(file);
        Assert.Null(report.FileProblem);
        Assert.Empty(report.Problems);
        Assert.Equal("Kahoot", report.Layout);
        var (capital, primes) = (report.Good[0].Question, report.Good[1].Question);
        Assert.Equal((QuestionType.SingleChoice, 3, 20), (capital.Type, capital.Options.Count, capital.TimeLimitSeconds));
        Assert.Equal([0], capital.CorrectOptions);
        // "1,3" one-based → options 0 and 2.
        Assert.Equal((QuestionType.MultipleSelect, 30), (primes.Type, primes.TimeLimitSeconds));
        Assert.Equal([0, 2], primes.CorrectOptions);
    }

    [Fact]
    public void Quizizz_sheet_imports_choice_checkbox_and_blank_and_reports_open_ended()
    {
        using var file = Build(wb =>
        {
            var ws = wb.Worksheets.Add("Sheet1");
            string[] header = ["Question Text", "Question Type", "Option 1", "Option 2", "Option 3", "Option 4", "Option 5", "Correct Answer", "Time in seconds", "Image Link", "Answer explanation"];
            for (var c = 0; c < header.Length; c++) ws.Cell(2, c + 1).SetValue(header[c]);
            ws.Cell(1, 1).SetValue("Quizizz spreadsheet template");
            string[][] rows =
            [
                ["Thủ đô của Việt Nam?", "Multiple Choice", "Huế", "Hà Nội", "", "", "", "2", "30", "https://example.org/hanoi.jpg", "Hà Nội là thủ đô."],
                ["Số nguyên tố?", "Checkbox", "2", "3", "4", "", "", "1,2", "45", "", ""],
                ["Thanh niên làm theo lời ___", "Fill-in-the-Blank", "Bác", "Bác Hồ", "", "", "", "", "20", "", ""],
                ["Bạn nghĩ gì?", "Open-Ended", "", "", "", "", "", "", "60", "", ""],
            ];
            for (var r = 0; r < rows.Length; r++)
                for (var c = 0; c < rows[r].Length; c++) if (rows[r][c] != "") ws.Cell(3 + r, c + 1).SetValue(rows[r][c]);
        });
        var report = Read(file);
        Assert.Equal("Quizizz", report.Layout);
        Assert.Equal(3, report.Good.Count);
        var (capital, primes, blank) = (report.Good[0].Question, report.Good[1].Question, report.Good[2].Question);
        Assert.Equal([1], capital.CorrectOptions);
        Assert.Equal((MediaKind.Image, "Hà Nội là thủ đô.", 30), (capital.MediaKind, capital.Explanation, capital.TimeLimitSeconds));
        Assert.Equal((QuestionType.MultipleSelect, 45), (primes.Type, primes.TimeLimitSeconds));
        Assert.Equal([0, 1], primes.CorrectOptions);
        Assert.Equal(QuestionType.FillBlank, blank.Type);
        Assert.Equal(["Bác", "Bác Hồ"], blank.AcceptedAnswers);
        Assert.Empty(blank.Options);
        var p = Assert.Single(report.Problems);
        Assert.Equal((6, "B", ProblemCodes.UnsupportedType), (p.Row, p.Column, p.Code));
    }

    /// <summary>
    /// Quizizz's own template: the header in row 1 and, right under it, a row saying what each column holds. That row
    /// is not a question and is skipped without a word; the questions below it import as usual.
    /// </summary>
    [Theory]
    [InlineData("Question Type")]
    [InlineData("Multiple Choice")]
    public void Quizizz_template_description_row_is_skipped_silently(string typeDescription)
    {
        using var file = Build(wb =>
        {
            var ws = wb.Worksheets.Add("Sheet1");
            string[][] rows =
            [
                ["Question Text", "Question Type", "Option 1", "Option 2", "Option 3", "Option 4", "Option 5", "Correct Answer", "Time in seconds", "Image Link", "Answer explanation"],
                ["Text of the question (required)", typeDescription, "Text for option 1 (required in all cases except open-ended & draw questions)",
                    "Text for option 2 (required in all cases except open-ended & draw questions)", "Text for option 3 (optional)", "Text for option 4 (optional)",
                    "Text for option 5 (optional)", "The correct option choice (between 1-5). Leave blank for \"Open-Ended\", \"Poll\", \"Draw\" and \"Fill-in-the-Blank\".",
                    "Time in seconds (optional, default value is 30 seconds)", "Link of the image (optional). Some services may not work.", "Text for the answer explanation (optional)"],
                ["Thủ đô của Việt Nam?", "Multiple Choice", "Huế", "Hà Nội", "", "", "", "2", "30", "", ""],
                ["Số nguyên tố?", "Checkbox", "2", "3", "4", "", "", "1,2", "45", "", ""],
            ];
            for (var r = 0; r < rows.Length; r++)
                for (var c = 0; c < rows[r].Length; c++) if (rows[r][c] != "") ws.Cell(1 + r, c + 1).SetValue(rows[r][c]);
        });
        var report = Read(file);
        Assert.Equal("Quizizz", report.Layout);
        Assert.Empty(report.Problems);
        Assert.Empty(report.Ignored);
        Assert.Equal([3, 4], report.Good.Select(g => g.Row));
    }

    [Fact]
    public void A_bad_first_question_under_the_header_is_still_reported()
    {
        // Looks nothing like a description: a real question with a wrong answer letter.
        using var file = Template(Row("Một đáp án", "Đoàn thành lập năm nào?", ["1930", "1931"], "Time in seconds"), Row("Một đáp án", "Câu hai?", ["x", "y"], "A"));
        var report = Read(file);
        var p = Assert.Single(report.Problems);
        Assert.Equal((2, ProblemCodes.BadCorrect), (p.Row, p.Code));
        Assert.Equal([3], report.Good.Select(g => g.Row));
    }
}
