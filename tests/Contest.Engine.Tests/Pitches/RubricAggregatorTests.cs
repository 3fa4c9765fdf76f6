using Contest.Engine.Pitches;

namespace Contest.Engine.Tests.Pitches;

/// <summary>Hand-worked panels for every aggregation method; the arithmetic is in the comments.</summary>
public class RubricAggregatorTests
{
    // Rubric used by most panels: A weight 50 max 10, B weight 30 max 10, C weight 20 max 5.
    // Judge total = 100 × (50·a/10 + 30·b/10 + 20·c/5) / 100 = 5a + 3b + 4c.
    private static readonly CriterionSpec A = new(1, "A", 50, 10);
    private static readonly CriterionSpec B = new(2, "B", 30, 10);
    private static readonly CriterionSpec C = new(3, "C", 20, 5);
    private static readonly IReadOnlyList<CriterionSpec> Rubric = [A, B, C];

    private static JudgeSheet Sheet(string judge, int team, decimal a, decimal b, decimal c) =>
        new(judge, team, new Dictionary<int, decimal> { [A.Id] = a, [B.Id] = b, [C.Id] = c });

    private static PitchStanding Team(Aggregation r, int id) => r.Standings.Single(s => s.TeamId == id);

    [Fact]
    public void Judge_total_is_the_weighted_score_normalized_to_100()
    {
        // 5·8 + 3·6 + 4·4 = 40 + 18 + 16 = 74
        Assert.Equal(74m, RubricAggregator.JudgeTotal(Rubric, new Dictionary<int, decimal> { [1] = 8, [2] = 6, [3] = 4 }));

        // Weights 2 and 1 (sum 3), max 10: 100 × (2·9/10 + 1·6/10) / 3 = 100 × 2.4 / 3 = 80
        CriterionSpec[] twoOne = [new(1, "X", 2, 10), new(2, "Y", 1, 10)];
        Assert.Equal(80m, RubricAggregator.JudgeTotal(twoOne, new Dictionary<int, decimal> { [1] = 9, [2] = 6 }));

        // Full marks are 100 whatever the weights and maxima: 5·10 + 3·10 + 4·5 = 100
        Assert.Equal(100m, RubricAggregator.JudgeTotal(Rubric, new Dictionary<int, decimal> { [1] = 10, [2] = 10, [3] = 5 }));
    }

    [Fact]
    public void Mean_leaves_out_a_recused_judge_and_incomplete_sheets()
    {
        JudgeSheet[] sheets =
        [
            // Team 1: J1 5·8+3·6+4·4 = 74; J2 5·7+3·7+4·3 = 68; J3 5·9+3·5+4·5 = 80 → (74+68+80)/3 = 222/3 = 74
            Sheet("J1", 1, 8, 6, 4), Sheet("J2", 1, 7, 7, 3), Sheet("J3", 1, 9, 5, 5),
            // Team 2: J1 5·6+3·8+4·2 = 62; J2 5·9+3·9+4·4 = 88; J3 is recused: its 0 must not count → (62+88)/2 = 75
            // (had it counted, (62+88+0)/3 = 50 would put team 2 last)
            Sheet("J1", 2, 6, 8, 2), Sheet("J2", 2, 9, 9, 4), Sheet("J3", 2, 0, 0, 0),
            // Team 3: J1 5·5+3·5+4·5 = 60; J2 scored only A so far, which is not a sheet yet → 60 from one judge
            Sheet("J1", 3, 5, 5, 5), new JudgeSheet("J2", 3, new Dictionary<int, decimal> { [A.Id] = 10 }),
        ];
        var r = RubricAggregator.Aggregate(new AggregationInput(Rubric, AggregationMethod.Mean, null, [1, 2, 3], sheets, [("J3", 2)]));

        Assert.Equal(74m, Team(r, 1).Score);
        Assert.Equal(75m, Team(r, 2).Score);
        Assert.Equal(["J1", "J2"], Team(r, 2).Judges.Select(j => j.JudgeId).Order());
        Assert.Equal(["J3"], Team(r, 2).RecusedJudges);
        Assert.Equal(60m, Team(r, 3).Score);
        Assert.Single(Team(r, 3).Judges);
        // 75 > 74 > 60
        Assert.Equal([2, 1, 3], r.Standings.Select(s => s.TeamId));
        Assert.Equal([1, 2, 3], r.Standings.Select(s => s.Rank!.Value));
    }

    [Fact]
    public void Trimmed_mean_drops_highest_and_lowest_only_from_five_judges()
    {
        JudgeSheet[] sheets =
        [
            // Team 1, five judges: J1 5·10+3·10+4·5 = 100; J2 74; J3 68; J4 80; J5 5·2+3·2+4·1 = 20.
            // Sorted 20, 68, 74, 80, 100: drop 20 (J5) and 100 (J1) → (68+74+80)/3 = 222/3 = 74 (the plain mean would be 342/5 = 68.4)
            Sheet("J1", 1, 10, 10, 5), Sheet("J2", 1, 8, 6, 4), Sheet("J3", 1, 7, 7, 3), Sheet("J4", 1, 9, 5, 5), Sheet("J5", 1, 2, 2, 1),
            // Team 2, J5 recused so four judges: nothing dropped.
            // J1 62; J2 88; J3 5·6+3·6+4·3 = 60; J4 5·8+3·8+4·4 = 80 → (62+88+60+80)/4 = 290/4 = 72.5
            Sheet("J1", 2, 6, 8, 2), Sheet("J2", 2, 9, 9, 4), Sheet("J3", 2, 6, 6, 3), Sheet("J4", 2, 8, 8, 4),
        ];
        var r = RubricAggregator.Aggregate(new AggregationInput(Rubric, AggregationMethod.TrimmedMean, null, [1, 2], sheets, [("J5", 2)]));

        Assert.Equal(74m, Team(r, 1).Score);
        Assert.Equal(["J1", "J5"], Team(r, 1).Judges.Where(j => j.Dropped).Select(j => j.JudgeId).Order());
        Assert.Equal(72.5m, Team(r, 2).Score);
        Assert.DoesNotContain(Team(r, 2).Judges, j => j.Dropped);
        Assert.Equal([1, 2], r.Standings.Select(s => s.TeamId));
    }

    [Fact]
    public void Z_scores_correct_for_a_lenient_judge_who_is_recused_from_some_teams()
    {
        // One criterion, weight 1, max 10: total = 10 × score.
        CriterionSpec[] one = [new(1, "Overall", 1, 10)];
        JudgeSheet S(string j, int t, decimal s) => new(j, t, new Dictionary<int, decimal> { [1] = s });
        JudgeSheet[] sheets =
        [
            // H (harsh): 30, 30, 50, 50 → mean 40, population SD sqrt((100+100+100+100)/4) = 10 → z −1, −1, +1, +1
            S("H", 1, 3), S("H", 2, 3), S("H", 3, 5), S("H", 4, 5),
            // L: 80, 100, 80, 100 → mean 90, SD 10 → z −1, +1, −1, +1
            S("L", 1, 8), S("L", 2, 10), S("L", 3, 8), S("L", 4, 10),
            // M (very lenient), recused from teams 3 and 4: 90, 100 → mean 95, SD 5 → z −1, +1
            S("M", 1, 9), S("M", 2, 10),
        ];
        var r = RubricAggregator.Aggregate(new AggregationInput(one, AggregationMethod.ZScore, null, [1, 2, 3, 4], sheets, [("M", 3), ("M", 4)]));

        var m = r.Scales.Single(s => s.JudgeId == "M");
        Assert.Equal((95m, 5m, 2), (m.Mean, m.StdDev, m.Teams));
        // Team 1: (−1 −1 −1)/3 = −1; team 2: (−1 +1 +1)/3 = 0.3333; team 3: (+1 −1)/2 = 0; team 4: (+1 +1)/2 = 1
        Assert.Equal(-1m, Team(r, 1).MeanZ);
        Assert.Equal(0.3333m, Team(r, 2).MeanZ);
        Assert.Equal(0m, Team(r, 3).MeanZ);
        Assert.Equal(1m, Team(r, 4).MeanZ);
        Assert.Equal([4, 2, 3, 1], r.Standings.Select(s => s.TeamId));
        // On the rubric's scale: plain means 66.6667, 76.6667, 65, 75 span 65–76.6667 over mean z −1…+1, so
        // score = 65 + (z + 1) / 2 × 11.6667: team 1 → 65, team 2 → 65 + 2/3 × 11.6667 = 72.7778, team 3 → 70.8333, team 4 → 76.6667.
        Assert.Equal([76.6667m, 72.7778m, 70.8333m, 65m], r.Standings.Select(s => s.Score!.Value));

        // The plain mean favours the teams M scored: team 2 (30+100+100)/3 = 76.67 beats team 4 (50+100)/2 = 75.
        var mean = RubricAggregator.Aggregate(new AggregationInput(one, AggregationMethod.Mean, null, [1, 2, 3, 4], sheets, [("M", 3), ("M", 4)]));
        Assert.Equal([2, 4, 1, 3], mean.Standings.Select(s => s.TeamId));
    }

    [Fact]
    public void A_judge_who_gives_everyone_the_same_total_has_z_zero()
    {
        CriterionSpec[] one = [new(1, "Overall", 1, 10)];
        JudgeSheet S(string j, int t, decimal s) => new(j, t, new Dictionary<int, decimal> { [1] = s });
        // F: 70, 70 → SD 0 → z 0, 0. G: 40, 60 → mean 50, SD 10 → z −1, +1.
        // Team 1: (0 − 1)/2 = −0.5; team 2: (0 + 1)/2 = 0.5
        var r = RubricAggregator.Aggregate(new AggregationInput(one, AggregationMethod.ZScore, null, [1, 2], [S("F", 1, 7), S("F", 2, 7), S("G", 1, 4), S("G", 2, 6)], []));
        Assert.Equal(-0.5m, Team(r, 1).MeanZ);
        Assert.Equal(0.5m, Team(r, 2).MeanZ);
        // Plain means (70 + 40) / 2 = 55 and (70 + 60) / 2 = 65: the lower mean z gets 55, the higher 65.
        Assert.Equal((55m, 65m), (Team(r, 1).Score!.Value, Team(r, 2).Score!.Value));
    }

    [Fact]
    public void Ties_are_broken_by_the_chosen_criterion_then_the_median_then_shared()
    {
        JudgeSheet[] sheets =
        [
            // Team 1: 5·8+3·6+4·4 = 74; 5·7+3·7+4·3 = 68; 5·9+3·5+4·5 = 80 → mean 222/3 = 74; mean A (8+7+9)/3 = 8; median 74
            Sheet("J1", 1, 8, 6, 4), Sheet("J2", 1, 7, 7, 3), Sheet("J3", 1, 9, 5, 5),
            // Team 2: 5·10+3·5+4·3 = 77; 5·9+3·5+4·3 = 72; 5·8+3·7+4·3 = 73 → mean 222/3 = 74; mean A (10+9+8)/3 = 9; median 73
            Sheet("J1", 2, 10, 5, 3), Sheet("J2", 2, 9, 5, 3), Sheet("J3", 2, 8, 7, 3),
            // Team 3: 5·8+3·10+4·5 = 90; 5·8+3·4+4·2 = 60; 5·8+3·8+4·2 = 72 → mean 222/3 = 74; mean A 8; median 72
            Sheet("J1", 3, 8, 10, 5), Sheet("J2", 3, 8, 4, 2), Sheet("J3", 3, 8, 8, 2),
            // Team 4: team 1's sheets between other judges: 68, 80, 74 → mean 74; mean A 8; median 74: level with team 1 on every key
            Sheet("J1", 4, 7, 7, 3), Sheet("J2", 4, 9, 5, 5), Sheet("J3", 4, 8, 6, 4),
            // Team 5: 5·5+3·5+4·2 = 48 from all three → 48
            Sheet("J1", 5, 5, 5, 2), Sheet("J2", 5, 5, 5, 2), Sheet("J3", 5, 5, 5, 2),
        ];
        var r = RubricAggregator.Aggregate(new AggregationInput(Rubric, AggregationMethod.Mean, A.Id, [1, 2, 3, 4, 5], sheets, []));

        // 74 for teams 1–4. A: team 2 has 9, the others 8 → team 2 first, by the criterion.
        // Teams 1, 3, 4 at A = 8: medians 74, 72, 74 → team 3 after teams 1 and 4, by the median.
        // Teams 1 and 4 are equal on score, criterion and median: they share 2nd; team 3 is 4th, team 5 (48) 5th.
        Assert.Equal((1, TieBreak.Criterion), (Team(r, 2).Rank!.Value, Team(r, 2).TieBreak));
        Assert.Equal((2, TieBreak.Shared), (Team(r, 1).Rank!.Value, Team(r, 1).TieBreak));
        Assert.Equal((2, TieBreak.Shared), (Team(r, 4).Rank!.Value, Team(r, 4).TieBreak));
        Assert.Equal((4, TieBreak.Median), (Team(r, 3).Rank!.Value, Team(r, 3).TieBreak));
        Assert.Equal((5, TieBreak.None), (Team(r, 5).Rank!.Value, Team(r, 5).TieBreak));
        Assert.Equal(9m, Team(r, 2).TieBreakMean);
        Assert.Equal(72m, Team(r, 3).Median);

        // Without a chosen criterion the median decides at once: teams 1 and 4 (74) share 1st, team 2 (73) 3rd, team 3 (72) 4th.
        var byMedian = RubricAggregator.Aggregate(new AggregationInput(Rubric, AggregationMethod.Mean, null, [1, 2, 3, 4, 5], sheets, []));
        Assert.Equal([1, 1, 3, 4, 5], new[] { 1, 4, 2, 3, 5 }.Select(id => Team(byMedian, id).Rank!.Value));
    }

    [Fact]
    public void A_team_nobody_has_fully_scored_is_listed_without_a_rank()
    {
        var r = RubricAggregator.Aggregate(new AggregationInput(Rubric, AggregationMethod.TrimmedMean, null, [1, 2], [Sheet("J1", 1, 8, 6, 4)], []));
        Assert.Equal((1, 74m), (Team(r, 1).Rank!.Value, Team(r, 1).Score!.Value));
        Assert.Null(Team(r, 2).Rank);
        Assert.Null(Team(r, 2).Score);
        Assert.Equal(2, r.Standings[^1].TeamId);
    }

    /// <summary>
    /// Five judges, three teams, one criterion out of 10 (total = 10 × score). J1 spreads widely and puts A first; the
    /// other four agree that C is best but score in a narrow band. Each judge's three totals are m − d, m, m + d, so
    /// their z values are −√1.5, 0, +√1.5 (population SD = d·√(2/3)); rounded to 4 places, ±1.2247.
    /// </summary>
    private static readonly JudgeSheet[] Split =
    [
        // J1: A 100, B 50, C 0 (m 50, d 50) → z A +1.2247, B 0, C −1.2247
        One("J1", 1, 10), One("J1", 2, 5), One("J1", 3, 0),
        // J2: C 80, B 75, A 70 → z C +1.2247, B 0, A −1.2247
        One("J2", 1, 7), One("J2", 2, 7.5m), One("J2", 3, 8),
        // J3: C 80, A 75, B 70 → z C +1.2247, A 0, B −1.2247
        One("J3", 1, 7.5m), One("J3", 2, 7), One("J3", 3, 8),
        // J4 as J2, J5 as J3
        One("J4", 1, 7), One("J4", 2, 7.5m), One("J4", 3, 8),
        One("J5", 1, 7.5m), One("J5", 2, 7), One("J5", 3, 8),
    ];

    private static JudgeSheet One(string judge, int team, decimal score) => new(judge, team, new Dictionary<int, decimal> { [1] = score });

    private static AggregationInput SplitInput(AggregationMethod m) => new([new CriterionSpec(1, "Overall", 1, 10)], m, null, [1, 2, 3], Split, []);

    [Fact]
    public void The_trimmed_mean_and_the_z_score_give_the_win_to_the_team_the_mean_puts_last()
    {
        // Mean: A (100 + 70 + 75 + 70 + 75) / 5 = 390 / 5 = 78; B (50 + 75 + 70 + 75 + 70) / 5 = 68; C (0 + 4 × 80) / 5 = 64.
        var mean = RubricAggregator.Aggregate(SplitInput(AggregationMethod.Mean));
        Assert.Equal([(1, 78m), (2, 68m), (3, 64m)], mean.Standings.Select(s => (s.TeamId, s.Score!.Value)));

        // Trimmed (5 judges: drop the highest and lowest): A 70, 70, 75, 75, 100 → (70 + 75 + 75) / 3 = 73.3333;
        // B 50, 70, 70, 75, 75 → (70 + 70 + 75) / 3 = 71.6667; C 0, 80, 80, 80, 80 → 80. C wins.
        var trimmed = RubricAggregator.Aggregate(SplitInput(AggregationMethod.TrimmedMean));
        Assert.Equal([(3, 80m), (1, 73.3333m), (2, 71.6667m)], trimmed.Standings.Select(s => (s.TeamId, s.Score!.Value)));

        // z: A +1.2247 − 1.2247 + 0 − 1.2247 + 0 = −1.2247 → /5 = −0.2449; B 0 + 0 − 1.2247 + 0 − 1.2247 → −0.4899;
        // C −1.2247 + 4 × 1.2247 = 3.6741 → 0.7348. C wins.
        var z = RubricAggregator.Aggregate(SplitInput(AggregationMethod.ZScore));
        Assert.Equal([(3, 0.7348m), (1, -0.2449m), (2, -0.4899m)], z.Standings.Select(s => (s.TeamId, s.MeanZ!.Value)));
        // On the rubric's scale: plain means span 64–78 over mean z −0.48988…+0.73482 (a width of 1.2247, five
        // steps of 0.24494): C → 78, B → 64, A one step above B → 64 + 14 × 1/5 = 66.8.
        Assert.Equal([(3, 78m), (1, 66.8m), (2, 64m)], z.Standings.Select(s => (s.TeamId, s.Score!.Value)));
    }

    [Fact]
    public void The_robustness_report_puts_every_method_beside_the_rounds_and_marks_the_places_that_move()
    {
        var report = RubricAggregator.Robustness(SplitInput(AggregationMethod.Mean));
        Assert.Equal(AggregationMethod.Mean, report.Chosen);
        // In the round's (mean) order: A 1st, B 2nd, C 3rd. Trimmed and z: C 1st, A 2nd, B 3rd.
        Assert.Equal([1, 2, 3], report.Lines.Select(l => l.TeamId));
        Assert.Equal([(1, 2, 2), (2, 3, 3), (3, 1, 1)], report.Lines.Select(l =>
            (l.Under(AggregationMethod.Mean).Rank!.Value, l.Under(AggregationMethod.TrimmedMean).Rank!.Value, l.Under(AggregationMethod.ZScore).Rank!.Value)));
        Assert.All(report.Lines, l => Assert.True(l.Changes));
        Assert.Equal([AggregationMethod.TrimmedMean, AggregationMethod.ZScore], report.WinnerChangedBy);
        Assert.Equal(-0.2449m, report.Lines[0].Under(AggregationMethod.ZScore).MeanZ);
        Assert.Equal(66.8m, report.Lines[0].Under(AggregationMethod.ZScore).Score);

        // Seen from a z-score round: the same places, and only the mean would crown another team.
        var fromZ = RubricAggregator.Robustness(SplitInput(AggregationMethod.ZScore));
        Assert.Equal([3, 1, 2], fromZ.Lines.Select(l => l.TeamId));
        Assert.Equal([AggregationMethod.Mean], fromZ.WinnerChangedBy);
    }

    [Fact]
    public void A_panel_where_every_method_agrees_reports_no_change()
    {
        // Two judges, both A 90 > B 60 (mean 90 vs 60; z +1 vs −1 for both): nothing moves.
        JudgeSheet[] agree = [One("X", 1, 9), One("X", 2, 6), One("Y", 1, 9), One("Y", 2, 6)];
        var report = RubricAggregator.Robustness(new AggregationInput([new CriterionSpec(1, "Overall", 1, 10)], AggregationMethod.TrimmedMean, null, [1, 2], agree, []));
        Assert.Empty(report.WinnerChangedBy);
        Assert.All(report.Lines, l => Assert.False(l.Changes));
    }
}
