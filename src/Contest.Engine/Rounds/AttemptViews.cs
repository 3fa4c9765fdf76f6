using Contest.Engine.Questions;

namespace Contest.Engine.Rounds;

/// <summary>
/// A question as the participant sees it during a round: options in this attempt's shown order and the
/// participant's own answer in shown indexes. Never carries the answer key.
/// </summary>
public sealed record AttemptQuestionView(
    int Position, QuestionType Type, string Text, MediaKind MediaKind, string? MediaUrl,
    IReadOnlyList<string> Options, IReadOnlyList<int>? AnswerOptions, IReadOnlyList<int>? AnswerOrder, string? AnswerText, bool Answered);

/// <summary>An attempt as the participant sees it; <see cref="MillisecondsLeft"/> comes from the server's clock.</summary>
public sealed record AttemptView(
    long AttemptId, int RoundId, string RoundName, int Number, int AttemptsAllowed, RoundLayout Layout,
    DateTimeOffset StartedAt, DateTimeOffset Deadline, long MillisecondsLeft, bool Finished, AttemptEnd? End,
    string PredictionQuestion, int? Prediction, IReadOnlyList<AttemptQuestionView> Questions);

/// <summary>After the round closes: a question of the attempt with what was right.</summary>
/// <remarks>
/// <see cref="KeyWithheld"/>: another round that is open now can still draw this question, so its key, the verdict
/// and the explanation are left out (Expected and Explanation empty, Correct false, Credit 0) until that round closes.
/// </remarks>
public sealed record ReviewedQuestionView(int Position, string Text, IReadOnlyList<string> Options, string Given, string Expected, bool Correct, double Credit, string Explanation, bool KeyWithheld = false);
