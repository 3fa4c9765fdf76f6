using System.IO.Compression;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using Contest.Admin.Questions.Excel;
using Contest.Engine.Questions;
using static Contest.Admin.Tests.Questions.Workbooks;

namespace Contest.Admin.Tests.Questions;

/// <summary>Numeric cells read as the text Excel shows: dates as d/m/yyyy, times as H:mm, numbers without float noise.</summary>
public class CellDisplayTests
{
    /// <summary>One single-choice question per cell: option A is the cell, written by its action; B is "khác".</summary>
    private static MemoryStream Options(bool date1904, params Action<IXLCell>[] cells) => Build(wb =>
    {
        wb.Use1904DateSystem = date1904;
        var ws = wb.Worksheets.Add("Câu hỏi");
        string[] header = ["Loại câu hỏi", "Câu hỏi", "Đáp án A", "Đáp án B", "Đáp án đúng"];
        for (var c = 0; c < header.Length; c++) ws.Cell(1, c + 1).SetValue(header[c]);
        for (var i = 0; i < cells.Length; i++)
        {
            ws.Cell(i + 2, 1).SetValue("Một đáp án");
            ws.Cell(i + 2, 2).SetValue($"Câu hỏi {i + 1} có ô ngày tháng?");
            cells[i](ws.Cell(i + 2, 3));
            ws.Cell(i + 2, 4).SetValue("khác");
            ws.Cell(i + 2, 5).SetValue("A");
        }
    });

    private static List<string> OptionsOf(MemoryStream file, string language = "vi")
    {
        var report = Read(file, language: language);
        Assert.Empty(report.Problems);
        return [.. report.Good.Select(g => g.Question.Options[0])];
    }

    private static Action<IXLCell> Number(double value, int formatId) => c => { c.SetValue(value); c.Style.NumberFormat.NumberFormatId = formatId; };

    private static Action<IXLCell> Number(double value, string format) => c => { c.SetValue(value); c.Style.NumberFormat.Format = format; };

    [Fact]
    public void A_date_typed_as_26_3_1931_reads_as_typed_whatever_its_date_format()
    {
        // 11408 is 26/3/1931 in Excel's 1900 system; 14 is the system short date Excel gives a typed date.
        var options = OptionsOf(Options(false,
            Number(11408, 14), Number(11408, "dd/mm/yyyy"), Number(11408, "m/d/yyyy"), Number(11408, "[$-42A]d mmmm yyyy"), Number(11408, 15)));
        Assert.Equal(["26/3/1931", "26/3/1931", "26/3/1931", "26/3/1931", "26/3/1931"], options);
    }

    [Fact]
    public void Date_times_times_and_durations()
    {
        // 11408.3125 = 26/3/1931 07:30; 0.5208333 = 12:30; 0.0005787 = 50 s; 1.5 days as a duration = 36 h.
        var options = OptionsOf(Options(false,
            Number(11408.3125, 22), Number(0.520833333333333, "h:mm"), Number(0.000578703703703704, "h:mm:ss"), Number(1.5, "[h]:mm:ss"),
            Number(11408, "mm/yyyy"), Number(45742.75, "d/m/yyyy h:mm AM/PM")));
        Assert.Equal(["26/3/1931 7:30", "12:30", "0:00:50", "36:00:00", "3/1931", "26/3/2025 18:00"], options);
    }

    [Fact]
    public void Dates_of_the_1904_system_and_around_the_1900_leap_bug()
    {
        // Excel's 1904 system (old Mac workbooks) counts from 1/1/1904: 26/3/1931 is 9946.
        Assert.Equal(["26/3/1931", "1/1/1904"], OptionsOf(Options(true, Number(9946, 14), Number(0, "d/m/yyyy"))));
        // Serial 59 is 28/2/1900, 60 the 29/2/1900 Excel believes in, 61 is 1/3/1900.
        Assert.Equal(["28/2/1900", "29/2/1900", "1/3/1900"], OptionsOf(Options(false, Number(59, 14), Number(60, 14), Number(61, 14))));
    }

    /// <summary>Decimals as the bank's language writes them: a Vietnamese "2,5" is the number 2.5 in the file.</summary>
    [Theory]
    [InlineData("vi", new[] { "0,3", "3", "2,50", "50%", "1234567,89", "1931", "12,5%" })]
    [InlineData("en", new[] { "0.3", "3", "2.50", "50%", "1234567.89", "1931", "12.5%" })]
    public void Numbers_read_as_shown_without_binary_noise(string language, string[] expected)
    {
        var options = OptionsOf(Options(false,
            c => c.SetValue(0.1 + 0.2),                 // stored 0.30000000000000004, shown 0.3
            c => c.SetValue(3.0000000000000004),        // shown 3
            Number(2.5, "0.00"), Number(0.5, 9), Number(1234567.891, "#,##0.0#"), c => c.SetValue(1931), Number(0.125, "0.0%")), language);
        Assert.Equal(expected, options);
    }

    [Fact]
    public void Kahoot_correct_answers_typed_1_comma_3_in_a_vietnamese_excel()
    {
        // In a Vietnamese-locale Excel "1,3" becomes the number 1.3; as the typist saw it, it means answers 1 and 3.
        using var file = Build(wb =>
        {
            var ws = wb.Worksheets.Add("Sheet1");
            string[] header = ["Question - max 120 characters", "Answer 1 - max 75 characters", "Answer 2 - max 75 characters", "Answer 3 - max 75 characters", "Correct answer(s) - choose at least one"];
            for (var c = 0; c < header.Length; c++) ws.Cell(1, c + 1).SetValue(header[c]);
            ws.Cell(2, 1).SetValue("Which are primes?"); ws.Cell(2, 2).SetValue("2"); ws.Cell(2, 3).SetValue("4"); ws.Cell(2, 4).SetValue("5");
            ws.Cell(2, 5).SetValue(1.3);
        });
        foreach (var language in new[] { "vi", "en" })
        {
            file.Position = 0;
            var q = Assert.Single(Read(file, language: language).Good).Question;
            Assert.Equal(QuestionType.MultipleSelect, q.Type);
            Assert.Equal([0, 2], q.CorrectOptions);
        }
    }

    [Fact]
    public void A_date_in_the_question_and_answer_columns_and_a_numeric_time_limit()
    {
        using var file = Build(wb =>
        {
            var ws = wb.Worksheets.Add("Câu hỏi");
            string[] header = ["Loại câu hỏi", "Câu hỏi", "Đáp án A", "Đáp án đúng", "Thời gian (giây)"];
            for (var c = 0; c < header.Length; c++) ws.Cell(1, c + 1).SetValue(header[c]);
            ws.Cell(2, 1).SetValue("Điền khuyết");
            ws.Cell(2, 2).SetValue("Đoàn thành lập ngày nào?");
            ws.Cell(2, 4).SetValue(new DateTime(1931, 3, 26));
            ws.Cell(2, 4).Style.NumberFormat.NumberFormatId = 14;
            ws.Cell(2, 5).SetValue(30);
        });
        var q = Assert.Single(Read(file).Good).Question;
        Assert.Equal(["26/3/1931"], q.AcceptedAnswers);
        Assert.Equal(30, q.TimeLimitSeconds);
    }

    [Fact]
    public void A_formula_error_is_reported_on_its_cell_once()
    {
        using var plain = Options(false, c => c.SetValue("x"));
        var file = WithSheetXml(plain, xml =>
        {
            // What Excel saves for =VLOOKUP(...) that found nothing: an error cell with its cached #N/A.
            xml = Regex.Replace(xml, "<(x:)?c r=\"D2\"[^>]*>.*?</(x:)?c>", "<$1c r=\"D2\" t=\"e\"><$1f>VLOOKUP(1,Z1:Z2,1,0)</$1f><$1v>#N/A</$1v></$1c>");
            Assert.Contains("#N/A", xml);
            return xml;
        });
        var p = Assert.Single(Read(file).Problems);
        Assert.Equal(("D", ImportCodes.CellError), (p.Column, p.Code));
        Assert.Equal(["#N/A"], p.Args);
    }
}
