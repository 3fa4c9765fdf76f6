using Contest.Engine.Questions;

namespace Contest.Engine.LiveGames;

/// <summary>One answer as the debrief needs it: from a game in memory or from the stored rows alike.</summary>
public readonly record struct DebriefAnswer(int QuestionIndex, bool Correct, double Credit, int ElapsedMs);

/// <summary>How one question went: every count is of players, and right + partial + wrong + no answer = players.</summary>
public sealed record DebriefQuestion(
    int Index, string Text, QuestionType Type, int Answered, int Right, int Partial, int Wrong, int NoAnswer, int CorrectPercent, long? MeanAnswerMs);

/// <summary>The end-of-game debrief the host shows and the results workbook keeps (docs/live-protocol.md).</summary>
public sealed record GameDebrief(int Players, int Played, int CorrectPercent, long? MeanAnswerMs, IReadOnlyList<DebriefQuestion> Questions, IReadOnlyList<int> Hardest);

/// <summary>
/// Builds the debrief. Percentages are of the players at the end (removed ones left out), whole and rounded half up;
/// mean times are over answers (right or wrong), in whole milliseconds. The hardest questions are up to
/// <see cref="HardestCount"/> with the fewest fully right answers — on a tie the slower (longer mean time; nobody
/// answering counts as slowest), then the earlier — leaving out questions everyone got right.
/// </summary>
public static class LiveDebrief
{
    public const int HardestCount = 3;

    /// <param name="questions">Text and type of each question of the game, in play order.</param>
    /// <param name="played">How many questions were played (the first ones); answers to later questions are ignored.</param>
    /// <param name="players">Players at the end.</param>
    /// <param name="answers">The players' answers (not those of removed players).</param>
    public static GameDebrief Build(IReadOnlyList<(string Text, QuestionType Type)> questions, int played, int players, IEnumerable<DebriefAnswer> answers)
    {
        played = Math.Clamp(played, 0, questions.Count);
        var right = new int[played];
        var partial = new int[played];
        var wrong = new int[played];
        var ms = new long[played];
        foreach (var a in answers)
        {
            if (a.QuestionIndex < 0 || a.QuestionIndex >= played) continue;
            if (a.Correct) right[a.QuestionIndex]++;
            else if (a.Credit > 0) partial[a.QuestionIndex]++;
            else wrong[a.QuestionIndex]++;
            ms[a.QuestionIndex] += a.ElapsedMs;
        }
        var rows = new List<DebriefQuestion>(played);
        for (var i = 0; i < played; i++)
        {
            var answered = right[i] + partial[i] + wrong[i];
            rows.Add(new DebriefQuestion(i, questions[i].Text, questions[i].Type, answered, right[i], partial[i], wrong[i], Math.Max(0, players - answered),
                Percent(right[i], players), Mean(ms[i], answered)));
        }
        var hardest = rows.Where(r => players > 0 && r.Right < players)
            .OrderBy(r => r.Right).ThenByDescending(r => r.MeanAnswerMs ?? long.MaxValue).ThenBy(r => r.Index)
            .Take(HardestCount).Select(r => r.Index).ToList();
        var allAnswers = rows.Sum(r => r.Answered);
        return new GameDebrief(players, played, Percent(rows.Sum(r => r.Right), players * played), Mean(ms.Sum(), allAnswers), rows, hardest);
    }

    private static int Percent(long part, long whole) => whole <= 0 ? 0 : (int)Math.Round(100.0 * part / whole, MidpointRounding.AwayFromZero);

    private static long? Mean(long totalMs, int count) => count == 0 ? null : (long)Math.Round((double)totalMs / count, MidpointRounding.AwayFromZero);
}
