using Contest.Engine.Leaderboards;

namespace Contest.Engine.Tests.Leaderboards;

/// <summary>
/// The behaviour every <see cref="ILeaderboard"/> must have. Each implementation's test class derives
/// from this one, so the in-process and the Redis leaderboard run exactly the same cases.
/// </summary>
public abstract class LeaderboardContract
{
    // 26 March: founding day of the Youth Union.
    private static readonly DateTimeOffset T0 = new(2026, 3, 26, 8, 0, 0, TimeSpan.Zero);

    protected abstract ILeaderboard Board { get; }

    private static DateTimeOffset At(int seconds) => T0.AddSeconds(seconds);

    private static string[] Members(IEnumerable<LeaderboardEntry> rows) => rows.Select(r => r.Member).ToArray();

    [Fact]
    public async Task Add_returns_the_running_sum_and_Get_reads_it()
    {
        Assert.Equal(3, await Board.AddAsync("g", "an", 3, At(1)));
        Assert.Equal(7, await Board.AddAsync("g", "an", 4, At(2)));
        // 3 + 4 - 2 = 5
        Assert.Equal(5, await Board.AddAsync("g", "an", -2, At(3)));
        Assert.Equal(new LeaderboardEntry("an", 5, 1), await Board.GetAsync("g", "an"));
        Assert.Null(await Board.GetAsync("g", "nobody"));
        Assert.Null(await Board.GetAsync("other", "an"));
    }

    [Fact]
    public async Task Equal_scores_rank_earlier_achievement_first_then_member_id()
    {
        await Board.AddAsync("g", "c", 10, At(1));
        await Board.AddAsync("g", "a", 10, At(1));
        await Board.AddAsync("g", "d", 20, At(5));
        await Board.AddAsync("g", "b", 10, At(0));

        // d has 20; of the 10s, b reached it at 0 s; a and c both at 1 s, so a before c by id.
        var top = await Board.TopAsync("g", 10);
        Assert.Equal(
            [new("d", 20, 1), new("b", 10, 2), new("a", 10, 3), new("c", 10, 4)],
            top);
    }

    [Fact]
    public async Task A_later_achievement_loses_the_tie_even_when_written_first()
    {
        await Board.AddAsync("g", "first-written", 5, At(2));
        await Board.AddAsync("g", "reached-earlier", 5, At(1));
        Assert.Equal(["reached-earlier", "first-written"], Members(await Board.TopAsync("g", 2)));
    }

    [Fact]
    public async Task Zero_points_keep_the_time_the_score_was_reached()
    {
        await Board.AddAsync("g", "x", 5, At(1));
        await Board.AddAsync("g", "y", 5, At(2));
        // x answered wrong at 3 s: still 5 points, reached at 1 s, so still ahead of y.
        await Board.AddAsync("g", "x", 0, At(3));
        // Only zeros: the earliest call counts. p joined at 5 s and again at 1 s -> 1 s; q at 3 s.
        await Board.AddAsync("g", "p", 0, At(5));
        await Board.AddAsync("g", "q", 0, At(3));
        await Board.AddAsync("g", "p", 0, At(1));
        Assert.Equal(["x", "y", "p", "q"], Members(await Board.TopAsync("g", 10)));
    }

    [Fact]
    public async Task The_same_additions_in_another_order_give_the_same_ranking()
    {
        // x: 0 at 1 s and 5 at 4 s -> 5 reached at 4 s; y: 5 at 3 s. So y, x on both boards.
        await Board.AddAsync("one", "x", 0, At(1));
        await Board.AddAsync("one", "x", 5, At(4));
        await Board.AddAsync("one", "y", 5, At(3));
        await Board.AddAsync("two", "y", 5, At(3));
        await Board.AddAsync("two", "x", 5, At(4));
        await Board.AddAsync("two", "x", 0, At(1));
        // z: +3 at 9 s then +4 at 2 s arrive out of order: 7 is reached at 9 s on both boards.
        await Board.AddAsync("one", "z", 3, At(9));
        await Board.AddAsync("one", "z", 4, At(2));
        await Board.AddAsync("one", "w", 7, At(8));
        await Board.AddAsync("two", "w", 7, At(8));
        await Board.AddAsync("two", "z", 4, At(2));
        await Board.AddAsync("two", "z", 3, At(9));

        var one = await Board.TopAsync("one", 10);
        Assert.Equal(["w", "z", "y", "x"], Members(one));
        Assert.Equal(one, await Board.TopAsync("two", 10));
    }

    [Fact]
    public async Task Member_ids_order_as_utf8_bytes()
    {
        string[] ids = ["😀", "Ａ", "Đạt", "Zed", "An"];
        foreach (var id in ids) await Board.AddAsync("g", id, 1, At(1));
        // UTF-8 lead bytes: A 0x41 < Z 0x5A < Đ 0xC4 < Ａ (U+FF21) 0xEF < 😀 (U+1F600) 0xF0.
        // UTF-16 ordinal order would put 😀 (0xD83D) before Ａ (0xFF21); Redis and we do not.
        Assert.Equal(["An", "Zed", "Đạt", "Ａ", "😀"], Members(await Board.TopAsync("g", 10)));
    }

    [Fact]
    public async Task Around_returns_the_member_and_its_neighbours_with_their_ranks()
    {
        // m0..m9 with 100, 90, ..., 10 points: m_i has rank i + 1.
        for (var i = 0; i < 10; i++) await Board.AddAsync("g", $"m{i}", (10 - i) * 10, At(i));

        var middle = await Board.AroundAsync("g", "m4", 2);
        Assert.Equal([new("m2", 80, 3), new("m3", 70, 4), new("m4", 60, 5), new("m5", 50, 6), new("m6", 40, 7)], middle);
        Assert.Equal(["m0", "m1", "m2"], Members(await Board.AroundAsync("g", "m0", 2)));
        var bottom = await Board.AroundAsync("g", "m9", 3);
        Assert.Equal(["m6", "m7", "m8", "m9"], Members(bottom));
        Assert.Equal([7L, 8, 9, 10], bottom.Select(r => r.Rank));
        Assert.Equal([new LeaderboardEntry("m5", 50, 6)], await Board.AroundAsync("g", "m5", 0));
        Assert.Empty(await Board.AroundAsync("g", "nobody", 2));
        Assert.Equal(new LeaderboardEntry("m7", 30, 8), await Board.GetAsync("g", "m7"));
    }

    [Fact]
    public async Task Count_and_Top_cover_what_is_on_the_board()
    {
        Assert.Equal(0, await Board.CountAsync("g"));
        Assert.Empty(await Board.TopAsync("g", 5));
        await Board.AddAsync("g", "a", 1, At(1));
        await Board.AddAsync("g", "b", 2, At(1));
        await Board.AddAsync("g", "a", 1, At(2));
        // a was added twice: still 2 members.
        Assert.Equal(2, await Board.CountAsync("g"));
        Assert.Equal(2, (await Board.TopAsync("g", 5)).Count);
        Assert.Empty(await Board.TopAsync("g", 0));
        // a = 1 + 1 = 2 reached at 2 s, b = 2 at 1 s: b first.
        Assert.Equal([new("b", 2, 1)], await Board.TopAsync("g", 1));
    }

    [Fact]
    public async Task Set_replaces_the_score_and_its_time()
    {
        await Board.AddAsync("g", "a", 10, At(1));
        await Board.AddAsync("g", "b", 3, At(2));
        await Board.SetAsync("g", "a", 3, At(3));
        await Board.SetAsync("g", "c", 4, At(9));
        // c 4; a and b 3, b reached it at 2 s, a at 3 s.
        Assert.Equal([new("c", 4, 1), new("b", 3, 2), new("a", 3, 3)], await Board.TopAsync("g", 10));
    }

    [Fact]
    public async Task Negative_and_very_large_scores_stay_exact()
    {
        await Board.SetAsync("g", "max", ILeaderboard.MaxScore, At(1));
        await Board.AddAsync("g", "low", -ILeaderboard.MaxScore, At(1));
        await Board.AddAsync("g", "zero", 0, At(1));
        // 2^53 - 1 = 9007199254740991: not rounded to 2^53 by the double score.
        Assert.Equal([new("max", 9007199254740991, 1), new("zero", 0, 2), new("low", -9007199254740991, 3)], await Board.TopAsync("g", 3));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Board.AddAsync("g", "x", ILeaderboard.MaxScore + 1, At(1)));
    }

    [Fact]
    public async Task Bad_arguments_are_refused_and_change_nothing()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Board.AddAsync("g", "", 1, At(1)));
        await Assert.ThrowsAsync<ArgumentException>(() => Board.AddAsync("", "a", 1, At(1)));
        await Assert.ThrowsAsync<ArgumentException>(() => Board.AddAsync("g", "a", 1, default));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Board.TopAsync("g", -1));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Board.AroundAsync("g", "a", -1));
        Assert.Equal(0, await Board.CountAsync("g"));
    }

    [Fact]
    public async Task Delete_removes_one_board_with_its_units()
    {
        await Board.AddAsync("g", "a", "u1", 5, At(1));
        await Board.AddAsync("keep", "a", "u1", 7, At(1));
        await Board.DeleteAsync("g");

        Assert.Equal(0, await Board.CountAsync("g"));
        Assert.Null(await Board.GetAsync("g", "a"));
        Assert.Equal(0, await Board.CountUnitsAsync("g"));
        Assert.Empty(await Board.TopUnitsAsync("g", UnitRanking.Total, 5));
        Assert.Equal(new LeaderboardEntry("a", 7, 1), await Board.GetAsync("keep", "a"));
        // Starting again after a delete starts from nothing, in any unit.
        Assert.Equal(2, await Board.AddAsync("g", "a", "u2", 2, At(2)));
        Assert.Equal(new UnitLeaderboardEntry("u2", 2, 1, 2.0, 1), await Board.GetUnitAsync("g", "u2", UnitRanking.Total));
    }

    [Fact]
    public async Task Units_rank_by_total_and_by_average_of_their_members()
    {
        // u1: a1 30 + a2 10 = 40 over 2 -> 20.   u2: b1 25 over 1 -> 25.
        // u3: c1 0 + c2 0 + c3 45 = 45 over 3 -> 15 (members who joined with 0 count in the average).
        await Board.AddAsync("g", "a1", "u1", 30, At(1));
        await Board.AddAsync("g", "a2", "u1", 10, At(2));
        await Board.AddAsync("g", "b1", "u2", 25, At(1));
        await Board.AddAsync("g", "c1", "u3", 0, At(1));
        await Board.AddAsync("g", "c2", "u3", 0, At(1));
        await Board.AddAsync("g", "c3", "u3", 45, At(3));
        await Board.AddAsync("g", "d1", 100, At(1)); // no unit: on the member board only

        Assert.Equal(3, await Board.CountUnitsAsync("g"));
        Assert.Equal(7, await Board.CountAsync("g"));
        Assert.Equal(
            [new("u3", 45, 3, 15.0, 1), new("u1", 40, 2, 20.0, 2), new("u2", 25, 1, 25.0, 3)],
            await Board.TopUnitsAsync("g", UnitRanking.Total, 10));
        Assert.Equal(
            [new("u2", 25, 1, 25.0, 1), new("u1", 40, 2, 20.0, 2), new("u3", 45, 3, 15.0, 3)],
            await Board.TopUnitsAsync("g", UnitRanking.Average, 10));
        Assert.Equal(new UnitLeaderboardEntry("u1", 40, 2, 20.0, 2), await Board.GetUnitAsync("g", "u1", UnitRanking.Average));
        Assert.Null(await Board.GetUnitAsync("g", "u9", UnitRanking.Total));

        // a2 scores 20 more through the overload without a unit: it still counts for u1.
        // u1 = 40 + 20 = 60 over 2 -> 30: first by total (60 > 45) and by average (30 > 25).
        await Board.AddAsync("g", "a2", 20, At(4));
        Assert.Equal(new UnitLeaderboardEntry("u1", 60, 2, 30.0, 1), await Board.GetUnitAsync("g", "u1", UnitRanking.Total));
        Assert.Equal(new UnitLeaderboardEntry("u1", 60, 2, 30.0, 1), await Board.GetUnitAsync("g", "u1", UnitRanking.Average));
        Assert.Equal(["u1", "u2"], (await Board.TopUnitsAsync("g", UnitRanking.Average, 2)).Select(u => u.Unit));

        // Set moves the unit by the difference: a1 30 -> 5, u1 = 5 + 30 = 35 over 2 -> 17.5.
        await Board.SetAsync("g", "a1", "u1", 5, At(5));
        Assert.Equal(new UnitLeaderboardEntry("u1", 35, 2, 17.5, 2), await Board.GetUnitAsync("g", "u1", UnitRanking.Total));
        Assert.Equal(new UnitLeaderboardEntry("u1", 35, 2, 17.5, 2), await Board.GetUnitAsync("g", "u1", UnitRanking.Average));
    }

    [Fact]
    public async Task Unit_ties_rank_earlier_achievement_first_then_unit_id()
    {
        await Board.AddAsync("g", "a", "A", 10, At(2));
        await Board.AddAsync("g", "c", "C", 10, At(1));
        await Board.AddAsync("g", "b", "B", 10, At(1));
        await Board.AddAsync("g", "d1", "D", 5, At(1));
        await Board.AddAsync("g", "d2", "D", 15, At(1));

        // Totals: D 20; B, C, A 10 each; B and C reached 10 at 1 s (B before C by id), A at 2 s.
        Assert.Equal(["D", "B", "C", "A"], (await Board.TopUnitsAsync("g", UnitRanking.Total, 10)).Select(u => u.Unit));
        // Averages: all 10 (D = 20 / 2); A reached it at 2 s, the others at 1 s, ordered by id.
        Assert.Equal(["B", "C", "D", "A"], (await Board.TopUnitsAsync("g", UnitRanking.Average, 10)).Select(u => u.Unit));
        Assert.Equal(3, (await Board.GetUnitAsync("g", "D", UnitRanking.Average))!.Rank);
    }

    [Fact]
    public async Task A_member_cannot_change_unit_on_a_board()
    {
        await Board.AddAsync("g", "a", "u1", 5, At(1));
        await Board.AddAsync("g", "b", 5, At(1));
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => Board.AddAsync("g", "a", "u2", 5, At(2)));
        Assert.Contains("'u1'", e.Message);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Board.SetAsync("g", "b", "u2", 9, At(2)));

        Assert.Equal(new LeaderboardEntry("a", 5, 1), await Board.GetAsync("g", "a"));
        Assert.Equal(new LeaderboardEntry("b", 5, 2), await Board.GetAsync("g", "b"));
        Assert.Equal(1, await Board.CountUnitsAsync("g"));
        Assert.Null(await Board.GetUnitAsync("g", "u2", UnitRanking.Total));
    }

    [Fact]
    public async Task Parallel_additions_all_count()
    {
        // 8 members, 50 additions each, run in parallel: m_j gets j + 1 points per addition.
        // m0..m3 are in unit A, m4..m7 in unit B.
        var work = Enumerable.Range(0, 400).Select(k => Task.Run(() =>
        {
            var j = k % 8;
            return Board.AddAsync("g", $"m{j}", j < 4 ? "A" : "B", j + 1, At(k));
        }));
        await Task.WhenAll(work);

        // m_j = 50 * (j + 1): m7 400, m6 350, ..., m0 50.
        var top = await Board.TopAsync("g", 8);
        Assert.Equal(["m7", "m6", "m5", "m4", "m3", "m2", "m1", "m0"], Members(top));
        Assert.Equal([400L, 350, 300, 250, 200, 150, 100, 50], top.Select(r => r.Score));
        // A = 50 + 100 + 150 + 200 = 500 over 4 -> 125; B = 250 + 300 + 350 + 400 = 1300 over 4 -> 325.
        Assert.Equal(
            [new("B", 1300, 4, 325.0, 1), new("A", 500, 4, 125.0, 2)],
            await Board.TopUnitsAsync("g", UnitRanking.Total, 5));
    }
}
