using Contest.Engine.LiveGames;
using Contest.Engine.Questions;
using Contest.Engine.Questions.Answers;
using static Contest.Engine.Tests.LiveGames.LiveTestData;

namespace Contest.Engine.Tests.LiveGames;

public class LiveDebriefTests
{
    private static readonly (string, QuestionType)[] Four =
        [("Câu 1", QuestionType.SingleChoice), ("Câu 2", QuestionType.MultipleSelect), ("Câu 3", QuestionType.FillBlank), ("Câu 4", QuestionType.Ordering)];

    private static DebriefAnswer Right(int q, int ms) => new(q, true, 1, ms);
    private static DebriefAnswer Partly(int q, int ms) => new(q, false, 0.5, ms);
    private static DebriefAnswer Wrong(int q, int ms) => new(q, false, 0, ms);

    [Fact]
    public void Per_question_correct_share_mean_time_and_the_hardest_questions()
    {
        // 4 players (A, B, C, D), 3 of the 4 questions played.
        DebriefAnswer[] answers =
        [
            Right(0, 2000), Right(0, 4000), Wrong(0, 3000),                     // Q1: D silent
            Right(1, 1000), Partly(1, 5000), Partly(1, 6000), Wrong(1, 2000),   // Q2
            Right(2, 1500), Right(2, 2500), Right(2, 3001), Right(2, 1000),     // Q3: everyone right
            Right(3, 100),                                                      // Q4 was never played: ignored
        ];
        var d = LiveDebrief.Build(Four, played: 3, players: 4, answers);

        // Q1: 3 answered, 2 right of 4 players → 50 %, mean (2000 + 4000 + 3000) / 3 = 3000 ms.
        // Q2: 4 answered, 1 right, 2 partly, 1 wrong → 25 %, mean 14000 / 4 = 3500 ms.
        // Q3: 4 right → 100 %, mean 8001 / 4 = 2000.25 → 2000 ms.
        Assert.Equal(
            ["0 Câu 1 SingleChoice 3 2 0 1 1 50 3000", "1 Câu 2 MultipleSelect 4 1 2 1 0 25 3500", "2 Câu 3 FillBlank 4 4 0 0 0 100 2000"],
            d.Questions.Select(q => $"{q.Index} {q.Text} {q.Type} {q.Answered} {q.Right} {q.Partial} {q.Wrong} {q.NoAnswer} {q.CorrectPercent} {q.MeanAnswerMs}"));
        // Overall: 7 right of 4 × 3 = 12 → 58.3 → 58 %; 11 answers, 31001 ms → 2818.3 → 2818 ms.
        Assert.Equal((4, 3, 58, (long?)2818), (d.Players, d.Played, d.CorrectPercent, d.MeanAnswerMs));
        // Hardest: Q2 (1 right), Q1 (2 right); Q3, which everyone got right, is not listed.
        Assert.Equal([1, 0], d.Hardest);
    }

    [Fact]
    public void Equally_hard_questions_go_slowest_first_and_a_question_nobody_answered_is_hardest()
    {
        // 2 players. Q1: 1 right, mean 1000 ms; Q2: 1 right, mean 2000 ms; Q3: nobody answered.
        var d = LiveDebrief.Build(Four, played: 3, players: 2, [Right(0, 1000), Wrong(0, 1000), Right(1, 3000), Wrong(1, 1000)]);
        Assert.Equal([2, 1, 0], d.Hardest);
        Assert.Equal((0, 2, 0, (long?)null), (d.Questions[2].Answered, d.Questions[2].NoAnswer, d.Questions[2].CorrectPercent, d.Questions[2].MeanAnswerMs));
        // 1 right of 8 players: 12.5 % rounds half up to 13.
        Assert.Equal(13, LiveDebrief.Build(Four, 1, 8, [Right(0, 500)]).Questions[0].CorrectPercent);
        // No players, nothing played: zeros, no division by zero, nothing hardest.
        var empty = LiveDebrief.Build(Four, 0, 0, []);
        Assert.Equal((0, 0, (long?)null, 0), (empty.CorrectPercent, empty.Questions.Count, empty.MeanAnswerMs, empty.Hardest.Count));
    }

    [Fact]
    public void A_game_ended_early_counts_the_questions_played_and_leaves_out_removed_players()
    {
        var g = Game(null, Single(1), Single(2), Single(3));
        var an = Join(g, "An"); var binh = Join(g, "Bình"); var chi = Join(g, "Chi");
        g.Start(T0);
        g.Submit(an.Id, 0, SubmittedAnswer.Choice(2), T0.AddSeconds(4));    // right, 4 s
        g.Submit(binh.Id, 0, SubmittedAnswer.Choice(1), T0.AddSeconds(2));  // wrong, 2 s
        g.Submit(chi.Id, 0, SubmittedAnswer.Choice(2), T0.AddSeconds(1));   // right, 1 s — then removed
        g.Kick(chi.Id);
        Assert.True(g.CloseIfDue(T0.AddSeconds(5)));                        // everyone left has answered
        g.Next(T0.AddSeconds(6));
        g.Next(T0.AddSeconds(10));                                          // Q2 opens at 10 s
        g.Submit(an.Id, 1, SubmittedAnswer.Choice(2), T0.AddSeconds(15));   // right, 5 s; Bình silent
        g.EndEarly(T0.AddSeconds(16));
        var d = g.Debrief();
        // 2 players, 2 questions played (Q3 never opened). Q1: An right 4 s, Bình wrong 2 s → 50 %, 3000 ms (Chi's 1 s left out).
        // Q2: An right 5 s → 50 %, 5000 ms. Overall 2 of 4 → 50 %, (4000 + 2000 + 5000) / 3 = 3666.7 → 3667 ms.
        Assert.Equal((2, 2, 50, (long?)3667), (d.Players, d.Played, d.CorrectPercent, d.MeanAnswerMs));
        Assert.Equal([(50, (long?)3000), (50, (long?)5000)], d.Questions.Select(q => (q.CorrectPercent, q.MeanAnswerMs)));
        // Equally many right: the slower Q2 first.
        Assert.Equal([1, 0], d.Hardest);
    }
}
