using Contest.Engine.Questions;

namespace Contest.Engine.Tests.Questions;

public class QuestionRulesTests
{
    private static Question Choice(params string[] options) => new()
    {
        Type = QuestionType.SingleChoice, Text = "Đoàn TNCS Hồ Chí Minh thành lập năm nào?", Options = [.. options], CorrectOptions = [0],
    };

    private static string[] Codes(Question q) => [.. QuestionRules.Validate(q).Select(p => $"{p.Field}:{p.Code}")];

    [Fact]
    public void A_well_formed_question_of_each_type_passes()
    {
        Assert.Empty(Codes(Choice("1930", "1931")));
        Assert.Empty(Codes(new Question { Type = QuestionType.MultipleSelect, Text = "Chọn các năm chẵn", Options = ["1930", "1931", "1956"], CorrectOptions = [0, 2] }));
        Assert.Empty(Codes(new Question { Type = QuestionType.TrueFalse, Text = "Đoàn thành lập 26/3/1931.", Options = ["Đúng", "Sai"], CorrectOptions = [0] }));
        Assert.Empty(Codes(new Question { Type = QuestionType.FillBlank, Text = "Thanh niên làm theo lời ___", AcceptedAnswers = ["Bác", "Bác Hồ"] }));
        Assert.Empty(Codes(new Question { Type = QuestionType.Ordering, Text = "Put in order", Options = ["a", "b", "c"], Language = "en" }));
    }

    [Fact]
    public void Seven_options_are_one_too_many()
    {
        var q = Choice("A", "B", "C", "D", "E", "F", "G");
        var p = Assert.Single(QuestionRules.Validate(q));
        Assert.Equal((QuestionFields.Options, ProblemCodes.TooManyOptions), (p.Field, p.Code));
        Assert.Equal([7, 6], p.Args);
    }

    [Fact]
    public void Six_options_are_allowed() => Assert.Empty(Codes(Choice("A", "B", "C", "D", "E", "F")));

    [Fact]
    public void Choice_rules_catch_missing_two_or_out_of_range_correct_answers()
    {
        var none = Choice("A", "B"); none.CorrectOptions = [];
        Assert.Equal(["CorrectOptions:missing-correct"], Codes(none));
        var two = Choice("A", "B"); two.CorrectOptions = [0, 1];
        Assert.Equal(["CorrectOptions:one-correct-only"], Codes(two));
        var outside = Choice("A", "B"); outside.CorrectOptions = [2];
        var p = Assert.Single(QuestionRules.Validate(outside));
        // Index 2 is the third option, shown one-based as 3, of 2 options.
        Assert.Equal([3, 2], p.Args);
    }

    [Fact]
    public void Options_that_differ_only_in_case_space_or_unicode_form_are_duplicates()
    {
        // "Bác Hồ" typed decomposed (a + U+0301, o + U+0302 + U+0300) and with two spaces and capital letters.
        var q = Choice("Bác Hồ", "BA\u0301C  HO\u0302\u0300");
        Assert.Equal(["Options:duplicate-option"], Codes(q));
    }

    [Fact]
    public void True_false_needs_exactly_two_options()
    {
        var q = new Question { Type = QuestionType.TrueFalse, Text = "x", Options = ["Đúng", "Sai", "Không biết"], CorrectOptions = [0] };
        Assert.Equal(["Options:true-false-options"], Codes(q));
    }

    [Fact]
    public void Fill_in_the_blank_needs_accepted_answers_and_no_options()
    {
        Assert.Equal(["AcceptedAnswers:missing-correct"], Codes(new Question { Type = QuestionType.FillBlank, Text = "x" }));
        Assert.Equal(["Options:no-options-allowed"], Codes(new Question { Type = QuestionType.FillBlank, Text = "x", Options = ["a"], AcceptedAnswers = ["a"] }));
    }

    [Fact]
    public void Ordering_has_no_correct_indexes_since_the_option_order_is_the_answer()
    {
        var q = new Question { Type = QuestionType.Ordering, Text = "x", Options = ["a", "b", "c"], CorrectOptions = [1] };
        Assert.Equal(["CorrectOptions:bad-correct"], Codes(q));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void An_ordering_question_needs_three_items(int items)
    {
        var q = new Question { Type = QuestionType.Ordering, Text = "Sắp xếp theo thời gian", Options = [.. new[] { "1930", "1931", "1941" }.Take(items)] };
        var p = Assert.Single(QuestionRules.Validate(q));
        Assert.Equal((QuestionFields.Options, ProblemCodes.TooFewItems), (p.Field, p.Code));
        Assert.Equal([items, 3], p.Args);
    }

    [Theory]
    [InlineData(4, false)]
    [InlineData(5, true)]
    [InlineData(600, true)]
    [InlineData(601, false)]
    public void Time_limit_is_between_5_and_600_seconds(int seconds, bool ok)
    {
        var q = Choice("A", "B"); q.TimeLimitSeconds = seconds;
        Assert.Equal(ok, Codes(q).Length == 0);
    }

    [Fact]
    public void Text_over_2000_characters_and_unknown_language_are_reported()
    {
        var q = Choice("A", "B"); q.Text = new string('ư', 2001); q.Language = "fr";
        Assert.Equal(["Text:too-long", "Language:unknown-language"], Codes(q));
    }

    [Fact]
    public void Empty_text_is_required() => Assert.Equal(["Text:required"], Codes(new Question { Type = QuestionType.Ordering, Text = "  ", Options = ["a", "b", "c"] }));

    [Fact]
    public void Media_must_match_its_kind_and_be_an_image_or_audio_file()
    {
        var audio = Choice("A", "B"); audio.MediaKind = MediaKind.Audio; audio.MediaUrl = "/media/listen-01.mp3?v=2";
        Assert.Empty(Codes(audio));
        var wrong = Choice("A", "B"); wrong.MediaKind = MediaKind.Image; wrong.MediaUrl = "/media/listen-01.mp3";
        Assert.Equal(["MediaUrl:unsupported-media"], Codes(wrong));
        var missing = Choice("A", "B"); missing.MediaKind = MediaKind.Image;
        Assert.Equal(["MediaUrl:media-mismatch"], Codes(missing));
    }

    [Fact]
    public void Duplicate_key_ignores_case_spaces_and_unicode_form_but_not_type()
    {
        var composed = QuestionRules.DuplicateKey(QuestionType.SingleChoice, "Tháng Thanh niên là tháng mấy?");
        var decomposed = QuestionRules.DuplicateKey(QuestionType.SingleChoice, " tha\u0301ng  thanh nie\u0302\u0302n là tháng mấy? ".Replace("nie\u0302\u0302n", "nie\u0302n"));
        Assert.Equal(composed, decomposed);
        Assert.NotEqual(composed, QuestionRules.DuplicateKey(QuestionType.FillBlank, "Tháng Thanh niên là tháng mấy?"));
    }
}
