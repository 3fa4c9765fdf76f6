namespace Contest.Engine.Questions;

/// <summary>
/// One question of a bank. For choice questions <see cref="CorrectOptions"/> holds zero-based option
/// indexes; for ordering questions <see cref="Options"/> is stored in the correct order and shuffled
/// when shown; for fill-in-the-blank <see cref="AcceptedAnswers"/> lists every accepted answer.
/// </summary>
public sealed class Question
{
    public const int MaxOptions = 6;

    public int Id { get; set; }
    public int BankId { get; set; }
    public QuestionBank? Bank { get; set; }
    public QuestionType Type { get; set; }
    public required string Text { get; set; }
    public List<string> Options { get; set; } = [];
    public List<int> CorrectOptions { get; set; } = [];
    public List<string> AcceptedAnswers { get; set; } = [];
    public bool IgnoreCase { get; set; } = true;
    public bool IgnoreDiacritics { get; set; }
    public bool IgnoreExtraSpaces { get; set; } = true;

    /// <summary>Multiple-select and ordering questions may give part of the points for a partly right answer.</summary>
    public bool PartialCredit { get; set; }
    public int TimeLimitSeconds { get; set; } = 20;
    public int Points { get; set; } = 1000;
    public Difficulty Difficulty { get; set; } = Difficulty.Medium;
    public List<string> Tags { get; set; } = [];
    public string Language { get; set; } = "vi";
    public string Explanation { get; set; } = "";
    public MediaKind MediaKind { get; set; }
    public string? MediaUrl { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
