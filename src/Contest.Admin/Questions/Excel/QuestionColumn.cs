using System.Text.RegularExpressions;
using Contest.Engine.Questions;
using Contest.Engine.Text;

namespace Contest.Admin.Questions.Excel;

/// <summary>The columns a question sheet can have, and the header titles each is known by.</summary>
public enum QuestionColumn
{
    Type, Text, Option, Correct, TimeLimit, Points, Difficulty, Tags, Language, Explanation, Media, IgnoreCase, IgnoreDiacritics, IgnoreSpaces, PartialCredit,
}

public static partial class QuestionColumns
{
    /// <summary>Our template's titles, in its column order (the six options sit after the question).</summary>
    public static readonly (QuestionColumn Column, string Title)[] Template =
    [
        (QuestionColumn.Type, "Loại câu hỏi"),
        (QuestionColumn.Text, "Câu hỏi"),
        (QuestionColumn.Option, "Đáp án A"), (QuestionColumn.Option, "Đáp án B"), (QuestionColumn.Option, "Đáp án C"),
        (QuestionColumn.Option, "Đáp án D"), (QuestionColumn.Option, "Đáp án E"), (QuestionColumn.Option, "Đáp án F"),
        (QuestionColumn.Correct, "Đáp án đúng"),
        (QuestionColumn.TimeLimit, "Thời gian (giây)"),
        (QuestionColumn.Points, "Điểm"),
        (QuestionColumn.Difficulty, "Độ khó"),
        (QuestionColumn.Tags, "Chủ đề"),
        (QuestionColumn.Language, "Ngôn ngữ"),
        (QuestionColumn.Explanation, "Giải thích"),
        (QuestionColumn.Media, "Hình ảnh / âm thanh"),
        (QuestionColumn.IgnoreCase, "Không phân biệt hoa thường"),
        (QuestionColumn.IgnoreDiacritics, "Không phân biệt dấu"),
        (QuestionColumn.IgnoreSpaces, "Bỏ qua khoảng trắng thừa"),
        (QuestionColumn.PartialCredit, "Tính điểm từng phần"),
    ];

    // Titles after Key(): no diacritics, lower case, cut before "(" or " - ". Kahoot! titles read
    // "Question - max 120 characters", "Answer 1 - max 75 characters", "Time limit (sec) – 5, 10, 20…",
    // "Correct answer(s) - choose at least one"; Quizizz: "Question Text", "Question Type", "Option 1",
    // "Correct Answer", "Time in seconds", "Image Link", "Answer explanation".
    private static readonly Dictionary<string, QuestionColumn> Titles = new()
    {
        ["loai cau hoi"] = QuestionColumn.Type, ["loai"] = QuestionColumn.Type, ["type"] = QuestionColumn.Type, ["question type"] = QuestionColumn.Type,
        ["cau hoi"] = QuestionColumn.Text, ["noi dung cau hoi"] = QuestionColumn.Text, ["question"] = QuestionColumn.Text, ["question text"] = QuestionColumn.Text,
        ["dap an dung"] = QuestionColumn.Correct, ["correct"] = QuestionColumn.Correct, ["correct answer"] = QuestionColumn.Correct, ["correct answers"] = QuestionColumn.Correct,
        ["thoi gian"] = QuestionColumn.TimeLimit, ["time"] = QuestionColumn.TimeLimit, ["time limit"] = QuestionColumn.TimeLimit, ["time in seconds"] = QuestionColumn.TimeLimit,
        ["diem"] = QuestionColumn.Points, ["points"] = QuestionColumn.Points,
        ["do kho"] = QuestionColumn.Difficulty, ["muc do"] = QuestionColumn.Difficulty, ["cap do"] = QuestionColumn.Difficulty,
        ["muc do nhan thuc"] = QuestionColumn.Difficulty, ["difficulty"] = QuestionColumn.Difficulty, ["level"] = QuestionColumn.Difficulty,
        ["chu de"] = QuestionColumn.Tags, ["tags"] = QuestionColumn.Tags, ["tag"] = QuestionColumn.Tags, ["topic"] = QuestionColumn.Tags,
        ["ngon ngu"] = QuestionColumn.Language, ["language"] = QuestionColumn.Language,
        ["giai thich"] = QuestionColumn.Explanation, ["explanation"] = QuestionColumn.Explanation, ["answer explanation"] = QuestionColumn.Explanation,
        ["hinh anh / am thanh"] = QuestionColumn.Media, ["media"] = QuestionColumn.Media, ["image link"] = QuestionColumn.Media, ["image"] = QuestionColumn.Media, ["audio"] = QuestionColumn.Media,
        ["khong phan biet hoa thuong"] = QuestionColumn.IgnoreCase, ["ignore case"] = QuestionColumn.IgnoreCase,
        ["khong phan biet dau"] = QuestionColumn.IgnoreDiacritics, ["ignore diacritics"] = QuestionColumn.IgnoreDiacritics,
        ["bo qua khoang trang thua"] = QuestionColumn.IgnoreSpaces, ["ignore extra spaces"] = QuestionColumn.IgnoreSpaces,
        ["tinh diem tung phan"] = QuestionColumn.PartialCredit, ["partial credit"] = QuestionColumn.PartialCredit,
    };

    /// <summary>The column a header title names, or null. Option columns are any "Đáp án X" / "Answer N" / "Option N".</summary>
    public static QuestionColumn? Match(string title)
    {
        var key = Key(title);
        if (key.Length == 0) return null;
        if (Titles.TryGetValue(key, out var c)) return c;
        return OptionTitle().IsMatch(key) ? QuestionColumn.Option : null;
    }

    public static string Key(string title)
    {
        var s = TextNormalizer.CollapseSpaces(TextNormalizer.StripDiacritics(title)).ToLowerInvariant();
        foreach (var cut in new[] { "(", " - ", " – ", "*", ":" })
        {
            var i = s.IndexOf(cut, StringComparison.Ordinal);
            if (i > 0) s = s[..i];
        }
        return s.Trim();
    }

    /// <summary>The property a rule problem names, mapped to the column that holds it.</summary>
    public static QuestionColumn ForField(string field) => field switch
    {
        QuestionFields.Type => QuestionColumn.Type,
        QuestionFields.Options => QuestionColumn.Option,
        QuestionFields.Correct or QuestionFields.Accepted => QuestionColumn.Correct,
        QuestionFields.TimeLimit => QuestionColumn.TimeLimit,
        QuestionFields.Points => QuestionColumn.Points,
        QuestionFields.Difficulty => QuestionColumn.Difficulty,
        QuestionFields.Tags => QuestionColumn.Tags,
        QuestionFields.Language => QuestionColumn.Language,
        QuestionFields.Explanation => QuestionColumn.Explanation,
        QuestionFields.Media => QuestionColumn.Media,
        _ => QuestionColumn.Text,
    };

    [GeneratedRegex(@"^(dap an|phuong an|lua chon|option|answer|choice) ?([a-z]|[0-9]{1,2})$")]
    private static partial Regex OptionTitle();
}
