using Contest.Engine.LiveGames;
using Contest.Engine.Questions.Answers;
using static Contest.Engine.Tests.LiveGames.LiveTestData;

namespace Contest.Engine.Tests.LiveGames;

public class LiveGameTests
{
    private static DateTimeOffset At(double seconds) => T0.AddSeconds(seconds);

    [Fact]
    public void A_game_walks_lobby_question_reveal_leaderboard_to_podium_and_finished()
    {
        var g = Game();
        Assert.Equal(GamePhase.Lobby, g.Phase);
        Join(g, "An");
        g.Start(At(0));
        Assert.Equal((GamePhase.Question, 0, At(20)), (g.Phase, g.CurrentIndex, g.Deadline!.Value));
        Assert.False(g.CloseIfDue(At(19.9)));
        Assert.True(g.CloseIfDue(At(20)));
        Assert.Equal(GamePhase.Reveal, g.Phase);
        Assert.Equal(GamePhase.Leaderboard, g.Next(At(25)));
        Assert.Equal(GamePhase.Question, g.Next(At(30)));
        // question 2 has 10 s
        Assert.Equal((1, At(40)), (g.CurrentIndex, g.Deadline!.Value));
        g.Skip(At(31));
        Assert.Equal(GamePhase.Reveal, g.Phase);
        Assert.Equal(GamePhase.Leaderboard, g.Next(At(32)));
        Assert.Equal(GamePhase.Podium, g.Next(At(33)));
        Assert.Equal(At(33), g.FinishedAt);
        Assert.Equal(GamePhase.Finished, g.Next(At(34)));
        Assert.Equal("game-over", Assert.Throws<LiveGameException>(() => g.Next(At(35))).Code);
    }

    [Fact]
    public void Start_needs_a_player_and_only_works_once()
    {
        var g = Game();
        Assert.Equal("no-players", Assert.Throws<LiveGameException>(() => g.Start(At(0))).Code);
        Join(g, "An");
        g.Start(At(0));
        Assert.Equal("wrong-phase", Assert.Throws<LiveGameException>(() => g.Start(At(1))).Code);
        Assert.Equal("wrong-phase", Assert.Throws<LiveGameException>(() => g.Next(At(1))).Code);
    }

    [Fact]
    public void Speed_scoring_with_streak_and_partial_credit()
    {
        var g = Game(new GameSettings { StreakBonus = true });
        var an = Join(g, "An");
        var binh = Join(g, "Bình");
        g.Start(At(0));
        // Q1 (1000 pts, 20 s, right option 2). An at 4 s: 1000 × (1 − 0.5 × 4/20) = 900, streak 1 → bonus 0.
        var a1 = g.Submit(an.Id, 0, SubmittedAnswer.Choice(2), At(4));
        Assert.Equal((true, 900, 0, 900), (a1.Correct, a1.BasePoints, a1.StreakBonus, a1.Points));
        // Bình wrong at 1 s: 0.
        Assert.Equal(0, g.Submit(binh.Id, 0, SubmittedAnswer.Choice(1), At(1)).Points);
        Assert.True(g.CloseIfDue(At(5)));
        g.Next(At(6));
        g.Next(At(10));
        // Q2 (1000 pts, 10 s, right {0,1}, partial). Opened at 10 s.
        // An right at 12 s: 1000 × (1 − 0.5 × 2/10) = 900, streak 2 → +100 = 1000.
        var a2 = g.Submit(an.Id, 1, SubmittedAnswer.Choice(0, 1), At(12));
        Assert.Equal((900, 100, 1000, 2), (a2.BasePoints, a2.StreakBonus, a2.Points, a2.Streak));
        // Bình picks {0} at 15 s: credit (1 − 0)/2 = ½; 1000 × ½ × (1 − 0.5 × 5/10) = 375; not fully right, so no streak.
        var b2 = g.Submit(binh.Id, 1, SubmittedAnswer.Choice(0), At(15));
        Assert.Equal((false, 0.5, 375, 0, 0), (b2.Correct, b2.Credit, b2.Points, b2.StreakBonus, b2.Streak));
        // Totals: An 900 + 1000 = 1900; Bình 0 + 375 = 375.
        Assert.Equal((1900L, 375L), (an.Score, binh.Score));
    }

    [Fact]
    public void Accuracy_scoring_ignores_speed_and_records_time_for_ties()
    {
        var g = Game(new GameSettings { Scoring = ScoringMode.Accuracy });
        var an = Join(g, "An");
        var binh = Join(g, "Bình");
        g.Start(At(0));
        Assert.Equal(1000, g.Submit(an.Id, 0, SubmittedAnswer.Choice(2), At(19)).Points);
        Assert.Equal(1000, g.Submit(binh.Id, 0, SubmittedAnswer.Choice(2), At(3)).Points);
        // Equal scores; Bình took 3 s, An 19 s, so Bình's tie-break instant is earlier.
        Assert.Equal(DateTimeOffset.UnixEpoch.AddSeconds(3), g.TieBreak(binh));
        Assert.Equal(DateTimeOffset.UnixEpoch.AddSeconds(19), g.TieBreak(an));
    }

    [Fact]
    public void Bad_answers_are_refused_and_change_nothing()
    {
        var g = Game();
        var an = Join(g, "An");
        Assert.Equal("question-closed", Assert.Throws<LiveGameException>(() => g.Submit(an.Id, 0, SubmittedAnswer.Choice(2), At(0))).Code);
        g.Start(At(0));
        Assert.Equal("wrong-question", Assert.Throws<LiveGameException>(() => g.Submit(an.Id, 1, SubmittedAnswer.Choice(0), At(1))).Code);
        Assert.Equal("bad-answer", Assert.Throws<LiveGameException>(() => g.Submit(an.Id, 0, SubmittedAnswer.Choice(7), At(1))).Code);
        Assert.Equal("bad-answer", Assert.Throws<LiveGameException>(() => g.Submit(an.Id, 0, SubmittedAnswer.Choice(0, 1), At(1))).Code);
        Assert.Equal("bad-answer", Assert.Throws<LiveGameException>(() => g.Submit(an.Id, 0, null, At(1))).Code);
        Assert.Equal("unknown-player", Assert.Throws<LiveGameException>(() => g.Submit(Guid.NewGuid(), 0, SubmittedAnswer.Choice(2), At(1))).Code);
        var late = Assert.Throws<LiveGameException>(() => g.Submit(an.Id, 0, SubmittedAnswer.Choice(2), At(20.5)));
        Assert.Equal("too-late", late.Code);
        Assert.Contains("0.5 s after the deadline", late.Message);
        Assert.Equal(0, g.AnsweredCount);
        Assert.Equal(0, an.Score);

        g.Submit(an.Id, 0, SubmittedAnswer.Choice(2), At(2));
        Assert.Equal("already-answered", Assert.Throws<LiveGameException>(() => g.Submit(an.Id, 0, SubmittedAnswer.Choice(2), At(3))).Code);
        // 1000 × (1 − 0.5 × 2/20) = 950, counted once
        Assert.Equal(950, an.Score);
    }

    [Fact]
    public void An_answer_that_arrived_in_time_counts_until_the_reveal_is_sealed()
    {
        var g = Game();
        var an = Join(g, "An");
        var binh = Join(g, "Bình");
        g.Start(At(0));
        Assert.True(g.CloseIfDue(At(20.2)));
        // Stamped at 19.9 s on arrival but processed after the close: 1000 × (1 − 0.5 × 19.9/20) = 502.5 → 503.
        Assert.Equal(503, g.Submit(an.Id, 0, SubmittedAnswer.Choice(2), At(19.9)).Points);
        Assert.Equal("too-late", Assert.Throws<LiveGameException>(() => g.Submit(binh.Id, 0, SubmittedAnswer.Choice(2), At(20.1))).Code);
        g.Seal();
        Assert.Equal("question-closed", Assert.Throws<LiveGameException>(() => g.Submit(binh.Id, 0, SubmittedAnswer.Choice(2), At(19.95))).Code);
        Assert.Contains("0.5 s after", Assert.Throws<LiveGameException>(() => g.Submit(binh.Id, 0, SubmittedAnswer.Choice(2), At(20.5))).Message);
    }

    [Fact]
    public void Pause_stops_the_clock_and_moves_the_deadline()
    {
        var g = Game();
        var an = Join(g, "An");
        g.Start(At(0));
        g.Pause(At(5));
        Assert.Equal(TimeSpan.FromSeconds(15), g.Remaining(At(50)));
        Assert.False(g.CloseIfDue(At(100)));
        Assert.Equal("paused", Assert.Throws<LiveGameException>(() => g.Submit(an.Id, 0, SubmittedAnswer.Choice(2), At(30))).Code);
        Assert.Equal("paused", Assert.Throws<LiveGameException>(() => g.Pause(At(30))).Code);
        g.ResumePlay(At(65));
        // 15 s were left: new deadline 65 + 15 = 80 s.
        Assert.Equal(At(80), g.Deadline);
        // Answer at 70 s: 70 − 60 s paused = 10 s elapsed → 1000 × (1 − 0.5 × 10/20) = 750.
        Assert.Equal(750, g.Submit(an.Id, 0, SubmittedAnswer.Choice(2), At(70)).Points);
        Assert.Equal("not-paused", Assert.Throws<LiveGameException>(() => g.ResumePlay(At(71))).Code);
    }

    [Fact]
    public void End_early_goes_to_the_podium_or_from_the_lobby_straight_to_finished()
    {
        var lobby = Game();
        Assert.Equal(GamePhase.Finished, lobby.EndEarly(At(1)));
        var g = Game();
        Join(g, "An");
        g.Start(At(0));
        Assert.Equal(GamePhase.Podium, g.EndEarly(At(3)));
        Assert.Equal("game-over", Assert.Throws<LiveGameException>(() => g.EndEarly(At(4))).Code);
    }

    [Fact]
    public void Skip_only_closes_an_open_question()
    {
        var g = Game();
        Join(g, "An");
        Assert.Equal("wrong-phase", Assert.Throws<LiveGameException>(() => g.Skip(At(0))).Code);
        g.Start(At(0));
        g.Skip(At(2));
        Assert.Equal((GamePhase.Reveal, At(2)), (g.Phase, g.Deadline!.Value));
    }

    [Fact]
    public void The_question_closes_when_everyone_has_answered()
    {
        var g = Game();
        var an = Join(g, "An");
        var binh = Join(g, "Bình");
        g.Start(At(0));
        g.Submit(an.Id, 0, SubmittedAnswer.Choice(1), At(1));
        Assert.False(g.CloseIfDue(At(2)));
        g.Kick(binh.Id);
        Assert.True(g.AllAnswered);
        Assert.True(g.CloseIfDue(At(2)));
    }

    [Fact]
    public void Joining_checks_nickname_duplicates_units_and_phase()
    {
        var g = Game();
        Join(g, "Ân");
        Assert.Equal("nickname-taken", Assert.Throws<LiveGameException>(() => Join(g, "an")).Code);
        Assert.Equal("bad-nickname", Assert.Throws<LiveGameException>(() => Join(g, "")).Code);
        var team = Game(new GameSettings { Teams = TeamMode.Total });
        Assert.Equal("unit-required", Assert.Throws<LiveGameException>(() => Join(team, "Bình")).Code);
        Assert.Single(g.Players);
    }

    [Fact]
    public void Kicked_players_keep_their_nickname_taken_and_cannot_resume()
    {
        var g = Game();
        var p = Join(g, "An");
        Join(g, "Bình");
        g.Kick(p.Id);
        Assert.Equal("kicked", Assert.Throws<LiveGameException>(() => g.Resume(p.ResumeTokenHash)).Code);
        // Same nickname in another spelling (case, spaces): still the removed player's.
        Assert.Equal("kicked", Assert.Throws<LiveGameException>(() => Join(g, " an ")).Code);
        Join(g, "Chi");
        Assert.Equal(2, g.Players.Count);
    }

    [Theory]
    // Unit 1: An 900 + Bình 375 = 1275 total, average 637.5 → 638. Unit 2: Chi 1000 alone.
    [InlineData(TeamMode.Total, 1, 1275, 2, 1000)]
    [InlineData(TeamMode.Average, 2, 638, 1, 1000)]
    public void Team_scores_are_the_members_total_or_average(TeamMode mode, int unit1Rank, long unit1Score, int unit2Rank, long unit2Score)
    {
        var g = Game(new GameSettings { Teams = mode }, Single(points: 1000, seconds: 20));
        var an = Join(g, "An", unit: 1);
        var binh = Join(g, "Bình", unit: 1);
        var chi = Join(g, "Chi", unit: 2);
        g.Start(At(0));
        g.Submit(an.Id, 0, SubmittedAnswer.Choice(2), At(4));      // 900
        g.Submit(chi.Id, 0, SubmittedAnswer.Choice(2), At(0));     // 1000
        Assert.Equal(0, g.Submit(binh.Id, 0, SubmittedAnswer.Choice(3), At(1)).Points);
        binh.Score = 375; // as if from an earlier question
        var t = g.TeamStandings();
        var u1 = t.Single(x => x.UnitId == 1);
        var u2 = t.Single(x => x.UnitId == 2);
        Assert.Equal((unit1Rank, unit1Score, 2), (u1.Rank, u1.Score, u1.Members));
        Assert.Equal((unit2Rank, unit2Score, 1), (u2.Rank, u2.Score, u2.Members));
    }

    [Fact]
    public void Ordering_ids_are_shuffled_so_they_do_not_give_the_order_away()
    {
        var g = Game(null, Order());
        var p = Join(g, "An");
        g.Start(At(0));
        var q = g.Questions[0];
        // Random(7) happens to draw a non-identity order, so the mapping below is really exercised.
        Assert.NotEqual([0, 1, 2, 3], q.DisplayToStored);
        // The right order in display ids: the display id of stored item 0, then of 1, …
        var key = q.Key().Options;
        Assert.Equal(Enumerable.Range(0, 4).Select(s => q.DisplayToStored.ToList().IndexOf(s)), key);
        Assert.Equal(1000, g.Submit(p.Id, 0, SubmittedAnswer.Ordered(key.ToArray()), At(0)).Points);
    }

    [Fact]
    public void The_reveal_counts_picks_per_option_and_right_partial_wrong_silent()
    {
        var g = Game(null, Multi());
        var a = Join(g, "A"); var b = Join(g, "B"); var c = Join(g, "C"); Join(g, "D");
        g.Start(At(0));
        g.Submit(a.Id, 0, SubmittedAnswer.Choice(0, 1), At(1));
        g.Submit(b.Id, 0, SubmittedAnswer.Choice(0), At(1));
        g.Submit(c.Id, 0, SubmittedAnswer.Choice(3), At(1));
        g.Skip(At(2));
        var r = g.BuildReveal();
        Assert.Equal([2, 1, 0, 1], r.OptionCounts);
        Assert.Equal((1, 1, 1, 1, 4), (r.Right, r.Partial, r.Wrong, r.NoAnswer, r.Players));
        Assert.Equal([0, 1], r.Correct.Options);
    }

    [Fact]
    public void Longer_timer_option_stretches_the_deadline_without_costing_points()
    {
        var g = Game(new GameSettings { TimerFactor = 1.5 });
        var p = Join(g, "An");
        g.Start(At(0));
        // 20 s × 1.5 = 30 s; an answer at 15 s is half-way: 1000 × (1 − 0.25) = 750.
        Assert.Equal(At(30), g.Deadline);
        Assert.Equal(750, g.Submit(p.Id, 0, SubmittedAnswer.Choice(2), At(15)).Points);
    }
}
