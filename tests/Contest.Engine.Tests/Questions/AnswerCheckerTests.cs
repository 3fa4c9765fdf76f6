using Contest.Engine.Questions;
using Contest.Engine.Questions.Answers;

namespace Contest.Engine.Tests.Questions;

public class AnswerCheckerTests
{
    private static Question Single() => new()
    {
        Type = QuestionType.SingleChoice, Text = "Đoàn TNCS Hồ Chí Minh thành lập năm nào?",
        Options = ["1930", "1931", "1941", "1956"], CorrectOptions = [1],
    };

    private static Question Multi(bool partial) => new()
    {
        Type = QuestionType.MultipleSelect, Text = "Which are countable?",
        Options = ["idea", "information", "project", "advice"], CorrectOptions = [0, 2], PartialCredit = partial,
    };

    private static Question Order(bool partial) => new()
    {
        Type = QuestionType.Ordering, Text = "Sắp xếp theo thời gian",
        Options = ["1931", "1941", "1956", "1976"], PartialCredit = partial,
    };

    private static Question Fill(bool ignoreCase = true, bool ignoreDiacritics = false, bool ignoreSpaces = true) => new()
    {
        Type = QuestionType.FillBlank, Text = "Bài hát: Thanh niên làm theo lời ___",
        AcceptedAnswers = ["Bác", "Bác Hồ"], IgnoreCase = ignoreCase, IgnoreDiacritics = ignoreDiacritics, IgnoreExtraSpaces = ignoreSpaces,
    };

    [Fact]
    public void Single_choice_right_and_wrong()
    {
        Assert.Equal(AnswerResult.Right, AnswerChecker.Check(Single(), SubmittedAnswer.Choice(1)));
        Assert.Equal(AnswerResult.Wrong, AnswerChecker.Check(Single(), SubmittedAnswer.Choice(0)));
    }

    [Fact]
    public void True_false_uses_the_stored_index()
    {
        var q = new Question { Type = QuestionType.TrueFalse, Text = "Đội TNTP thành lập 15/5/1941", Options = ["Đúng", "Sai"], CorrectOptions = [0] };
        Assert.True(AnswerChecker.Check(q, SubmittedAnswer.Choice(0)).Correct);
        Assert.False(AnswerChecker.Check(q, SubmittedAnswer.Choice(1)).Correct);
    }

    [Theory]
    // correct = {0, 2}; credit = max(0, (hits − wrong) / 2)
    [InlineData(new[] { 0, 2 }, true, 1.0)]
    [InlineData(new[] { 2, 0 }, true, 1.0)]
    [InlineData(new[] { 0 }, false, 0.5)]        // (1 − 0) / 2
    [InlineData(new[] { 0, 1 }, false, 0.0)]     // (1 − 1) / 2
    [InlineData(new[] { 0, 2, 3 }, false, 0.5)]  // (2 − 1) / 2
    [InlineData(new[] { 0, 1, 2, 3 }, false, 0.0)] // (2 − 2) / 2: ticking everything earns nothing
    [InlineData(new[] { 1, 3 }, false, 0.0)]     // (0 − 2) / 2 → clamped to 0
    public void Multiple_select_with_partial_credit(int[] picked, bool correct, double credit)
    {
        var r = AnswerChecker.Check(Multi(partial: true), SubmittedAnswer.Choice(picked));
        Assert.Equal(correct, r.Correct);
        Assert.Equal(credit, r.Credit, 6);
    }

    [Fact]
    public void Multiple_select_without_partial_credit_is_all_or_nothing() =>
        Assert.Equal(AnswerResult.Wrong, AnswerChecker.Check(Multi(partial: false), SubmittedAnswer.Choice(0)));

    [Theory]
    [InlineData(new[] { 0, 1, 2, 3 }, true, 1.0)]
    [InlineData(new[] { 1, 0, 2, 3 }, false, 0.5)]   // items 2 and 3 in place: 2/4
    [InlineData(new[] { 0, 1, 3, 2 }, false, 0.5)]
    [InlineData(new[] { 3, 2, 1, 0 }, false, 0.0)]   // none in place
    [InlineData(new[] { 0, 2, 3, 1 }, false, 0.25)]  // only item 0: 1/4
    public void Ordering_with_partial_credit_counts_items_in_place(int[] order, bool correct, double credit)
    {
        var r = AnswerChecker.Check(Order(partial: true), SubmittedAnswer.Ordered(order));
        Assert.Equal(correct, r.Correct);
        Assert.Equal(credit, r.Credit, 6);
    }

    [Fact]
    public void Ordering_without_partial_credit_is_all_or_nothing() =>
        Assert.Equal(0, AnswerChecker.Check(Order(partial: false), SubmittedAnswer.Ordered(1, 0, 2, 3)).Credit);

    [Theory]
    [InlineData("Bác", true)]
    [InlineData("bác", true)]          // case ignored
    [InlineData("  Bác   Hồ ", true)]  // extra spaces ignored
    [InlineData("Bac", false)]         // diacritics matter unless the question says so
    [InlineData("Bác Hồ Chí Minh", false)]
    public void Fill_blank_default_options(string typed, bool correct) =>
        Assert.Equal(correct, AnswerChecker.Check(Fill(), SubmittedAnswer.Typed(typed)).Correct);

    [Theory]
    [InlineData("bac ho", true)]
    [InlineData("BAC", true)]
    [InlineData("Bắc", true)]          // a different word in Vietnamese, accepted only because the question ignores diacritics
    public void Fill_blank_ignoring_diacritics(string typed, bool correct) =>
        Assert.Equal(correct, AnswerChecker.Check(Fill(ignoreDiacritics: true), SubmittedAnswer.Typed(typed)).Correct);

    [Fact]
    public void Fill_blank_decomposed_input_matches_composed_answer()
    {
        var decomposed = "Bác".Normalize(System.Text.NormalizationForm.FormD);
        Assert.True(AnswerChecker.Check(Fill(), SubmittedAnswer.Typed(decomposed)).Correct);
    }

    [Fact]
    public void Fill_blank_case_and_spaces_respected_when_asked()
    {
        var strict = Fill(ignoreCase: false, ignoreSpaces: false);
        Assert.False(AnswerChecker.Check(strict, SubmittedAnswer.Typed("bác")).Correct);
        Assert.False(AnswerChecker.Check(strict, SubmittedAnswer.Typed("Bác  Hồ")).Correct);
        Assert.True(AnswerChecker.Check(strict, SubmittedAnswer.Typed(" Bác Hồ ")).Correct); // outer spaces always trimmed
    }

    [Fact]
    public void English_fill_blank()
    {
        var q = new Question { Type = QuestionType.FillBlank, Text = "If I ___ you", AcceptedAnswers = ["were"] };
        Assert.True(AnswerChecker.Check(q, SubmittedAnswer.Typed("WERE")).Correct);
        Assert.False(AnswerChecker.Check(q, SubmittedAnswer.Typed("was")).Correct);
    }

    [Theory]
    [InlineData(QuestionType.SingleChoice, new[] { 0, 1 }, "Choose exactly one option.")]
    [InlineData(QuestionType.SingleChoice, new[] { 7 }, "Option 7 does not exist; this question has options 0 to 3.")]
    [InlineData(QuestionType.SingleChoice, new[] { -1 }, "Option -1 does not exist")]
    [InlineData(QuestionType.MultipleSelect, new int[0], "Choose at least one option.")]
    [InlineData(QuestionType.MultipleSelect, new[] { 1, 1 }, "An option is chosen twice.")]
    public void Malformed_choice_answers_are_explained(QuestionType type, int[] picked, string error)
    {
        var q = Single();
        q.Type = type;
        Assert.StartsWith(error, AnswerChecker.Validate(q, SubmittedAnswer.Choice(picked)));
        Assert.Throws<ArgumentException>(() => AnswerChecker.Check(q, SubmittedAnswer.Choice(picked)));
    }

    [Fact]
    public void Malformed_order_and_text_answers_are_explained()
    {
        Assert.Equal("Put all 4 items in order.", AnswerChecker.Validate(Order(false), SubmittedAnswer.Ordered(0, 1)));
        Assert.Equal("An item appears twice in the order.", AnswerChecker.Validate(Order(false), SubmittedAnswer.Ordered(0, 0, 1, 2)));
        Assert.Equal("Type an answer.", AnswerChecker.Validate(Fill(), SubmittedAnswer.Typed("   ")));
        Assert.Equal("Type an answer.", AnswerChecker.Validate(Fill(), SubmittedAnswer.Choice(0)));
        Assert.Equal("The answer is longer than 200 characters.", AnswerChecker.Validate(Fill(), SubmittedAnswer.Typed(new string('a', 201))));
    }
}
