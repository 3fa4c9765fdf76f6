using Contest.Engine.Questions;

namespace Contest.Engine.Demo;

/// <summary>The demo banks: real questions a Youth Union would ask during Youth Month.</summary>
internal static class DemoQuestions
{
    public static QuestionBank UnionHistory(DateTimeOffset now) => new()
    {
        Name = "Lịch sử Đoàn TNCS Hồ Chí Minh",
        Language = "vi",
        Description = "Tìm hiểu lịch sử, truyền thống của Đoàn TNCS Hồ Chí Minh nhân kỷ niệm ngày thành lập Đoàn 26/3.",
        CreatedAt = now,
        Questions =
        [
            Choice("Đoàn Thanh niên Cộng sản Hồ Chí Minh được thành lập vào ngày, tháng, năm nào?",
                ["26/3/1930", "26/3/1931", "19/5/1931", "3/2/1930"], 1, "lịch sử", Difficulty.Easy,
                "Ngày 26/3/1931, Hội nghị lần thứ hai Ban Chấp hành Trung ương Đảng quyết định thành lập Đoàn Thanh niên Cộng sản Đông Dương.", now),
            Choice("Tên gọi đầu tiên của Đoàn là gì?",
                ["Đoàn Thanh niên Cứu quốc Việt Nam", "Đoàn Thanh niên Lao động Việt Nam", "Đoàn Thanh niên Cộng sản Đông Dương", "Đoàn Thanh niên Phản đế Đông Dương"], 2, "lịch sử", Difficulty.Medium,
                "Năm 1931 Đoàn mang tên Đoàn Thanh niên Cộng sản Đông Dương.", now),
            Choice("Từ năm nào Đoàn mang tên Đoàn Thanh niên Cộng sản Hồ Chí Minh?",
                ["1970", "1976", "1980", "1986"], 1, "lịch sử", Difficulty.Hard,
                "Tháng 12/1976, Đại hội đại biểu toàn quốc lần thứ IV của Đảng quyết định đổi tên thành Đoàn Thanh niên Cộng sản Hồ Chí Minh.", now),
            TrueFalse("Đội Thiếu niên Tiền phong Hồ Chí Minh được thành lập ngày 15/5/1941.", true, "lịch sử", Difficulty.Easy,
                "Ngày 15/5/1941 tại Pác Bó (Cao Bằng), Đội Thiếu niên Tiền phong được thành lập.", now),
            TrueFalse("Hội Liên hiệp Thanh niên Việt Nam được thành lập ngày 26/3/1931.", false, "lịch sử", Difficulty.Medium,
                "Hội Liên hiệp Thanh niên Việt Nam được thành lập ngày 15/10/1956.", now),
            Choice("Ai là người đoàn viên thanh niên cộng sản tiêu biểu với câu nói: \"Con đường của thanh niên chỉ có thể là con đường cách mạng, không thể là con đường nào khác\"?",
                ["Lý Tự Trọng", "Võ Thị Sáu", "Nguyễn Văn Trỗi", "Kim Đồng"], 0, "lịch sử", Difficulty.Easy,
                "Anh Lý Tự Trọng (1914–1931) hy sinh khi mới 17 tuổi.", now),
            Fill("Bài hát chính thức của Đoàn là \"Thanh niên làm theo lời ____\" (nhạc sĩ Hoàng Hòa).",
                ["Bác", "Bác Hồ"], "truyền thống", Difficulty.Easy, ignoreDiacritics: true,
                "Bài hát \"Thanh niên làm theo lời Bác\" của nhạc sĩ Hoàng Hòa.", now),
            Multi("Những tên gọi nào dưới đây là tên gọi của Đoàn qua các thời kỳ?",
                ["Đoàn Thanh niên Dân chủ Đông Dương", "Đoàn Thanh niên Cứu quốc Việt Nam", "Hội Sinh viên Việt Nam", "Đoàn Thanh niên Lao động Hồ Chí Minh"], [0, 1, 3], "lịch sử", Difficulty.Medium,
                "Hội Sinh viên Việt Nam là tổ chức chính trị - xã hội của sinh viên, không phải tên gọi của Đoàn.", now),
            Order("Sắp xếp các tên gọi của Đoàn theo thứ tự thời gian.",
                ["Đoàn Thanh niên Cộng sản Đông Dương", "Đoàn Thanh niên Cứu quốc Việt Nam", "Đoàn Thanh niên Lao động Việt Nam", "Đoàn Thanh niên Cộng sản Hồ Chí Minh"], "lịch sử", Difficulty.Hard,
                "1931 → 1941 → 1956 → 1976.", now),
            Choice("Đại hội đại biểu toàn quốc Đoàn TNCS Hồ Chí Minh lần thứ XII diễn ra vào năm nào?",
                ["2017", "2020", "2022", "2023"], 2, "nghị quyết", Difficulty.Medium,
                "Đại hội XII của Đoàn diễn ra tháng 12/2022 tại Hà Nội.", now),
            Choice("Chủ đề Tháng Thanh niên năm 2023 là gì?",
                ["Tuổi trẻ tiên phong chuyển đổi số", "Thanh niên tình nguyện vì cộng đồng", "Tuổi trẻ sáng tạo vì đất nước", "Khát vọng thanh niên"], 0, "nghị quyết", Difficulty.Easy,
                "Tháng Thanh niên 2023 có chủ đề \"Tuổi trẻ tiên phong chuyển đổi số\".", now),
            Fill("Tháng Thanh niên được tổ chức hằng năm vào tháng mấy? (nhập một số)", ["3", "ba", "tháng 3"], "truyền thống", Difficulty.Easy, ignoreDiacritics: true,
                "Tháng Ba là Tháng Thanh niên, gắn với ngày thành lập Đoàn 26/3.", now),
        ],
    };

    public static QuestionBank English(DateTimeOffset now) => new()
    {
        Name = "English for Youth — Level B1",
        Language = "en",
        Description = "The provincial English contest for young people: grammar, vocabulary and reading.",
        CreatedAt = now,
        Questions =
        [
            Choice("She ___ to Ho Chi Minh City last summer.", ["go", "goes", "went", "has gone"], 2, "grammar", Difficulty.Easy, "Past simple for a finished time: 'last summer'.", now, "en"),
            Choice("Choose the word closest in meaning to 'volunteer' (verb).", ["to offer to help", "to refuse", "to travel", "to compete"], 0, "vocabulary", Difficulty.Easy, "To volunteer is to offer to do something without being paid.", now, "en"),
            Fill("If I ___ (be) you, I would join the startup contest.", ["were"], "grammar", Difficulty.Medium, ignoreDiacritics: false, "Second conditional: 'If I were you'.", now, "en"),
            TrueFalse("'Entrepreneur' means a person who starts a business.", true, "vocabulary", Difficulty.Easy, "An entrepreneur sets up a business, taking on financial risk.", now, "en"),
            Multi("Which of these are countable nouns?", ["idea", "information", "project", "advice"], [0, 2], "grammar", Difficulty.Medium, "'Information' and 'advice' are uncountable.", now, "en"),
            Order("Put the words in order to make a sentence.", ["Young", "people", "are", "building", "the", "future"], "grammar", Difficulty.Easy, "Young people are building the future.", now, "en"),
            Choice("Which sentence is correct?", ["He don't like coffee.", "He doesn't likes coffee.", "He doesn't like coffee.", "He not like coffee."], 2, "grammar", Difficulty.Easy, "Third person singular negative: doesn't + base verb.", now, "en"),
            Fill("The opposite of 'increase' is ___.", ["decrease", "reduce", "fall"], "vocabulary", Difficulty.Medium, ignoreDiacritics: false, "decrease / reduce / fall are all accepted.", now, "en"),
        ],
    };

    private static Question Base(QuestionType type, string text, string tag, Difficulty difficulty, string explanation, DateTimeOffset now, string language) => new()
    {
        Type = type,
        Text = text,
        Tags = [tag],
        Difficulty = difficulty,
        Explanation = explanation,
        Language = language,
        CreatedAt = now,
        TimeLimitSeconds = difficulty == Difficulty.Hard ? 30 : 20,
    };

    private static Question Choice(string text, List<string> options, int correct, string tag, Difficulty d, string explanation, DateTimeOffset now, string language = "vi")
    {
        var q = Base(QuestionType.SingleChoice, text, tag, d, explanation, now, language);
        q.Options = options;
        q.CorrectOptions = [correct];
        return q;
    }

    private static Question Multi(string text, List<string> options, List<int> correct, string tag, Difficulty d, string explanation, DateTimeOffset now, string language = "vi")
    {
        var q = Base(QuestionType.MultipleSelect, text, tag, d, explanation, now, language);
        q.Options = options;
        q.CorrectOptions = correct;
        return q;
    }

    private static Question TrueFalse(string text, bool answer, string tag, Difficulty d, string explanation, DateTimeOffset now, string language = "vi")
    {
        var q = Base(QuestionType.TrueFalse, text, tag, d, explanation, now, language);
        q.Options = language == "vi" ? ["Đúng", "Sai"] : ["True", "False"];
        q.CorrectOptions = [answer ? 0 : 1];
        return q;
    }

    private static Question Fill(string text, List<string> accepted, string tag, Difficulty d, bool ignoreDiacritics, string explanation, DateTimeOffset now, string language = "vi")
    {
        var q = Base(QuestionType.FillBlank, text, tag, d, explanation, now, language);
        q.AcceptedAnswers = accepted;
        q.IgnoreDiacritics = ignoreDiacritics;
        return q;
    }

    private static Question Order(string text, List<string> inOrder, string tag, Difficulty d, string explanation, DateTimeOffset now, string language = "vi")
    {
        var q = Base(QuestionType.Ordering, text, tag, d, explanation, now, language);
        q.Options = inOrder;
        return q;
    }
}
