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
    public const string Required = "Required";
    public const string TooLong = "TooLong";
    public const string UnknownType = "UnknownType";
    public const string TooManyOptions = "TooManyOptions";
    public const string TooFewOptions = "TooFewOptions";
    public const string TooFewItems = "TooFewItems";
    public const string EmptyOption = "EmptyOption";
    public const string DuplicateOption = "DuplicateOption";
    public const string MissingCorrect = "MissingCorrect";
    public const string OneCorrectOnly = "OneCorrectOnly";
    public const string CorrectOutOfRange = "CorrectOutOfRange";
    public const string BadCorrect = "BadCorrect";
    public const string NoOptionsAllowed = "NoOptionsAllowed";
    public const string TrueFalseOptions = "TrueFalseOptions";
    public const string OutOfRange = "OutOfRange";
    public const string NotANumber = "NotANumber";
    public const string UnknownDifficulty = "UnknownDifficulty";
    public const string UnknownLanguage = "UnknownLanguage";
    public const string TooManyTags = "TooManyTags";
    public const string TooManyAccepted = "TooManyAccepted";
    public const string MediaMismatch = "MediaMismatch";
    public const string UnsupportedMedia = "UnsupportedMedia";
    public const string MediaHost = "MediaHost";
    public const string Duplicate = "Duplicate";
    public const string UnknownYesNo = "UnknownYesNo";
    public const string UnsupportedType = "UnsupportedType";
}
