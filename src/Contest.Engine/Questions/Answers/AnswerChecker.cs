using Contest.Engine.Text;

namespace Contest.Engine.Questions.Answers;

/// <summary>Decides whether an answer is right, and how much of it, for every question type.</summary>
public static class AnswerChecker
{
    public const int MaxTypedLength = 200;

    /// <summary>Null when the answer has the right shape for the question, else why not (for the caller, in English).</summary>
    public static string? Validate(Question q, SubmittedAnswer a)
    {
        switch (q.Type)
        {
            case QuestionType.SingleChoice or QuestionType.TrueFalse:
                if (a.Options is not { Count: 1 }) return "Choose exactly one option.";
                return InRange(a.Options, q.Options.Count);
            case QuestionType.MultipleSelect:
                if (a.Options is not { Count: > 0 }) return "Choose at least one option.";
                if (a.Options.Distinct().Count() != a.Options.Count) return "An option is chosen twice.";
                return InRange(a.Options, q.Options.Count);
            case QuestionType.Ordering:
                if (a.Order is null || a.Order.Count != q.Options.Count) return $"Put all {q.Options.Count} items in order.";
                if (a.Order.Distinct().Count() != a.Order.Count) return "An item appears twice in the order.";
                return InRange(a.Order, q.Options.Count);
            case QuestionType.FillBlank:
                if (string.IsNullOrWhiteSpace(a.Text)) return "Type an answer.";
                return a.Text.Length > MaxTypedLength ? $"The answer is longer than {MaxTypedLength} characters." : null;
            default:
                return $"Unknown question type {q.Type}.";
        }
    }

    /// <summary>Scores an answer already checked with <see cref="Validate"/>.</summary>
    public static AnswerResult Check(Question q, SubmittedAnswer a)
    {
        if (Validate(q, a) is { } error) throw new ArgumentException(error, nameof(a));
        return q.Type switch
        {
            QuestionType.SingleChoice or QuestionType.TrueFalse => q.CorrectOptions.Count > 0 && a.Options![0] == q.CorrectOptions[0] ? AnswerResult.Right : AnswerResult.Wrong,
            QuestionType.MultipleSelect => CheckMultiple(q, a.Options!),
            QuestionType.Ordering => CheckOrder(q, a.Order!),
            QuestionType.FillBlank => CheckTyped(q, a.Text!),
            _ => AnswerResult.Wrong,
        };
    }

    /// <summary>Partial credit = (right picks − wrong picks) / number of right options, never below 0, so ticking every box earns nothing.</summary>
    private static AnswerResult CheckMultiple(Question q, IReadOnlyList<int> picked)
    {
        var correct = q.CorrectOptions.ToHashSet();
        var hits = picked.Count(correct.Contains);
        var wrong = picked.Count - hits;
        if (hits == correct.Count && wrong == 0) return AnswerResult.Right;
        if (!q.PartialCredit || correct.Count == 0) return AnswerResult.Wrong;
        return new AnswerResult(false, Math.Max(0, (double)(hits - wrong) / correct.Count));
    }

    /// <summary>Options are stored in the right order, so item i belongs at position i. Partial credit = share of items in their place.</summary>
    private static AnswerResult CheckOrder(Question q, IReadOnlyList<int> order)
    {
        var inPlace = order.Where((item, position) => item == position).Count();
        if (inPlace == order.Count) return AnswerResult.Right;
        return q.PartialCredit ? new AnswerResult(false, (double)inPlace / order.Count) : AnswerResult.Wrong;
    }

    private static AnswerResult CheckTyped(Question q, string text)
    {
        var typed = NormalizeTyped(q, text);
        return q.AcceptedAnswers.Any(accepted => NormalizeTyped(q, accepted) == typed) ? AnswerResult.Right : AnswerResult.Wrong;
    }

    /// <summary>The comparison form of a typed answer under the question's options.</summary>
    public static string NormalizeTyped(Question q, string text)
    {
        var s = TextNormalizer.Nfc(text);
        s = q.IgnoreExtraSpaces ? TextNormalizer.CollapseSpaces(s) : s.Trim();
        if (q.IgnoreDiacritics) s = TextNormalizer.StripDiacritics(s);
        if (q.IgnoreCase) s = s.ToLowerInvariant();
        return s;
    }

    private static string? InRange(IReadOnlyList<int> indexes, int count)
    {
        foreach (var i in indexes)
        {
            if (i < 0 || i >= count) return $"Option {i} does not exist; this question has options 0 to {count - 1}.";
        }
        return null;
    }
}
