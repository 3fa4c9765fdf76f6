using Contest.Engine.LiveGames;
using Contest.Engine.Questions;

namespace Contest.Engine.Tests.LiveGames;

public class LiveQuestionTests
{
    private static Question Ordering(params string[] items) => new()
    {
        Id = 9, Text = "Sắp xếp theo thời gian", Type = QuestionType.Ordering, Options = [.. items], Points = 1000, TimeLimitSeconds = 20,
    };

    [Fact]
    public void A_three_item_ordering_question_is_shown_in_each_of_its_six_orders_evenly()
    {
        var q = Ordering("1930", "1931", "1941");
        var random = new Random(2026);
        var seen = new Dictionary<string, int>();
        for (var i = 0; i < 1000; i++)
        {
            var shown = string.Join(",", LiveQuestion.Create(0, q, null, null, random).DisplayToStored);
            seen[shown] = seen.GetValueOrDefault(shown) + 1;
        }
        // Every order, the right one ("0,1,2") included: refusing it would tell players an order that is certainly wrong.
        string[] all = ["0,1,2", "0,2,1", "1,0,2", "1,2,0", "2,0,1", "2,1,0"];
        Assert.Equal(all, seen.Keys.Order());
        Assert.All(all, o => Assert.True(seen[o] > 0, $"order {o} never shown"));
        // Uniform: chi-square with 5 degrees of freedom stays under 20.5 (p = 0.001) for a fair shuffle. The old
        // rule (re-shuffle while right) gives 0 for "0,1,2" and 200 for the others: chi-square 200.
        var expected = 1000 / 6.0;
        var chi = all.Sum(o => Math.Pow(seen[o] - expected, 2) / expected);
        Assert.True(chi < 20.5, $"chi-square {chi:0.0}: {string.Join(" ", seen.Select(kv => $"{kv.Key}={kv.Value}"))}");
    }

    [Fact]
    public void A_choice_question_keeps_its_stored_order()
    {
        var q = new Question { Id = 1, Text = "Câu", Type = QuestionType.SingleChoice, Options = ["A", "B", "C", "D"], CorrectOptions = [2] };
        Assert.Equal([0, 1, 2, 3], LiveQuestion.Create(0, q, null, null, new Random(1)).DisplayToStored);
    }
}
