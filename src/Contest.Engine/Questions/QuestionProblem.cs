namespace Contest.Engine.Questions;

/// <summary>
/// One reason a question cannot be saved. <see cref="Code"/> is stable (UI strings are looked up by it);
/// <see cref="Field"/> names the property, so an importer can point at the right column.
/// </summary>
public sealed record QuestionProblem(string Field, string Code, params object[] Args)
{
    public override string ToString() => Args.Length == 0 ? $"{Field}: {Code}" : $"{Field}: {Code} ({string.Join(", ", Args)})";
}

public static class QuestionFields
{
    public const string Type = nameof(Question.Type);
    public const string Text = nameof(Question.Text);
    public const string Options = nameof(Question.Options);
    public const string Correct = nameof(Question.CorrectOptions);
    public const string Accepted = nameof(Question.AcceptedAnswers);
    public const string TimeLimit = nameof(Question.TimeLimitSeconds);
    public const string Points = nameof(Question.Points);
    public const string Difficulty = nameof(Question.Difficulty);
    public const string Tags = nameof(Question.Tags);
    public const string Language = nameof(Question.Language);
    public const string Explanation = nameof(Question.Explanation);
    public const string Media = nameof(Question.MediaUrl);
}

/// <summary>Problem codes; each has a sentence in the admin's strings (Problem.&lt;code&gt;).</summary>
public static class ProblemCodes
{
    public const string Required = "required";
    public const string TooLong = "too-long";
    public const string UnknownType = "unknown-type";
    public const string TooManyOptions = "too-many-options";
    public const string TooFewOptions = "too-few-options";
    public const string TooFewItems = "too-few-items";
    public const string EmptyOption = "empty-option";
    public const string DuplicateOption = "duplicate-option";
    public const string MissingCorrect = "missing-correct";
    public const string OneCorrectOnly = "one-correct-only";
    public const string CorrectOutOfRange = "correct-out-of-range";
    public const string BadCorrect = "bad-correct";
    public const string NoOptionsAllowed = "no-options-allowed";
    public const string TrueFalseOptions = "true-false-options";
    public const string OutOfRange = "out-of-range";
    public const string NotANumber = "not-a-number";
    public const string UnknownDifficulty = "unknown-difficulty";
    public const string UnknownLanguage = "unknown-language";
    public const string TooManyTags = "too-many-tags";
    public const string TooManyAccepted = "too-many-accepted";
    public const string MediaMismatch = "media-mismatch";
    public const string UnsupportedMedia = "unsupported-media";
    public const string MediaHost = "media-host";
    public const string Duplicate = "duplicate";
    public const string UnknownYesNo = "unknown-yes-no";
    public const string UnsupportedType = "unsupported-type";
}
