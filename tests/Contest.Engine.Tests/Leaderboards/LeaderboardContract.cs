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
    public async Task Set_then_Get_reads_the_score_and_rank()
    {
        await Board.SetAsync("g", "an", 3, At(1));
        await Board.SetAsync("g", "an", 5, At(3));
        Assert.Equal(new LeaderboardEntry("an", 5, 1), await Board.GetAsync("g", "an"));
        Assert.Null(await Board.GetAsync("g", "nobody"));
        Assert.Null(await Board.GetAsync("other", "an"));
    }

    [Fact]
    public async Task Equal_scores_rank_earlier_achievement_first_then_member_id()
    {
        await Board.SetAsync("g", "c", 10, At(1));
        await Board.SetAsync("g", "a", 10, At(1));
        await Board.SetAsync("g", "d", 20, At(5));
        await Board.SetAsync("g", "b", 10, At(0));

        // d has 20; of the 10s, b reached it at 0 s; a and c both at 1 s, so a before c by id.
        var top = await Board.TopAsync("g", 10);
        Assert.Equal(
            [new("d", 20, 1), new("b", 10, 2), new("a", 10, 3), new("c", 10, 4)],
            top);
    }

    [Fact]
    public async Task A_later_achievement_loses_the_tie_even_when_written_first()
    {
        await Board.SetAsync("g", "first-written", 5, At(2));
        await Board.SetAsync("g", "reached-earlier", 5, At(1));
        Assert.Equal(["reached-earlier", "first-written"], Members(await Board.TopAsync("g", 2)));
    }

    [Fact]
    public async Task Member_ids_order_as_utf8_bytes()
    {
        string[] ids = ["😀", "Ａ", "Đạt", "Zed", "An"];
        foreach (var id in ids) await Board.SetAsync("g", id, 1, At(1));
        // UTF-8 lead bytes: A 0x41 < Z 0x5A < Đ 0xC4 < Ａ (U+FF21) 0xEF < 😀 (U+1F600) 0xF0.
        // UTF-16 ordinal order would put 😀 (0xD83D) before Ａ (0xFF21); Redis and we do not.
        Assert.Equal(["An", "Zed", "Đạt", "Ａ", "😀"], Members(await Board.TopAsync("g", 10)));
    }

    [Fact]
    public async Task Get_gives_the_rank_among_all_members()
    {
        // m0..m9 with 100, 90, ..., 10 points: m_i has rank i + 1.
        for (var i = 0; i < 10; i++) await Board.SetAsync("g", $"m{i}", (10 - i) * 10, At(i));
        Assert.Equal(new LeaderboardEntry("m0", 100, 1), await Board.GetAsync("g", "m0"));
        Assert.Equal(new LeaderboardEntry("m7", 30, 8), await Board.GetAsync("g", "m7"));
        Assert.Equal(new LeaderboardEntry("m9", 10, 10), await Board.GetAsync("g", "m9"));
    }

    [Fact]
    public async Task Top_covers_what_is_on_the_board()
    {
        Assert.Empty(await Board.TopAsync("g", 5));
        await Board.SetAsync("g", "a", 1, At(1));
        await Board.SetAsync("g", "b", 2, At(1));
        await Board.SetAsync("g", "a", 2, At(2));
        // a was set twice: still 2 members.
        Assert.Equal(2, (await Board.TopAsync("g", 5)).Count);
        Assert.Empty(await Board.TopAsync("g", 0));
        // a = 2 reached at 2 s, b = 2 at 1 s: b first.
        Assert.Equal([new("b", 2, 1)], await Board.TopAsync("g", 1));
    }

    [Fact]
    public async Task Set_replaces_the_score_and_its_time()
    {
        await Board.SetAsync("g", "a", 10, At(1));
        await Board.SetAsync("g", "b", 3, At(2));
        await Board.SetAsync("g", "a", 3, At(3));
        await Board.SetAsync("g", "c", 4, At(9));
        // c 4; a and b 3, b reached it at 2 s, a at 3 s.
        Assert.Equal([new("c", 4, 1), new("b", 3, 2), new("a", 3, 3)], await Board.TopAsync("g", 10));
    }

    [Fact]
    public async Task Negative_and_very_large_scores_stay_exact()
    {
        await Board.SetAsync("g", "max", ILeaderboard.MaxScore, At(1));
        await Board.SetAsync("g", "low", -ILeaderboard.MaxScore, At(1));
        await Board.SetAsync("g", "zero", 0, At(1));
        // 2^53 - 1 = 9007199254740991: not rounded to 2^53 by the double score.
        Assert.Equal([new("max", 9007199254740991, 1), new("zero", 0, 2), new("low", -9007199254740991, 3)], await Board.TopAsync("g", 3));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Board.SetAsync("g", "x", ILeaderboard.MaxScore + 1, At(1)));
    }

    [Fact]
    public async Task Bad_arguments_are_refused_and_change_nothing()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Board.SetAsync("g", "", 1, At(1)));
        await Assert.ThrowsAsync<ArgumentException>(() => Board.SetAsync("", "a", 1, At(1)));
        await Assert.ThrowsAsync<ArgumentException>(() => Board.SetAsync("g", "a", 1, default));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Board.TopAsync("g", -1));
        await Assert.ThrowsAsync<ArgumentException>(() => Board.GetAsync("g", ""));
        Assert.Empty(await Board.TopAsync("g", 10));
    }

    [Fact]
    public async Task Parallel_sets_all_land()
    {
        // 400 members set in parallel, m_k with k points: all on the board, best first.
        await Task.WhenAll(Enumerable.Range(0, 400).Select(k => Task.Run(() => Board.SetAsync("g", $"m{k}", k, At(k)))));
        var top = await Board.TopAsync("g", 1000);
        Assert.Equal(400, top.Count);
        Assert.Equal(Enumerable.Range(0, 400).Reverse().Select(k => $"m{k}"), Members(top));
        Assert.Equal(new LeaderboardEntry("m0", 0, 400), await Board.GetAsync("g", "m0"));
    }
}
