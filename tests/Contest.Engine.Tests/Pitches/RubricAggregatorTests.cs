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

    private static TeamStanding Team(Aggregation r, int id) => r.Standings.Single(s => s.TeamId == id);

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
        Assert.Equal(-1m, Team(r, 1).Score);
        Assert.Equal(0.3333m, Team(r, 2).Score);
        Assert.Equal(0m, Team(r, 3).Score);
        Assert.Equal(1m, Team(r, 4).Score);
        Assert.Equal([4, 2, 3, 1], r.Standings.Select(s => s.TeamId));

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
        Assert.Equal(-0.5m, Team(r, 1).Score);
        Assert.Equal(0.5m, Team(r, 2).Score);
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
}
