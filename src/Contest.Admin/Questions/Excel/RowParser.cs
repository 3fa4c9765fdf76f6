using System.Globalization;
using Contest.Engine.Questions;
using Contest.Engine.Text;

namespace Contest.Admin.Questions.Excel;

/// <summary>Turns one row's cells into a <see cref="Question"/>; cells it cannot read become problems on their column.</summary>
internal static class RowParser
{
    // Type words after Compact(). "Trắc nghiệm" is how Vietnamese staff name an A/B/C/D question with one right
    // answer, so it is taken as single choice (a second correct answer is then reported, never dropped);
    // "Multiple Choice" is Quizizz's name for the same. The template's instructions sheet lists these synonyms.
    private static readonly Dictionary<string, QuestionType> Types = new()
    {
        ["motdapan"] = QuestionType.SingleChoice, ["tracnghiem"] = QuestionType.SingleChoice, ["single"] = QuestionType.SingleChoice,
        ["singlechoice"] = QuestionType.SingleChoice, ["multiplechoice"] = QuestionType.SingleChoice, ["quiz"] = QuestionType.SingleChoice,
        ["nhieudapan"] = QuestionType.MultipleSelect, ["multipleselect"] = QuestionType.MultipleSelect, ["multiple"] = QuestionType.MultipleSelect,
        ["checkbox"] = QuestionType.MultipleSelect,
        ["dungsai"] = QuestionType.TrueFalse, ["truefalse"] = QuestionType.TrueFalse, ["trueorfalse"] = QuestionType.TrueFalse,
        ["dienkhuyet"] = QuestionType.FillBlank, ["dientu"] = QuestionType.FillBlank, ["fillintheblank"] = QuestionType.FillBlank,
        ["fillblank"] = QuestionType.FillBlank, ["fill"] = QuestionType.FillBlank,
        ["sapxep"] = QuestionType.Ordering, ["ordering"] = QuestionType.Ordering, ["order"] = QuestionType.Ordering, ["reorder"] = QuestionType.Ordering,
    };

    // Difficulty words after Compact(), Vietnamese and English. Vietnamese question banks often grade by the
    // levels of the national exam matrix (Nhận biết, Thông hiểu, Vận dụng, Vận dụng cao; NB/TH/VD/VDC): read
    // as easy, medium, hard, hard.
    private static readonly Dictionary<string, Difficulty> Difficulties = new()
    {
        ["de"] = Difficulty.Easy, ["easy"] = Difficulty.Easy, ["1"] = Difficulty.Easy, ["nhanbiet"] = Difficulty.Easy, ["nb"] = Difficulty.Easy,
        ["trungbinh"] = Difficulty.Medium, ["tb"] = Difficulty.Medium, ["medium"] = Difficulty.Medium, ["normal"] = Difficulty.Medium,
        ["2"] = Difficulty.Medium, ["thonghieu"] = Difficulty.Medium, ["th"] = Difficulty.Medium,
        ["kho"] = Difficulty.Hard, ["hard"] = Difficulty.Hard, ["3"] = Difficulty.Hard, ["vandung"] = Difficulty.Hard, ["vd"] = Difficulty.Hard,
        ["vandungcao"] = Difficulty.Hard, ["vdc"] = Difficulty.Hard,
    };

    // Quizizz types we cannot score automatically.
    private static readonly string[] Unsupported = ["openended", "poll", "draw", "video", "audio", "slide"];

    /// <summary>Names the template writes for each type (the drop-down's values).</summary>
    public static readonly Dictionary<QuestionType, string> TypeNames = new()
    {
        [QuestionType.SingleChoice] = "Một đáp án",
        [QuestionType.MultipleSelect] = "Nhiều đáp án",
        [QuestionType.TrueFalse] = "Đúng/Sai",
        [QuestionType.FillBlank] = "Điền khuyết",
        [QuestionType.Ordering] = "Sắp xếp",
    };

    public static readonly Dictionary<Difficulty, string> DifficultyNames = new()
    {
        [Difficulty.Easy] = "Dễ", [Difficulty.Medium] = "Trung bình", [Difficulty.Hard] = "Khó",
    };

    public static Question Parse(Dictionary<int, QuestionColumn> columns, Dictionary<int, string> cells, string bankLanguage, List<(QuestionColumn, string, object[])> problems)
    {
        string Get(QuestionColumn c) => columns.FirstOrDefault(kv => kv.Value == c) is { Key: > 0 } kv ? cells[kv.Key] : "";
        bool Has(QuestionColumn c) => Get(c).Length > 0;

        var options = columns.Where(c => c.Value == QuestionColumn.Option).OrderBy(c => c.Key).Select(c => cells[c.Key]).ToList();
        while (options.Count > 0 && options[^1].Length == 0) options.RemoveAt(options.Count - 1);
        var correct = Get(QuestionColumn.Correct);

        var q = new Question { Text = Get(QuestionColumn.Text), Options = options, Language = bankLanguage };

        if (Has(QuestionColumn.Type))
        {
            var key = Compact(Get(QuestionColumn.Type));
            if (Types.TryGetValue(key, out var type)) q.Type = type;
            else if (Unsupported.Contains(key)) problems.Add((QuestionColumn.Type, ProblemCodes.UnsupportedType, [Get(QuestionColumn.Type)]));
            else problems.Add((QuestionColumn.Type, ImportCodes.UnknownTypeWord, [Get(QuestionColumn.Type)]));
        }
        else
        {
            // Kahoot! has no type column: several correct answers make it a multi-select question.
            q.Type = correct.Split(',', ';', ' ', '.').Count(s => s.Trim().Length > 0) > 1 ? QuestionType.MultipleSelect : QuestionType.SingleChoice;
        }

        if (Has(QuestionColumn.Language))
        {
            var lang = Get(QuestionColumn.Language).ToLowerInvariant();
            q.Language = lang switch { "tiếng việt" or "vietnamese" => "vi", "tiếng anh" or "english" => "en", _ => lang };
        }

        switch (q.Type)
        {
            case QuestionType.FillBlank:
                q.AcceptedAnswers = [.. correct.Split('|').Select(s => s.Trim()).Where(s => s.Length > 0)];
                // Quizizz puts a blank's accepted answers in the option columns.
                if (q.AcceptedAnswers.Count == 0) { q.AcceptedAnswers = options; q.Options = []; }
                break;
            case QuestionType.Ordering:
                if (correct.Length > 0) problems.Add((QuestionColumn.Correct, ProblemCodes.BadCorrect, [correct]));
                break;
            case QuestionType.TrueFalse when q.Options.Count == 0:
                q.Options = q.Language == "en" ? ["True", "False"] : ["Đúng", "Sai"];
                ParseCorrect(q, correct, problems);
                break;
            default:
                ParseCorrect(q, correct, problems);
                break;
        }

        q.TimeLimitSeconds = Number(Get(QuestionColumn.TimeLimit), 20, QuestionColumn.TimeLimit, problems);
        q.Points = Number(Get(QuestionColumn.Points), 1000, QuestionColumn.Points, problems);

        if (Has(QuestionColumn.Difficulty))
        {
            q.Difficulty = Difficulties.TryGetValue(Compact(Get(QuestionColumn.Difficulty)), out var d)
                ? d
                : Fail(Difficulty.Medium, QuestionColumn.Difficulty, ImportCodes.UnknownDifficultyWord, Get(QuestionColumn.Difficulty), problems);
        }

        q.Tags = [.. Get(QuestionColumn.Tags).Split(',', ';').Select(t => t.Trim()).Where(t => t.Length > 0).Distinct()];
        q.Explanation = Get(QuestionColumn.Explanation);

        if (Has(QuestionColumn.Media))
        {
            var url = Get(QuestionColumn.Media);
            q.MediaUrl = url;
            q.MediaKind = QuestionRules.MediaKindOf(url) ?? Fail(MediaKind.Image, QuestionColumn.Media, ProblemCodes.UnsupportedMedia, url, problems);
        }

        q.IgnoreCase = YesNo(Get(QuestionColumn.IgnoreCase), true, QuestionColumn.IgnoreCase, problems);
        q.IgnoreDiacritics = YesNo(Get(QuestionColumn.IgnoreDiacritics), false, QuestionColumn.IgnoreDiacritics, problems);
        q.IgnoreExtraSpaces = YesNo(Get(QuestionColumn.IgnoreSpaces), true, QuestionColumn.IgnoreSpaces, problems);
        q.PartialCredit = YesNo(Get(QuestionColumn.PartialCredit), false, QuestionColumn.PartialCredit, problems);
        return q;
    }

    /// <summary>Correct answers as letters (A, C), one-based numbers (1, 3, as Kahoot! and Quizizz write) or, for true/false, the word.</summary>
    private static void ParseCorrect(Question q, string correct, List<(QuestionColumn, string, object[])> problems)
    {
        // "." too: "1,3" typed in an English-locale Excel stays text, but the same keys in a Vietnamese-locale one
        // make the number 1.3, which an English bank reads back as "1.3".
        foreach (var raw in correct.Split(',', ';', ' ', '.'))
        {
            var token = raw.Trim();
            if (token.Length == 0) continue;
            var compact = Compact(token);
            int index;
            if (q.Type == QuestionType.TrueFalse && compact is "dung" or "true") index = 0;
            else if (q.Type == QuestionType.TrueFalse && compact is "sai" or "false") index = 1;
            else if (token.Length == 1 && char.IsAsciiLetter(token[0])) index = char.ToUpperInvariant(token[0]) - 'A';
            else if (int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1) index = n - 1;
            else { problems.Add((QuestionColumn.Correct, ProblemCodes.BadCorrect, [token])); return; }
            q.CorrectOptions.Add(index);
        }
    }

    private static int Number(string cell, int fallback, QuestionColumn column, List<(QuestionColumn, string, object[])> problems)
    {
        if (cell.Length == 0) return fallback;
        if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == Math.Floor(d) && Math.Abs(d) < int.MaxValue) return (int)d;
        problems.Add((column, ProblemCodes.NotANumber, [cell]));
        return fallback;
    }

    private static bool YesNo(string cell, bool fallback, QuestionColumn column, List<(QuestionColumn, string, object[])> problems) => Compact(cell) switch
    {
        "" => fallback,
        "co" or "yes" or "x" or "true" or "1" => true,
        "khong" or "no" or "false" or "0" => false,
        _ => Fail(fallback, column, ProblemCodes.UnknownYesNo, cell, problems),
    };

    private static T Fail<T>(T value, QuestionColumn column, string code, string cell, List<(QuestionColumn, string, object[])> problems)
    {
        problems.Add((column, code, [cell]));
        return value;
    }

    private static string Compact(string s) => new([.. TextNormalizer.StripDiacritics(s).ToLowerInvariant().Where(char.IsAsciiLetterOrDigit)]);
}
