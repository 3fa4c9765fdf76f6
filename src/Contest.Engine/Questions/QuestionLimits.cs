namespace Contest.Engine.Questions;

/// <summary>
/// Bounds a question must keep. Text lengths follow the database columns (ContestDb) and what a
/// 360 px phone can show; time and points bounds come from the contest regulations' ranges.
/// </summary>
public sealed record QuestionLimits
{
    public static readonly QuestionLimits Default = new();

    public int MaxTextLength { get; init; } = 2000;
    public int MaxOptionLength { get; init; } = 500;
    public int MaxOptions { get; init; } = Question.MaxOptions;
    public int MaxAcceptedAnswers { get; init; } = 20;
    public int MaxExplanationLength { get; init; } = 2000;
    public int MinTimeLimitSeconds { get; init; } = 5;
    public int MaxTimeLimitSeconds { get; init; } = 600;
    public int MinPoints { get; init; } = 0;
    public int MaxPoints { get; init; } = 10000;
    public int MaxTags { get; init; } = 10;
    public int MaxTagLength { get; init; } = 50;
    public int MaxMediaUrlLength { get; init; } = 500;

    /// <summary>
    /// Hosts a media URL on another site may name; a path on this site (/media/…) is always fine. Null: not checked
    /// (the rules alone, as in the Excel tests); the app sets it from Contest:Media:AllowedHosts, so a question cannot
    /// make every phone fetch a third party's address.
    /// </summary>
    public IReadOnlyList<string>? MediaHosts { get; init; }
}
