using Contest.Engine.Rounds;
using Contest.Engine.Units;

namespace Contest.Engine.Tests.Rounds;

public class RoundRankingTests
{
    private static readonly DateTimeOffset Nine = new(2023, 3, 6, 2, 0, 0, TimeSpan.Zero); // 09:00 in Asia/Ho_Chi_Minh

    private static RankInput In(int participant, int correct, int? prediction, int seconds, int submittedMinute, long? attempt = null) =>
        new(participant, attempt ?? participant * 10, correct, prediction, TimeSpan.FromSeconds(seconds), Nine.AddMinutes(submittedMinute));

    // Ten questions. A, B, C have all ten right, so the actual number of all-correct participants is 3.
    // Prediction errors: A |5−3| = 2, B |2−3| = 1, C |4−3| = 1, D E F G I |3−3| = 0, H gave none.
    private static readonly RankInput[] Week1 =
    [
        In(1, 10, 5, 200, 0),   // A
        In(2, 10, 2, 300, 10),  // B
        In(3, 10, 4, 100, 20),  // C
        In(4, 9, 3, 50, 1),     // D
        In(5, 9, 3, 50, 2),     // E
        In(6, 9, 3, 60, -1),    // F
        In(7, 9, 3, 50, 1),     // G: equal to D on every key
        In(8, 9, null, 10, -60),// H: fastest and earliest, but no prediction
        In(9, 8, 3, 500, 5),    // I
    ];

    [Fact]
    public void Ranking_breaks_ties_by_prediction_then_time_then_submission_and_shares_a_full_tie()
    {
        var result = RoundRanking.Rank(Week1, questionCount: 10);

        Assert.Equal(3, result.AllCorrectCount);
        // 10 right: C and B both err by 1, C took 100 s < 300 s → C 1st, B 2nd; A errs by 2 → 3rd.
        // 9 right, error 0: D, G, E took 50 s, F 60 s. D and G submitted 09:01, E 09:02 → D and G share 4th
        // (listed by id), E is 6th, F 7th. H has 9 right but no prediction → after every prediction: 8th.
        // I has 8 right → 9th.
        Assert.Equal(
            [(1, 3), (2, 2), (3, 1), (4, 4), (4, 7), (6, 5), (7, 6), (8, 8), (9, 9)],
            result.Entries.Select(e => (e.Rank, e.ParticipantId)).ToArray());
        Assert.Equal([1, 1, 2, 0, 0, 0, 0, null, 0], result.Entries.Select(e => e.PredictionError).ToArray());
    }

    [Fact]
    public void The_counting_attempt_is_the_fastest_of_the_most_correct_and_all_correct_counts_people_not_attempts()
    {
        // Five questions. P1 has two all-correct attempts, P2 one: 2 all-correct participants, not 3.
        // P1's attempts: #11 5 right in 100 s, #12 5 right in 150 s → #11 counts (shorter time), although #12's
        // prediction is closer (|2−2| = 0 against |1−2| = 1). P1 errs 1, P2 errs |0−2| = 2 → P1 first.
        RankInput[] attempts =
        [
            In(1, 5, 1, 100, 0, attempt: 11),
            In(1, 5, 2, 150, 30, attempt: 12),
            In(1, 3, 2, 20, 40, attempt: 13),
            In(2, 5, 0, 10, 0, attempt: 21),
            In(3, 3, 2, 10, 0, attempt: 31),
        ];

        var result = RoundRanking.Rank(attempts, questionCount: 5);

        Assert.Equal(2, result.AllCorrectCount);
        Assert.Equal([(1, 1, 11L), (2, 2, 21L), (3, 3, 31L)], result.Entries.Select(e => (e.Rank, e.ParticipantId, e.AttemptId)).ToArray());
    }

    [Fact]
    public void Nobody_all_correct_makes_a_prediction_of_zero_exact()
    {
        // Four questions, best is 3 right: the actual number is 0, so predicting 0 errs by 0 and beats predicting 1 (error 1).
        var result = RoundRanking.Rank([In(1, 3, 1, 10, 0), In(2, 3, 0, 90, 5)], questionCount: 4);
        Assert.Equal(0, result.AllCorrectCount);
        Assert.Equal([2, 1], result.Entries.Select(e => e.ParticipantId).ToArray());
    }

    [Fact]
    public void Prize_table_awards_a_tier_closest_prediction_and_units_with_most_participants()
    {
        var ranking = RoundRanking.Rank(Week1, questionCount: 10);
        // Tree: districts 10 and 20; grassroots 11 and 12 under 10, 21 under 20.
        var ownUnit = new Dictionary<int, int> { [1] = 11, [2] = 11, [3] = 21, [4] = 12, [5] = 21, [6] = 21, [7] = 12, [9] = 11 };
        var district = new Dictionary<int, int> { [11] = 10, [12] = 10, [21] = 20 };
        int? UnitOf(int participant, UnitLevel? level) =>
            ownUnit.TryGetValue(participant, out var u) ? level == UnitLevel.District ? district[u] : u : null;
        PrizeRule[] rules =
        [
            new() { Id = 1, Kind = PrizeKind.RankTier, Name = "Giải cá nhân", Count = 4, SortOrder = 1 },
            new() { Id = 2, Kind = PrizeKind.ClosestPrediction, Name = "Giải dự đoán", Count = 2, SortOrder = 2 },
            new() { Id = 3, Kind = PrizeKind.UnitMostParticipants, Name = "Giải tập thể huyện", Count = 1, UnitLevel = UnitLevel.District, SortOrder = 3 },
            new() { Id = 4, Kind = PrizeKind.UnitMostParticipants, Name = "Giải tập thể cơ sở", Count = 1, SortOrder = 4 },
        ];

        var prizes = PrizeTable.Award(ranking, rules, new PrizeTableOptions(), UnitOf, _ => 0);

        // One tier of 4: C 1, B 2, A 3, D and G share 4th → five winners.
        Assert.Equal([(1, 3), (2, 2), (3, 1), (4, 4), (4, 7)], Prizes(prizes, 1));
        // Error 0: D, G, E took 50 s, F 60 s, I 500 s; D and G submitted 09:01, E 09:02 → D and G share 1st; E would be 3rd > 2.
        Assert.Equal([(1, 4), (1, 7)], Prizes(prizes, 2));
        // Districts: 10 has A B D G I = 5, 20 has C E F = 3 (H has no unit) → district 10.
        Assert.Equal([(1, 10, 5)], prizes.Where(p => p.RuleId == 3).Select(p => (p.Place, p.UnitId!.Value, p.ParticipantCount!.Value)).ToArray());
        // Own units: 11 = A B I (3 people, 10+10+8 = 28 right), 21 = C E F (3, 10+9+9 = 28), 12 = D G (2) → 11 and 21 share 1st.
        Assert.Equal([(1, 11, 3), (1, 21, 3)], prizes.Where(p => p.RuleId == 4).Select(p => (p.Place, p.UnitId!.Value, p.ParticipantCount!.Value)).ToArray());
    }

    [Fact]
    public void Qualification_takes_each_persons_best_round_and_exactly_n()
    {
        RoundResult R(int round, int participant, int rank, int correct, long ms) =>
            new() { RoundId = round, ParticipantId = participant, Rank = rank, Correct = correct, TimeTakenMs = ms };
        // P1 best rank 1 (round 2); P2 rank 1 (round 1) with 10 right vs P1's 9 → P2 first; P3 rank 2 twice, best by more correct (8);
        // P4 rank 2, 8 right, but slower than P3 → 4th; top 3 leaves P4 out.
        var q = Qualification.Pick(
        [
            R(1, 1, 3, 9, 100), R(2, 1, 1, 9, 100),
            R(1, 2, 1, 10, 500),
            R(1, 3, 2, 7, 50), R(2, 3, 2, 8, 90),
            R(2, 4, 2, 8, 95),
        ], topN: 3);
        Assert.Equal([(1, 2), (2, 1), (3, 3)], q.Select(x => (x.Place, x.ParticipantId)).ToArray());
        Assert.Equal(2, q[2].RoundId);
    }

    private static (int Place, int Participant)[] Prizes(IReadOnlyList<AwardedPrize> prizes, int rule) =>
        prizes.Where(p => p.RuleId == rule).Select(p => (p.Place, p.ParticipantId!.Value)).ToArray();
}

public class UnitStatisticsTests
{
    [Fact]
    public void Figures_roll_up_the_tree_and_rates_use_member_counts()
    {
        Unit[] units =
        [
            new() { Id = 1, Name = "Tỉnh", Level = UnitLevel.Province },
            new() { Id = 2, Name = "Huyện A", Level = UnitLevel.District, ParentId = 1, MemberCount = 10 },
            new() { Id = 3, Name = "Huyện B", Level = UnitLevel.District, ParentId = 1, MemberCount = 4 },
            new() { Id = 4, Name = "Cơ sở A1", Level = UnitLevel.Grassroots, ParentId = 2, MemberCount = 5 },
        ];
        // A1: two people with 8 and 6 right; A itself: one with 10; B: nobody.
        var stats = UnitStatistics.Compute(units, [(4, 8), (4, 6), (2, 10)]);

        Assert.Equal(["Tỉnh", "Huyện A", "Cơ sở A1", "Huyện B"], stats.Select(s => s.Name).ToArray());
        // Huyện A: 3 people (2 in A1 + 1), 10 members → 30 %, average (8+6+10)/3 = 8.
        var a = stats[1];
        Assert.Equal((3, 10, 0.3, 8.0), (a.Participants, a.Members, a.Rate!.Value, a.AverageCorrect!.Value));
        // A1: 2 of 5 = 40 %, average 7. B: 0 of 4, no average.
        Assert.Equal((2, 0.4, 7.0), (stats[2].Participants, stats[2].Rate!.Value, stats[2].AverageCorrect!.Value));
        Assert.Equal((0, 0.0, (double?)null), (stats[3].Participants, stats[3].Rate!.Value, stats[3].AverageCorrect));
        // Province has no count of its own: 10 + 4 = 14 members, 3 participants.
        Assert.Equal((3, 14, 0), (stats[0].Participants, stats[0].Members, stats[0].Depth));
    }
}
