using Contest.Engine.Questions;
using Contest.Engine.Questions.Answers;

namespace Contest.Engine.LiveGames;

/// <summary>
/// A bank question as played in one game: its points and time limit for this game, and the order its
/// options are shown in. Players answer with display ids; ordering questions are shuffled so that a
/// display id never reveals an item's place (stored order is the answer). The shuffle is uniform over all
/// orders, the right one included: refusing it would tell a player which order is certainly wrong (for two
/// items, the answer itself), as the online rounds already avoid.
/// </summary>
public sealed class LiveQuestion
{
    public LiveQuestion(int index, Question source, int points, TimeSpan timeLimit, int[] displayToStored)
    {
        if (displayToStored.Length != source.Options.Count) throw new ArgumentException("One display id per option.", nameof(displayToStored));
        Index = index;
        Source = source;
        Points = points;
        TimeLimit = timeLimit;
        DisplayToStored = displayToStored;
    }

    public int Index { get; }
    public Question Source { get; }
    public int Points { get; }
    public TimeSpan TimeLimit { get; }

    /// <summary>display id → stored option index.</summary>
    public IReadOnlyList<int> DisplayToStored { get; }

    public static LiveQuestion Create(int index, Question source, int? points, int? timeLimitSeconds, Random random)
    {
        var map = Enumerable.Range(0, source.Options.Count).ToArray();
        if (source.Type == QuestionType.Ordering) random.Shuffle(map);
        return new LiveQuestion(index, source, points ?? source.Points, TimeSpan.FromSeconds(timeLimitSeconds ?? source.TimeLimitSeconds), map);
    }

    public IReadOnlyList<OptionView> OptionViews() =>
        DisplayToStored.Select((stored, display) => new OptionView(display, Source.Options[stored])).ToList();

    /// <summary>Checks the shape against the question and maps display ids to stored indexes; null plus an error when malformed.</summary>
    public SubmittedAnswer? ToStored(SubmittedAnswer answer, out string? error)
    {
        error = AnswerChecker.Validate(Source, answer);
        if (error is not null) return null;
        return answer with
        {
            Options = answer.Options?.Select(d => DisplayToStored[d]).ToList(),
            Order = answer.Order?.Select(d => DisplayToStored[d]).ToList(),
        };
    }

    /// <summary>The answer key in display ids; only ever sent after the question closes.</summary>
    public CorrectView Key()
    {
        var storedToDisplay = new int[DisplayToStored.Count];
        for (var d = 0; d < DisplayToStored.Count; d++) storedToDisplay[DisplayToStored[d]] = d;
        var q = Source;
        IReadOnlyList<int> options = q.Type switch
        {
            QuestionType.Ordering => Enumerable.Range(0, q.Options.Count).Select(s => storedToDisplay[s]).ToList(),
            QuestionType.FillBlank => [],
            _ => q.CorrectOptions.Select(s => storedToDisplay[s]).ToList(),
        };
        return new CorrectView(options, q.Type == QuestionType.FillBlank ? q.AcceptedAnswers : [], q.Explanation);
    }
}
