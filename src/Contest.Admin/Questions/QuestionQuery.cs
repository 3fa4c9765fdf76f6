using Contest.Engine.Questions;
using Contest.Engine.Text;

namespace Contest.Admin.Questions;

/// <summary>The bank page's and the API's filter: text, type, tag, difficulty.</summary>
public sealed record QuestionQuery(string? Search, QuestionType? Type, string? Tag, Difficulty? Difficulty)
{
    public IQueryable<Question> Apply(IQueryable<Question> questions)
    {
        if (!string.IsNullOrWhiteSpace(Search))
        {
            var s = TextNormalizer.Nfc(Search.Trim());
            questions = questions.Where(q => q.Text.Contains(s) || q.Explanation.Contains(s));
        }
        if (Type is { } type) questions = questions.Where(q => q.Type == type);
        if (!string.IsNullOrWhiteSpace(Tag))
        {
            var tag = TextNormalizer.Nfc(Tag.Trim());
            questions = questions.Where(q => q.Tags.Contains(tag));
        }
        if (Difficulty is { } d) questions = questions.Where(q => q.Difficulty == d);
        return questions;
    }
}
