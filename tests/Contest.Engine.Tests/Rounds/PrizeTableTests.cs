using Contest.Engine.Demo;
using Contest.Engine.Rounds;
using Contest.Engine.Units;

namespace Contest.Engine.Tests.Rounds;

/// <summary>The prize rules of <see cref="PrizeTable"/>, each worked by hand in the comments.</summary>
public class PrizeTableTests
{
    private static readonly DateTimeOffset Nine = new(2023, 3, 6, 2, 0, 0, TimeSpan.Zero); // 09:00 in Asia/Ho_Chi_Minh

    private static RankInput In(int participant, int correct, int? prediction, int seconds, int submittedMinute, long? attempt = null) =>
        new(participant, attempt ?? participant * 10, correct, prediction, TimeSpan.FromSeconds(seconds), Nine.AddMinutes(submittedMinute));

    private static PrizeRule Row(int id, PrizeKind kind, string name, int count, UnitLevel? level = null) =>
        new() { Id = id, Kind = kind, Name = name, Count = count, UnitLevel = level, SortOrder = id };

    private static IReadOnlyList<AwardedPrize> Award(RankingResult ranking, PrizeTableOptions options, params PrizeRule[] rules) =>
        PrizeTable.Award(ranking, rules, options, (_, _) => null, _ => 0);

    /// <summary>Winners of rows 1–4, "2 | 1 | 3 | 5,6".</summary>
    private static string Table(IReadOnlyList<AwardedPrize> prizes) => string.Join(" | ", Enumerable.Range(1, 4).Select(r => string.Join(",", Winners(prizes, r))));

    private static int[] Winners(IReadOnlyList<AwardedPrize> prizes, int rule) =>
        [.. prizes.Where(p => p.RuleId == rule).Select(p => p.ParticipantId!.Value)];

    // 20 questions, 16 people, nobody all correct (the actual number is 0), everyone predicts 0 and takes 100 s, so
    // the ranking is by correct answers; people with equal correct answers also submit at the same minute: a full tie.
    //   rank 1: P1 P2 (19 right) · 3: P3 (18) · 4: P4 P5 (17) · 6: P6 (16) · 7: P7 (15) · 8: P8 P9 (14)
    //   10: P10 (13) · 11: P11 (12) · 12: P12 (11) · 13: P13 (10) · 14: P14 P15 (9) · 16: P16 (8)
    private static RankingResult SixteenWithTies()
    {
        (int Participant, int Correct)[] people =
            [(1, 19), (2, 19), (3, 18), (4, 17), (5, 17), (6, 16), (7, 15), (8, 14), (9, 14), (10, 13), (11, 12), (12, 11), (13, 10), (14, 9), (15, 9), (16, 8)];
        return RoundRanking.Rank(people.Select(p => In(p.Participant, p.Correct, 0, 100, 20 - p.Correct)), questionCount: 20);
    }

    [Fact]
    public void Tiers_follow_each_other_and_a_tie_on_a_tiers_last_place_takes_everyone_tied()
    {
        var ranking = SixteenWithTies();
        Assert.Equal([1, 1, 3, 4, 4, 6, 7, 8, 8, 10, 11, 12, 13, 14, 14, 16], ranking.Entries.Select(e => e.Rank).ToArray());

        var prizes = Award(ranking, new PrizeTableOptions(),
            Row(1, PrizeKind.RankTier, "Giải Nhất", 1), Row(2, PrizeKind.RankTier, "Giải Nhì", 2),
            Row(3, PrizeKind.RankTier, "Giải Ba", 3), Row(4, PrizeKind.RankTier, "Giải Khuyến khích", 5));

        // Nhất ×1: P1 and P2 tie on rank 1 → both. Nhì starts after them.
        Assert.Equal([1, 2], Winners(prizes, 1));
        // Nhì ×2: P3 (rank 3), then rank 4 is the last place and P4 P5 tie on it → P3 P4 P5.
        Assert.Equal([3, 4, 5], Winners(prizes, 2));
        // Ba ×3: P6 (6), P7 (7), rank 8 last place tied by P8 P9 → four people.
        Assert.Equal([6, 7, 8, 9], Winners(prizes, 3));
        // Khuyến khích ×5: P10 P11 P12 P13, then rank 14 tied by P14 P15 → six people; P16 nothing.
        Assert.Equal([10, 11, 12, 13, 14, 15], Winners(prizes, 4));
        // A tier winner's place is their overall rank.
        Assert.Equal([1, 1, 3, 4, 4, 6, 7, 8, 8, 10, 11, 12, 13, 14, 14], prizes.Select(p => p.Place).ToArray());
    }

    [Fact]
    public void A_tie_inside_a_tier_does_not_stretch_it_and_the_next_tier_starts_right_after()
    {
        // Same ranking, Nhất ×3: P1 P2 (rank 1) and P3 (rank 3) fill three places without a tie on the last one;
        // Nhì ×1 then starts at rank 4, where P4 P5 tie → both; Ba ×1 is P6.
        var prizes = Award(SixteenWithTies(), new PrizeTableOptions(),
            Row(1, PrizeKind.RankTier, "Giải Nhất", 3), Row(2, PrizeKind.RankTier, "Giải Nhì", 1), Row(3, PrizeKind.RankTier, "Giải Ba", 1));
        Assert.Equal([1, 2, 3], Winners(prizes, 1));
        Assert.Equal([4, 5], Winners(prizes, 2));
        Assert.Equal([6], Winners(prizes, 3));
    }

    // Ten questions. Q1 and Q2 have all ten right → the actual number is 2.
    //   Q1 10 right, predicts 3 (|3−2| = 1), 300 s, 09:00     Q2 10 right, predicts 1 (1), 200 s, 09:05
    //   Q3  9 right, predicts 2 (0),  90 s, 09:10              Q4  9 right, predicts 4 (2), 100 s, 09:02
    //   Q5  8 right, predicts 2 (0), 100 s, 09:01              Q6 = Q5 on every key (a full tie)
    //   Q7  7 right, no prediction
    // Ranking: Q2 1st (error 1, faster than Q1), Q1 2nd, Q3 3rd, Q4 4th, Q5 Q6 share 5th, Q7 7th.
    private static RankingResult PredictionRound() => RoundRanking.Rank(
    [
        In(1, 10, 3, 300, 0), In(2, 10, 1, 200, 5), In(3, 9, 2, 90, 10), In(4, 9, 4, 100, 2),
        In(5, 8, 2, 100, 1), In(6, 8, 2, 100, 1), In(7, 7, null, 10, 0),
    ], questionCount: 10);

    [Fact]
    public void Closest_prediction_breaks_equal_distances_by_the_chosen_rule_and_a_tie_on_the_last_place_shares_it()
    {
        var ranking = PredictionRound();
        Assert.Equal([(1, 2), (2, 1), (3, 3), (4, 4), (5, 5), (5, 6), (7, 7)], ranking.Entries.Select(e => (e.Rank, e.ParticipantId)).ToArray());
        var prediction = Row(1, PrizeKind.ClosestPrediction, "Giải dự đoán", 1);
        int[] With(PredictionTieBreak rule, int count = 1) =>
            Winners(Award(ranking, new PrizeTableOptions(PredictionTieBreak: rule), Row(1, PrizeKind.ClosestPrediction, "Giải dự đoán", count)), 1);

        // Distance 0: Q3, Q5, Q6. Time then submission: Q3 took 90 s < 100 s → Q3 alone.
        Assert.Equal([3], With(PredictionTieBreak.TimeThenSubmission));
        // ×2: Q3 1st, then Q5 and Q6 are equal on time (100 s) and submission (09:01) → they share 2nd, both win.
        Assert.Equal([3, 5, 6], With(PredictionTieBreak.TimeThenSubmission, 2));
        Assert.Equal([1, 2, 2], Award(ranking, new PrizeTableOptions(), Row(1, PrizeKind.ClosestPrediction, "Giải dự đoán", 2)).Select(p => p.Place).ToArray());
        // Earlier submission: Q5 Q6 (09:01) before Q3 (09:10), and tied with each other → both share 1st.
        Assert.Equal([5, 6], With(PredictionTieBreak.EarlierSubmission));
        // Overall rank: Q3 is 3rd, Q5 Q6 5th → Q3.
        Assert.Equal([3], With(PredictionTieBreak.OverallRank));
        // Shared: nothing separates equal distances → Q3 Q5 Q6 all 1st.
        Assert.Equal([3, 5, 6], With(PredictionTieBreak.Shared));
        // The distance is kept as the prize's measure; Q7 (no prediction) can never win it.
        Assert.All(Award(ranking, new PrizeTableOptions(), Row(1, PrizeKind.ClosestPrediction, "Giải dự đoán", 7)), p => Assert.NotEqual(7, p.ParticipantId));
        Assert.Equal((double?)0, Award(ranking, new PrizeTableOptions(), prediction).Single().Measure);
    }

    [Fact]
    public void One_prize_per_person_passes_a_winner_over_and_gives_the_place_to_the_next()
    {
        var ranking = PredictionRound();
        PrizeRule[] table =
        [
            Row(1, PrizeKind.RankTier, "Giải Nhất", 1), Row(2, PrizeKind.RankTier, "Giải Nhì", 1),
            Row(3, PrizeKind.RankTier, "Giải Ba", 1), Row(4, PrizeKind.ClosestPrediction, "Giải dự đoán", 1),
        ];

        // Without the option: Nhất Q2, Nhì Q1, Ba Q3, and Q3 is also the closest (distance 0, fastest) → two prizes.
        var free = Award(ranking, new PrizeTableOptions(), table);
        Assert.Equal("2 | 1 | 3 | 3", Table(free));

        // With it: Q3 keeps Ba (the row above); the prediction prize goes to the next closest, Q5 and Q6, tied on
        // distance 0, 100 s and 09:01 → both.
        var once = Award(ranking, new PrizeTableOptions(OnePrizePerPerson: true), table);
        Assert.Equal("2 | 1 | 3 | 5,6", Table(once));

        // Rows are awarded top to bottom: with the prediction row first, Q3 takes it, and the Ba tier passes over
        // Q3 (rank 3) to Q4 (rank 4).
        PrizeRule[] predictionFirst =
        [
            Row(1, PrizeKind.ClosestPrediction, "Giải dự đoán", 1), Row(2, PrizeKind.RankTier, "Giải Nhất", 1),
            Row(3, PrizeKind.RankTier, "Giải Nhì", 1), Row(4, PrizeKind.RankTier, "Giải Ba", 1),
        ];
        var first = Award(ranking, new PrizeTableOptions(OnePrizePerPerson: true), predictionFirst);
        Assert.Equal("3 | 2 | 1 | 4", Table(first));
    }

    [Fact]
    public void Unit_prizes_by_participants_by_participation_rate_and_by_average_score()
    {
        // Districts 10 (100 members), 20 (20), 30 (no member count), 40 (40); grassroots 11 12 under 10, 21 under 20,
        // 31 under 30, 41 under 40. Correct answers (10 questions) and grassroots unit of each participant:
        //   district 10: a=1 10 (11), b=2 8 (11), c=3 6 (12), d=4 6 (12) → 4 people, 30 right, average 7.5, rate 4/100 = 4 %
        //   district 20: e=5 9, f=6 6 (21)                          → 2 people, 15 right, average 7.5, rate 2/20 = 10 %
        //   district 30: g=7 10, h=8 9, i=9 8, j=10 3 (31)          → 4 people, 30 right, average 7.5, no rate
        //   district 40: l=12 .. o=15 5 each (41)                    → 4 people, 20 right, average 5,   rate 4/40 = 10 %
        //   k=11 has no unit and counts for none.
        (int P, int Correct, int? Unit)[] people =
        [
            (1, 10, 11), (2, 8, 11), (3, 6, 12), (4, 6, 12), (5, 9, 21), (6, 6, 21), (7, 10, 31), (8, 9, 31), (9, 8, 31), (10, 3, 31),
            (11, 10, null), (12, 5, 41), (13, 5, 41), (14, 5, 41), (15, 5, 41),
        ];
        var ranking = RoundRanking.Rank(people.Select(p => In(p.P, p.Correct, 1, 100 + p.P, p.P)), questionCount: 10);
        var own = people.Where(p => p.Unit is not null).ToDictionary(p => p.P, p => p.Unit!.Value);
        int? UnitOf(int participant, UnitLevel? level) => own.TryGetValue(participant, out var u) ? level == UnitLevel.District ? u / 10 * 10 : u : null;
        var members = new Dictionary<int, int> { [10] = 100, [20] = 20, [40] = 40 };
        var prizes = PrizeTable.Award(ranking,
        [
            Row(1, PrizeKind.UnitMostParticipants, "Đông nhất", 1, UnitLevel.District),
            Row(2, PrizeKind.UnitParticipationRate, "Tỷ lệ cao nhất", 2, UnitLevel.District),
            Row(3, PrizeKind.UnitAverageScore, "Điểm bình quân cao nhất", 2, UnitLevel.District),
            Row(4, PrizeKind.UnitMostParticipants, "Cơ sở đông nhất", 1),
        ], new PrizeTableOptions(OnePrizePerPerson: true), UnitOf, u => members.GetValueOrDefault(u));

        (int Place, int Unit, int Count, double? Measure)[] Of(int rule) =>
            [.. prizes.Where(p => p.RuleId == rule).Select(p => (p.Place, p.UnitId!.Value, p.ParticipantCount!.Value, p.Measure))];
        // Most participants: 10 and 30 have 4 people and 30 right each → they share 1st; 40 (4 people, 20 right) is 3rd.
        Assert.Equal([(1, 10, 4, null), (1, 30, 4, null)], Of(1));
        // Rate: 20 and 40 both 10 %; 40 has more participants → 1st, 20 2nd; 10 (4 %) 3rd; 30 has no member count.
        Assert.Equal([(1, 40, 4, 0.1), (2, 20, 2, 0.1)], Of(2));
        // Average: 10, 30 and 20 all 7.5; more participants first → 10 and 30 share 1st (4 each), 20 is 3rd > 2.
        Assert.Equal([(1, 10, 4, 7.5), (1, 30, 4, 7.5)], Of(3));
        // Own unit (grassroots): 31 has 4 people and 30 right, 41 4 people and 20 right → 31.
        Assert.Equal([(1, 31, 4, null)], Of(4));
    }

    [Fact]
    public void The_usual_table_on_a_round_of_sixteen()
    {
        // The province's table: Nhất 1, Nhì 2, Ba 3, KK 5 follow each other over the ranking of SixteenWithTies,
        // exactly as the first test worked out: 2 + 3 + 4 + 6 = 15 people.
        var prizes = PrizeTable.Award(SixteenWithTies(), DemoPrizes.UsualTable(), new PrizeTableOptions(), (_, _) => null, _ => 0);
        Assert.Equal(15, prizes.Count(p => p.Kind == PrizeKind.RankTier));
        Assert.Equal(["Giải Nhất", "Giải Nhì", "Giải Ba", "Giải Khuyến khích"], prizes.Where(p => p.Kind == PrizeKind.RankTier).Select(p => p.Name).Distinct().ToArray());
        // Everyone predicted 0 and nobody had all 20 right: all sixteen are at distance 0, took 100 s, and only the two
        // P1 P2 submitted at 09:01 → they share the prediction prize. Nobody has a unit: no unit prize.
        Assert.Equal([1, 2], prizes.Where(p => p.Kind == PrizeKind.ClosestPrediction).Select(p => p.ParticipantId!.Value).ToArray());
        Assert.DoesNotContain(prizes, p => p.UnitId is not null);
    }

    [Fact]
    public void A_slower_attempt_with_a_luckier_guess_does_not_count()
    {
        // Ten questions; P2 has all ten right → the actual number is 1.
        // P1: #11 8 right, 300 s, predicts 1 (distance 0); #12 8 right, 200 s, predicts 9 (distance 8); #13 7 right, 100 s,
        //     predicts 1. Most correct: #11 and #12; shortest time: #12 → #12 counts, with its prediction 9.
        // P3: 8 right, 250 s, predicts 7 (distance 6) → above P1 (6 < 8). Had #11 counted, P1 (distance 0) would be above P3.
        // P4: #41 8 right, 200 s, 09:30, predicts 1; #42 8 right, 200 s, 09:10, predicts 30 → equal time, #42 submitted
        //     first → #42 counts (distance 29), last of the three with 8 right.
        var ranking = RoundRanking.Rank(
        [
            In(1, 8, 1, 300, 0, attempt: 11), In(1, 8, 9, 200, 20, attempt: 12), In(1, 7, 1, 100, 40, attempt: 13),
            In(2, 10, 3, 500, 0, attempt: 21),
            In(3, 8, 7, 250, 0, attempt: 31),
            In(4, 8, 1, 200, 30, attempt: 41), In(4, 8, 30, 200, 10, attempt: 42),
        ], questionCount: 10);

        Assert.Equal(1, ranking.AllCorrectCount);
        Assert.Equal([(1, 2, 21L, 2), (2, 3, 31L, 6), (3, 1, 12L, 8), (4, 4, 42L, 29)],
            ranking.Entries.Select(e => (e.Rank, e.ParticipantId, e.AttemptId, e.PredictionError!.Value)).ToArray());
    }

    [Fact]
    public void The_table_refuses_unknown_kinds_levels_and_tie_break_rules()
    {
        Assert.Null(PrizeTable.Validate(DemoPrizes.UsualTable(), new PrizeTableOptions()));
        Assert.Equal("Unknown prize kind: 7.", PrizeTable.Validate([Row(1, (PrizeKind)7, "Giải", 1)], new PrizeTableOptions()));
        Assert.Equal("Unknown unit level: 9.", PrizeTable.Validate([Row(1, PrizeKind.UnitMostParticipants, "Giải", 1, (UnitLevel)9)], new PrizeTableOptions()));
        Assert.Equal("Unknown tie-break rule for the prediction prize: 5.", PrizeTable.Validate([], new PrizeTableOptions(PredictionTieBreak: (PredictionTieBreak)5)));
        Assert.Equal("Prize 'Giải': the number of places must be between 1 and 1000.", PrizeTable.Validate([Row(1, PrizeKind.RankTier, "Giải", -1)], new PrizeTableOptions()));
        Assert.Equal("Every prize needs a name.", PrizeTable.Validate([Row(1, PrizeKind.RankTier, " ", 1)], new PrizeTableOptions()));
    }
}
