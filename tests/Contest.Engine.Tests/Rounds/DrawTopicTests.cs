using Contest.Engine.Questions;
using Contest.Engine.Rounds;

namespace Contest.Engine.Tests.Rounds;

public class DrawTopicTests
{
    private static readonly List<Question> Pool = Enumerable.Range(1, 6).Select(i => new Question
    {
        Id = i, BankId = i <= 4 ? 1 : 2, Text = $"Q{i}", Type = QuestionType.SingleChoice, Options = ["a", "b"], CorrectOptions = [0],
        Difficulty = Difficulty.Medium, Tags = i switch { 1 => ["Nghị quyết"], 2 => ["lịch sử"], 3 => [], _ => ["nghị quyết"] },
    }).ToList();

    [Fact]
    public void A_round_without_topics_draws_from_the_whole_of_its_banks()
    {
        // Bank 1 holds ids 1..4, tagged differently and one untagged: all four, and only they, can be drawn.
        var round = new ContestRound { Name = "Tuần 1", BankIds = [1], QuestionCount = 4 };
        Assert.Equal([1, 2, 3, 4], Pool.Where(q => QuestionDraw.Eligible(round, q)).Select(q => q.Id));
        var (drawn, error) = QuestionDraw.Draw(round, Pool, new Random(3));
        Assert.Null(error);
        Assert.Equal([1, 2, 3, 4], drawn!.Select(d => d.Question.Id).Order());
    }

    [Fact]
    public void A_topic_narrows_the_draw_and_matches_whatever_the_case()
    {
        // "NGHỊ QUYẾT" matches "Nghị quyết" (1) and "nghị quyết" (4) in bank 1; 5 and 6 carry it too but are in bank 2.
        var round = new ContestRound { Name = "Tuần 2", BankIds = [1], Tags = ["NGHỊ QUYẾT"], QuestionCount = 2 };
        Assert.Equal([1, 4], Pool.Where(q => QuestionDraw.Eligible(round, q)).Select(q => q.Id));
        Assert.Equal([1, 4], QuestionDraw.Draw(round, Pool, new Random(5)).Drawn!.Select(d => d.Question.Id).Order());
    }
}
