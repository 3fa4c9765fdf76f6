using System.Globalization;
using Contest.Admin.Questions;
using Contest.Admin.Questions.Excel;
using Contest.Engine.Questions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Contest.Admin.Tests.Questions;

/// <summary>Every message the import can give exists in Vietnamese and English, through the same localizer the pages use.</summary>
public class ImportMessageTests
{
    private static IStringLocalizer<QuestionsUi> Localizer() =>
        new ServiceCollection().AddLogging().AddLocalization().BuildServiceProvider().GetRequiredService<IStringLocalizer<QuestionsUi>>();

    private static string[] Keys() =>
    [
        .. typeof(ProblemCodes).GetFields().Select(f => "Problem." + f.GetValue(null)),
        .. typeof(ImportCodes).GetFields().Select(f => "Problem." + f.GetValue(null)),
        .. typeof(FileProblem).GetFields().Where(f => f.IsLiteral).Select(f => "File." + f.GetValue(null)),
        .. Enum.GetNames<QuestionColumn>().Select(c => "Column." + c),
        "Layout.Contest", "Layout.Kahoot", "Layout.Quizizz", "Import.Ignored", "Import.IgnoredColumn", "Import.Failed", "Import.Summary",
    ];

    [Theory]
    [InlineData("vi")]
    [InlineData("en")]
    public void Every_import_message_exists_in_the_language(string language)
    {
        var t = Localizer();
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo(language);
            var missing = Keys().Where(k => t[k].ResourceNotFound || t[k].Value.Trim().Length == 0).ToList();
            Assert.Empty(missing);
        }
        finally { CultureInfo.CurrentUICulture = previous; }
    }

    [Fact]
    public void Sentences_read_in_each_language()
    {
        var t = Localizer();
        var duplicate = new RowProblem("Câu hỏi", 7, "B", "Câu hỏi", ImportCodes.DuplicateInBank, ["Lịch sử Đoàn"]);
        var inFile = new RowProblem("Câu hỏi", 8, "B", "Câu hỏi", ImportCodes.DuplicateInFile, ["Câu hỏi", 2]);
        var type = new RowProblem("Câu hỏi", 4, "A", "Loại câu hỏi", ImportCodes.UnknownTypeWord, ["Tự luận"]);
        var difficulty = new RowProblem("Câu hỏi", 5, "", "", ImportCodes.UnknownDifficultyWord, ["Siêu khó"]) { Field = QuestionColumn.Difficulty };
        var missing = new FileProblem(FileProblem.MissingColumns, "Q", new[] { QuestionColumn.Correct, QuestionColumn.Option });
        var bomb = new FileProblem(FileProblem.ZipBomb, 300L * 1024 * 1024);
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo("vi");
            Assert.Equal("Trùng với câu hỏi đã có trong ngân hàng «Lịch sử Đoàn»", t.Of(duplicate));
            Assert.Equal("Trùng với câu hỏi ở trang «Câu hỏi», dòng 2 của tệp này", t.Of(inFile));
            Assert.Equal("Loại câu hỏi không rõ: \"Tự luận\". Dùng một trong: Một đáp án, Nhiều đáp án, Đúng/Sai, Điền khuyết, Sắp xếp.", t.Of(type));
            Assert.Equal("Độ khó không rõ: \"Siêu khó\". Dùng Dễ, Trung bình (TB) hoặc Khó.", t.Of(difficulty));
            Assert.Equal("Độ khó", t.ColumnOf(difficulty));
            Assert.Equal("A — Loại câu hỏi", t.ColumnOf(type));
            Assert.Equal("Trang \"Q\" thiếu cột: Đáp án đúng, Đáp án A…F.", t.Of(missing));
            Assert.StartsWith("Tệp quá lớn khi giải nén (hơn 300 MB)", t.Of(bomb));
            Assert.Equal("mẫu của hệ thống", t.LayoutName("Contest"));

            CultureInfo.CurrentUICulture = new CultureInfo("en");
            Assert.Equal("Same as a question already in the bank “Lịch sử Đoàn”", t.Of(duplicate));
            Assert.StartsWith("Unknown question type: \"Tự luận\". Use one of: Single choice,", t.Of(type));
            Assert.Equal("Difficulty", t.ColumnOf(difficulty));
            Assert.Equal("Sheet \"Q\" lacks the columns: Correct answer, Options.", t.Of(missing));
            Assert.StartsWith("The file is too large when unpacked (over 300 MB)", t.Of(bomb));
        }
        finally { CultureInfo.CurrentUICulture = previous; }
    }
}
