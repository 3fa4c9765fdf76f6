using System.IO.Compression;
using Contest.Admin.Questions.Excel;
using Contest.Engine.Questions;
using static Contest.Admin.Tests.Questions.Workbooks;

namespace Contest.Admin.Tests.Questions;

public class RoundTripTests
{
    // "Đoàn Thanh niên" typed decomposed: o + U+0300 (ò), and e + U+0302 (ê) then the tone.
    private const string Decomposed = "Đoa\u0300n Thanh nie\u0302n Cô\u0323ng sa\u0309n Hô\u0300 Chí Minh thành lập năm nào?";
    private const string Composed = "Đoàn Thanh niên Cộng sản Hồ Chí Minh thành lập năm nào?";

    private static MemoryStream Source() => Template(
        Row("Một đáp án", Decomposed, ["1930", "1931", "1941"], "B", "30", "1000", "Dễ", "lịch sử, truyền thống", "vi", "Ngày 26/3/1931.", ""),
        Row("Nhiều đáp án", "Những tên gọi nào là tên của Đoàn?", ["Đoàn Thanh niên Cứu quốc", "Hội Sinh viên", "Đoàn Thanh niên Lao động"], "A,C", "45", "2000", "Khó", "lịch sử", "vi", "", "", "", "", "", "Có"),
        Row("Đúng/Sai", "Tháng Ba là Tháng Thanh niên.", [], "Đúng", "10", "500", "Trung bình", "", "vi", "", ""),
        Row("Điền khuyết", "Thanh niên làm theo lời ___", [], "Bác | Bác Hồ", "20", "1000", "Dễ", "bài hát", "vi", "", "", "Có", "Có", "Có"),
        Row("Sắp xếp", "Put the words in order", ["Young", "people", "build", "futures"], "", "40", "1000", "Dễ", "grammar", "en", "", "/media/listen-1.mp3"),
        Row("Một đáp án", "=1+1 là mấy? (a formula-looking question)", ["=SUM(A1:A2)", "+2", "-3", "@x"], "A"));

    private static string Describe(Question q) =>
        $"{q.Type}|{q.Text}|{string.Join("/", q.Options)}|{string.Join(",", q.CorrectOptions)}|{string.Join("/", q.AcceptedAnswers)}|{q.TimeLimitSeconds}|{q.Points}|{q.Difficulty}|{string.Join(",", q.Tags)}|{q.Language}|{q.Explanation}|{q.MediaKind}|{q.MediaUrl}|{q.IgnoreCase}{q.IgnoreDiacritics}{q.IgnoreExtraSpaces}{q.PartialCredit}";

    [Fact]
    public void Import_export_import_gives_the_same_questions_in_NFC()
    {
        var first = Read(Source());
        Assert.Empty(first.Problems);
        Assert.Equal(6, first.Good.Count);
        Assert.Equal(Composed, first.Good[0].Question.Text);
        Assert.Equal([1], first.Good[0].Question.CorrectOptions);
        Assert.Equal(["Đúng", "Sai"], first.Good[2].Question.Options);
        Assert.Equal([false, true, false], first.Good.Take(3).Select(g => g.Question.PartialCredit));
        Assert.Equal((MediaKind.Audio, "en"), (first.Good[4].Question.MediaKind, first.Good[4].Question.Language));

        var exported = new MemoryStream();
        QuestionSheetWriter.WriteBank(exported, first.Good.Select(g => g.Question), Limits);
        exported.Position = 0;
        var second = Read(exported);

        Assert.Null(second.FileProblem);
        Assert.Empty(second.Problems);
        Assert.Equal(first.Good.Select(g => Describe(g.Question)), second.Good.Select(g => Describe(g.Question)));
    }

    [Fact]
    public void Export_writes_formula_looking_text_as_text_never_as_a_formula()
    {
        var questions = Read(Source()).Good.Select(g => g.Question);
        var exported = new MemoryStream();
        QuestionSheetWriter.WriteBank(exported, questions, Limits);
        exported.Position = 0;
        using var zip = new ZipArchive(exported);
        using var sheet = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
        var xml = sheet.ReadToEnd();
        Assert.DoesNotContain("<x:f>", xml);
        Assert.DoesNotContain("<f>", xml);
        using var strings = new StreamReader(zip.GetEntry("xl/sharedStrings.xml")!.Open());
        Assert.Contains("=SUM(A1:A2)", strings.ReadToEnd());
        // Quote prefix on those cells: Excel keeps them literal even when the admin edits them.
        Assert.Contains("quotePrefix=\"1\"", new StreamReader(zip.GetEntry("xl/styles.xml")!.Open()).ReadToEnd());
    }

    [Fact]
    public void The_template_imports_as_empty_and_states_the_limits()
    {
        var template = new MemoryStream();
        QuestionSheetWriter.WriteTemplate(template, new ImportLimits { MaxRows = 12345 });
        template.Position = 0;
        Assert.Equal(FileProblem.NoQuestions, Read(template).FileProblem?.Code);
        template.Position = 0;
        using var wb = new ClosedXML.Excel.XLWorkbook(template);
        var text = string.Join("\n", wb.Worksheet(QuestionSheetWriter.InstructionsSheet).CellsUsed().Select(c => c.GetString()));
        Assert.Contains("12345 câu hỏi", text);
        Assert.Contains("Tối đa 6 đáp án", text);
        // Type, correct answer, difficulty and language drop-downs.
        Assert.Equal(4, wb.Worksheet(QuestionSheetWriter.QuestionSheet).DataValidations.Count());
    }
}
