using Contest.Engine.Questions;

namespace Contest.Engine.Rounds;

/// <summary>A question chosen for an attempt and the order its options are shown in.</summary>
public sealed record DrawnQuestion(Question Question, IReadOnlyList<int> OptionOrder);

/// <summary>Picks each participant's questions and shuffles their options.</summary>
public static class QuestionDraw
{
    /// <summary>
    /// Null and the questions, or an error when the pool cannot fill the round. <paramref name="pool"/> is every
    /// question of the round's banks (random mode) or the fixed set (fixed mode).
    /// </summary>
    public static (IReadOnlyList<DrawnQuestion>? Drawn, string? Error) Draw(ContestRound round, IReadOnlyList<Question> pool, Random random)
    {
        List<Question> picked;
        if (round.Selection == SelectionMode.Fixed)
        {
            var byId = pool.ToDictionary(q => q.Id);
            var missing = round.FixedQuestionIds.Where(id => !byId.ContainsKey(id)).ToList();
            if (missing.Count > 0) return (null, $"Questions {string.Join(", ", missing)} of the fixed set no longer exist.");
            picked = round.FixedQuestionIds.Select(id => byId[id]).ToList();
        }
        else
        {
            var eligible = pool.Where(q => Eligible(round, q)).ToList();
            picked = [];
            if (round.EasyCount + round.MediumCount + round.HardCount > 0)
            {
                foreach (var (difficulty, count) in new[] { (Difficulty.Easy, round.EasyCount), (Difficulty.Medium, round.MediumCount), (Difficulty.Hard, round.HardCount) })
                {
                    var candidates = eligible.Where(q => q.Difficulty == difficulty).ToList();
                    if (candidates.Count < count) return (null, $"The banks have {candidates.Count} {difficulty} questions; the round asks for {count}.");
                    picked.AddRange(Sample(candidates, count, random));
                }
                Shuffle(picked, random);
            }
            else
            {
                if (eligible.Count < round.QuestionCount) return (null, $"The banks have {eligible.Count} matching questions; the round asks for {round.QuestionCount}.");
                picked = Sample(eligible, round.QuestionCount, random);
            }
        }
        return (picked.Select(q => new DrawnQuestion(q, OptionOrder(q, round.ShuffleOptions, random))).ToList(), null);
    }

    /// <summary>
    /// Whether a random round may draw the question: it is in one of the round's banks and, only when the round
    /// names topics, carries one of them (compared ignoring case, as organizers type topics freely). A round
    /// without topics draws from the whole of its banks.
    /// </summary>
    public static bool Eligible(ContestRound round, Question q) =>
        round.BankIds.Contains(q.BankId) && (round.Tags.Count == 0 || q.Tags.Any(t => round.Tags.Contains(t, StringComparer.OrdinalIgnoreCase)));

    /// <summary>
    /// True/false keeps its natural order; ordering questions are always shuffled (they are stored in the
    /// right order); choice questions when the round asks for it.
    /// </summary>
    public static IReadOnlyList<int> OptionOrder(Question q, bool shuffle, Random random)
    {
        var order = Enumerable.Range(0, q.Options.Count).ToList();
        var mix = q.Type switch
        {
            QuestionType.TrueFalse or QuestionType.FillBlank => false,
            QuestionType.Ordering => true,
            _ => shuffle,
        };
        if (mix) Shuffle(order, random);
        return order;
    }

    private static List<Question> Sample(List<Question> from, int count, Random random)
    {
        var copy = from.OrderBy(q => q.Id).ToList();
        Shuffle(copy, random);
        return copy.Take(count).ToList();
    }

    private static void Shuffle<T>(IList<T> list, Random random)
    {
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }
}
