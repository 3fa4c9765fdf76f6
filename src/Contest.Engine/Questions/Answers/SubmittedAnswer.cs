namespace Contest.Engine.Questions.Answers;

/// <summary>
/// What a player sent. Choice questions use <see cref="Options"/> (zero-based indexes into the
/// question's stored options), ordering questions <see cref="Order"/> (stored option indexes in the
/// order the player put them), fill-in-the-blank <see cref="Text"/>.
/// </summary>
public sealed record SubmittedAnswer(IReadOnlyList<int>? Options = null, IReadOnlyList<int>? Order = null, string? Text = null)
{
    public static SubmittedAnswer Choice(params int[] options) => new(Options: options);
    public static SubmittedAnswer Ordered(params int[] order) => new(Order: order);
    public static SubmittedAnswer Typed(string text) => new(Text: text);
}

/// <summary><paramref name="Credit"/> is the share of the question's points earned, 0 to 1; <paramref name="Correct"/> means fully right.</summary>
public readonly record struct AnswerResult(bool Correct, double Credit)
{
    public static readonly AnswerResult Wrong = new(false, 0);
    public static readonly AnswerResult Right = new(true, 1);
}
