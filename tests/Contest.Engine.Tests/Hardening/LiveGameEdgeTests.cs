using Contest.Engine.LiveGames;
using Contest.Engine.Questions.Answers;
using static Contest.Engine.Tests.LiveGames.LiveTestData;

namespace Contest.Engine.Tests.Hardening;

/// <summary>Issue 18's small live-game items: the seal grace before a reveal, and an absurd question index.</summary>
public class LiveGameEdgeTests
{
    private static DateTimeOffset At(double seconds) => T0.AddSeconds(seconds);

    [Fact]
    public void A_host_or_player_arriving_in_the_seal_grace_sees_no_reveal_not_the_previous_questions()
    {
        var g = Game();
        var an = Join(g, "An");
        g.Start(At(0));
        g.Submit(an.Id, 0, SubmittedAnswer.Choice(2), At(1));
        Assert.True(g.CloseIfDue(At(20)));
        // As LiveGameService does after the grace: the reveal of question 1 is built and kept.
        g.Seal();
        g.LastReveal = g.BuildReveal();
        an.LastReveal = new PlayerReveal(0, g.LastReveal.Correct, true, true, 1, 900, 0, 1, 900, 1, 1, null, null);
        Assert.Equal(0, g.HostState(At(21)).Reveal?.QuestionIndex);
        g.Next(At(25));
        g.Next(At(30));

        // Question 2 closes: the phase is Reveal but its reveal is not built yet (the 300 ms seal grace).
        g.Skip(At(31));
        Assert.Equal(GamePhase.Reveal, g.Phase);
        var host = g.HostState(At(31.1));
        Assert.Equal((GamePhase.Reveal, (int?)1), (host.Phase, host.QuestionIndex));
        Assert.Null(host.Reveal);
        Assert.Null(g.PlayerState(an, At(31.1)).Reveal);

        // Once built, it shows.
        g.Seal();
        g.LastReveal = g.BuildReveal();
        Assert.Equal(1, g.HostState(At(31.4)).Reveal?.QuestionIndex);
    }

    [Theory]
    [InlineData(int.MaxValue, "2147483648")]
    [InlineData(int.MinValue, "-2147483647")]
    [InlineData(-1, "0")]
    [InlineData(3, "4")]
    public void An_answer_to_a_question_the_game_does_not_have_is_refused_with_its_real_number(int index, string shown)
    {
        var g = Game();
        var an = Join(g, "An");
        g.Start(At(0));
        var e = Assert.Throws<LiveGameException>(() => g.Submit(an.Id, index, SubmittedAnswer.Choice(0), At(1)));
        Assert.Equal("wrong-question", e.Code);
        Assert.Contains($"no question {shown};", e.Message);
        Assert.DoesNotContain("-2147483648", e.Message);
        // The open question still takes the answer.
        Assert.True(g.Submit(an.Id, 0, SubmittedAnswer.Choice(2), At(2)).Correct);
    }
}
