using Contest.Engine.LiveGames;
using Contest.Engine.Questions.Answers;
using static Contest.Engine.Tests.LiveGames.LiveTestData;

namespace Contest.Engine.Tests.LiveGames;

/// <summary>The streak and team-tie rules of docs/live-protocol.md ("Scoring"), with hand-worked numbers.</summary>
public class LiveRulesTests
{
    private static DateTimeOffset At(double seconds) => T0.AddSeconds(seconds);

    /// <summary>Closes the open question at <paramref name="close"/> and opens the next at <paramref name="open"/>, as the service does.</summary>
    private static void NextQuestion(LiveGame g, double close, double open)
    {
        Assert.True(g.CloseIfDue(At(close)));
        g.Next(At(close));
        g.Next(At(open));
    }

    [Fact]
    public void A_zero_point_question_pays_no_streak_bonus_but_a_right_answer_there_extends_the_streak()
    {
        // Speed scoring, streak bonus on; Q1 1000 pts, Q2 0 pts, Q3 1000 pts, 20 s each, right option 2; every answer at 0 s.
        var g = Game(new GameSettings { StreakBonus = true }, Single(1), Single(2, points: 0), Single(3));
        var an = Join(g, "An");
        var binh = Join(g, "Bình");
        g.Start(At(0));
        // Q1: both right: 1000 + bonus 0 (run of 1).
        Assert.Equal((1000, 0, 1), Score(g.Submit(an.Id, 0, SubmittedAnswer.Choice(2), At(0))));
        Assert.Equal((1000, 0, 1), Score(g.Submit(binh.Id, 0, SubmittedAnswer.Choice(2), At(0))));
        NextQuestion(g, 1, 10);
        // Q2 (0 pts): An right: 0 points, no bonus although the run is 2 (it would be +100 on a question worth points).
        Assert.Equal((0, 0, 2), Score(g.Submit(an.Id, 1, SubmittedAnswer.Choice(2), At(10))));
        // Bình wrong: the run ends.
        Assert.Equal((0, 0, 0), Score(g.Submit(binh.Id, 1, SubmittedAnswer.Choice(0), At(10))));
        NextQuestion(g, 11, 20);
        // Q3: An's run is 3 → +200; Bình's is 1 → +0.
        Assert.Equal((1000, 200, 3), Score(g.Submit(an.Id, 2, SubmittedAnswer.Choice(2), At(20))));
        Assert.Equal((1000, 0, 1), Score(g.Submit(binh.Id, 2, SubmittedAnswer.Choice(2), At(20))));
        // Totals: An 1000 + 0 + 1200 = 2200; Bình 1000 + 0 + 1000 = 2000.
        Assert.Equal((2200L, 2000L), (an.Score, binh.Score));

        static (int Base, int Bonus, int Streak) Score(PlayerAnswer a) => (a.BasePoints, a.StreakBonus, a.Streak);
    }

    [Fact]
    public void Taking_back_a_wrong_answer_gives_the_run_back()
    {
        var g = Game(new GameSettings { StreakBonus = true }, Single(1), Single(2));
        var an = Join(g, "An");
        g.Start(At(0));
        g.Submit(an.Id, 0, SubmittedAnswer.Choice(2), At(0));
        NextQuestion(g, 1, 10);
        var wrong = g.Submit(an.Id, 1, SubmittedAnswer.Choice(0), At(10));
        Assert.Equal(0, an.Streak);
        // The store failed: the wrong answer is taken back, and the run of 1 it ended is An's again.
        g.Retract(wrong);
        Assert.Equal((1, 1000L), (an.Streak, an.Score));
        // Sent again, right at 10 s: 1000 + 100 for a run of 2.
        Assert.Equal((1000, 100, 2), (g.Submit(an.Id, 1, SubmittedAnswer.Choice(2), At(10)) is var a ? (a.BasePoints, a.StreakBonus, a.Streak) : default));
    }

    [Fact]
    public void A_question_let_pass_ends_the_run()
    {
        var g = Game(new GameSettings { StreakBonus = true }, Single(1), Single(2), Single(3));
        var an = Join(g, "An");
        Join(g, "Bình");
        g.Start(At(0));
        g.Submit(an.Id, 0, SubmittedAnswer.Choice(2), At(0));
        NextQuestion(g, 20, 30);
        NextQuestion(g, 50, 60); // An let Q2 pass
        // Q3 right at 0 s: a run of 1 again, no bonus.
        var a = g.Submit(an.Id, 2, SubmittedAnswer.Choice(2), At(60));
        Assert.Equal((1000, 0, 1), (a.BasePoints, a.StreakBonus, a.Streak));
    }

    [Fact]
    public void Team_ties_go_to_the_smaller_mean_answer_time_then_share_the_rank()
    {
        // Accuracy scoring, team total; Q1 and Q2 1000 pts, 20 s, right option 2. A right answer is 1000 whatever its time.
        var g = Game(new GameSettings { Scoring = ScoringMode.Accuracy, Teams = TeamMode.Total }, Single(1), Single(2));
        var an = Join(g, "An", unit: 1); var binh = Join(g, "Bình", unit: 1);
        var chi = Join(g, "Chi", unit: 2); Join(g, "Dũng", unit: 2);
        var em = Join(g, "Em", unit: 3); var giang = Join(g, "Giang", unit: 3);
        Join(g, "Hà", unit: 4);
        var khanh = Join(g, "Khánh", unit: 5);
        g.Start(At(0));
        g.Submit(an.Id, 0, SubmittedAnswer.Choice(2), At(1));      // right, 1 s
        g.Submit(binh.Id, 0, SubmittedAnswer.Choice(0), At(4));    // wrong, 4 s
        g.Submit(chi.Id, 0, SubmittedAnswer.Choice(2), At(2.2));   // right, 2.2 s
        g.Submit(em.Id, 0, SubmittedAnswer.Choice(2), At(3));      // right, 3 s
        g.Submit(giang.Id, 0, SubmittedAnswer.Choice(1), At(1));   // wrong, 1 s
        g.Submit(khanh.Id, 0, SubmittedAnswer.Choice(1), At(3));   // wrong, 3 s
        NextQuestion(g, 20, 30);
        g.Submit(an.Id, 1, SubmittedAnswer.Choice(2), At(31));     // right, 1 s (Bình lets Q2 pass)
        g.Submit(chi.Id, 1, SubmittedAnswer.Choice(2), At(32.2));  // right, 2.2 s
        g.Submit(em.Id, 1, SubmittedAnswer.Choice(0), At(31));     // wrong, 1 s
        g.Submit(giang.Id, 1, SubmittedAnswer.Choice(2), At(33));  // right, 3 s

        // Unit 1: 2000 pts; answers 1 + 4 + 1 s → mean 2000 ms (a mean of the members' means would be 2500: each answer weighs the same).
        // Unit 2: 2000 pts; answers 2.2 + 2.2 s → 2200 ms (Dũng never answered: nothing to count).
        // Unit 3: 2000 pts; answers 3 + 1 + 1 + 3 s → 2000 ms: equal to unit 1 on both, so both are 1st.
        // Unit 5: 0 pts; one answer, 3 s → 3000 ms. Unit 4: 0 pts, no answer at all → after unit 5.
        var t = g.TeamStandings();
        Assert.Equal(
            ["1 Chi đoàn 1 2000 2000", "1 Chi đoàn 3 2000 2000", "3 Chi đoàn 2 2000 2200", "4 Chi đoàn 5 0 3000", "5 Chi đoàn 4 0 -"],
            t.Select(x => $"{x.Rank} {x.Name} {x.Score} {(x.MeanAnswerMs is { } m ? m.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-")}"));
    }

    [Fact]
    public void Teams_with_equal_average_scores_and_equal_times_share_the_rank_whatever_their_names()
    {
        // Team average: "B" (one member, 1000 at 2 s) and "A" (two members, 1000 at 1 s and 1000 at 3 s): 1000 each, mean 2 s each.
        var g = Game(new GameSettings { Scoring = ScoringMode.Accuracy, Teams = TeamMode.Average }, Single(1));
        var b = g.Join(Guid.NewGuid(), "Bảo", 2, "B", "t1", T0);
        var a1 = g.Join(Guid.NewGuid(), "An", 1, "A", "t2", T0);
        var a2 = g.Join(Guid.NewGuid(), "Anh", 1, "A", "t3", T0);
        g.Start(At(0));
        g.Submit(b.Id, 0, SubmittedAnswer.Choice(2), At(2));
        g.Submit(a1.Id, 0, SubmittedAnswer.Choice(2), At(1));
        g.Submit(a2.Id, 0, SubmittedAnswer.Choice(2), At(3));
        Assert.Equal(["1 A 1000", "1 B 1000"], g.TeamStandings().Select(x => $"{x.Rank} {x.Name} {x.Score}"));
    }
}

public class HostProgressTests
{
    [Fact]
    public void A_join_after_a_quiet_spell_goes_out_at_once_and_a_burst_waits_for_the_tick()
    {
        var gap = TimeSpan.FromMilliseconds(200);
        var g = Game();
        var t = T0;
        Join(g, "An");
        // Nothing sent yet: the join goes out at once.
        Assert.Equal(["An"], g.TakeProgress(t, gap)!.Joined.Select(p => p.Nickname));
        // 50 ms later another join: an update went out 50 ms ago, so it waits…
        Join(g, "Bình");
        Assert.Null(g.TakeProgress(t.AddMilliseconds(50), gap));
        // …for the tick (no gap), which sends it with everything since.
        Join(g, "Chi");
        var tick = g.TakeProgress(t.AddMilliseconds(120));
        Assert.Equal(("Bình Chi", 3), (string.Join(" ", tick!.Joined.Select(p => p.Nickname)), tick.Players));
        // Nothing changed: nothing to send.
        Assert.Null(g.TakeProgress(t.AddMilliseconds(400), gap));
        // 200 ms after the last update a join goes out at once again.
        Join(g, "Dũng");
        Assert.Equal(["Dũng"], g.TakeProgress(t.AddMilliseconds(320), gap)!.Joined.Select(p => p.Nickname));
    }
}
