using System.Collections.Concurrent;

namespace Contest.Engine.Leaderboards;

/// <summary>
/// The embedded-mode leaderboard: per board, a dictionary of standings and size-counting sorted trees
/// (members, units by total, units by average), so updates and rank queries are O(log n). One lock per
/// board: updates to different boards never wait for each other, and a reader never sees a member
/// between its old and its new position.
/// </summary>
public sealed class InMemoryLeaderboard : ILeaderboard
{
    private readonly ConcurrentDictionary<string, Board> _boards = new(StringComparer.Ordinal);

    public Task<long> AddAsync(string board, string member, long points, DateTimeOffset achievedAt) =>
        Task.FromResult(Update(board, member, null, points, achievedAt, set: false));

    public Task<long> AddAsync(string board, string member, string unit, long points, DateTimeOffset achievedAt)
    {
        LeaderboardArgs.Id(unit, nameof(unit));
        return Task.FromResult(Update(board, member, unit, points, achievedAt, set: false));
    }

    public Task SetAsync(string board, string member, long score, DateTimeOffset achievedAt)
    {
        Update(board, member, null, score, achievedAt, set: true);
        return Task.CompletedTask;
    }

    public Task SetAsync(string board, string member, string unit, long score, DateTimeOffset achievedAt)
    {
        LeaderboardArgs.Id(unit, nameof(unit));
        Update(board, member, unit, score, achievedAt, set: true);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<LeaderboardEntry>> TopAsync(string board, int count)
    {
        LeaderboardArgs.Id(board, nameof(board));
        LeaderboardArgs.NotNegative(count, nameof(count));
        if (count == 0 || !_boards.TryGetValue(board, out var b)) return Task.FromResult<IReadOnlyList<LeaderboardEntry>>([]);
        lock (b) return Task.FromResult(Rows(b.Members.Range(0, count - 1), 0));
    }

    public Task<LeaderboardEntry?> GetAsync(string board, string member)
    {
        LeaderboardArgs.Id(board, nameof(board));
        LeaderboardArgs.Id(member, nameof(member));
        if (!_boards.TryGetValue(board, out var b)) return Task.FromResult<LeaderboardEntry?>(null);
        lock (b)
        {
            if (!b.Standings.TryGetValue(member, out var s)) return Task.FromResult<LeaderboardEntry?>(null);
            return Task.FromResult<LeaderboardEntry?>(new LeaderboardEntry(member, s.Score, b.Members.IndexOf(s.Key) + 1));
        }
    }

    public Task<IReadOnlyList<LeaderboardEntry>> AroundAsync(string board, string member, int radius)
    {
        LeaderboardArgs.Id(board, nameof(board));
        LeaderboardArgs.Id(member, nameof(member));
        LeaderboardArgs.NotNegative(radius, nameof(radius));
        if (!_boards.TryGetValue(board, out var b)) return Task.FromResult<IReadOnlyList<LeaderboardEntry>>([]);
        lock (b)
        {
            if (!b.Standings.TryGetValue(member, out var s)) return Task.FromResult<IReadOnlyList<LeaderboardEntry>>([]);
            var index = b.Members.IndexOf(s.Key);
            var from = Math.Max(0, index - radius);
            return Task.FromResult(Rows(b.Members.Range(from, (int)Math.Min(int.MaxValue, (long)index + radius)), from));
        }
    }

    public Task<long> CountAsync(string board)
    {
        LeaderboardArgs.Id(board, nameof(board));
        if (!_boards.TryGetValue(board, out var b)) return Task.FromResult(0L);
        lock (b) return Task.FromResult((long)b.Members.Count);
    }

    public Task DeleteAsync(string board)
    {
        LeaderboardArgs.Id(board, nameof(board));
        _boards.TryRemove(board, out _);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<UnitLeaderboardEntry>> TopUnitsAsync(string board, UnitRanking ranking, int count)
    {
        LeaderboardArgs.Id(board, nameof(board));
        LeaderboardArgs.NotNegative(count, nameof(count));
        if (count == 0 || !_boards.TryGetValue(board, out var b)) return Task.FromResult<IReadOnlyList<UnitLeaderboardEntry>>([]);
        lock (b)
        {
            var keys = b.UnitTree(ranking).Range(0, count - 1);
            return Task.FromResult<IReadOnlyList<UnitLeaderboardEntry>>(keys.Select((k, i) => UnitRow(b.Units[k.Id], k.Id, i + 1)).ToList());
        }
    }

    public Task<UnitLeaderboardEntry?> GetUnitAsync(string board, string unit, UnitRanking ranking)
    {
        LeaderboardArgs.Id(board, nameof(board));
        LeaderboardArgs.Id(unit, nameof(unit));
        if (!_boards.TryGetValue(board, out var b)) return Task.FromResult<UnitLeaderboardEntry?>(null);
        lock (b)
        {
            if (!b.Units.TryGetValue(unit, out var u)) return Task.FromResult<UnitLeaderboardEntry?>(null);
            var key = ranking == UnitRanking.Total ? u.TotalKey : u.AverageKey;
            return Task.FromResult<UnitLeaderboardEntry?>(UnitRow(u, unit, b.UnitTree(ranking).IndexOf(key) + 1));
        }
    }

    public Task<long> CountUnitsAsync(string board)
    {
        LeaderboardArgs.Id(board, nameof(board));
        if (!_boards.TryGetValue(board, out var b)) return Task.FromResult(0L);
        lock (b) return Task.FromResult((long)b.Units.Count);
    }

    private long Update(string board, string member, string? unit, long points, DateTimeOffset at, bool set)
    {
        LeaderboardArgs.Id(board, nameof(board));
        LeaderboardArgs.Id(member, nameof(member));
        LeaderboardArgs.Score(points, set ? "score" : nameof(points));
        LeaderboardArgs.Time(at, "achievedAt");
        var ticks = at.UtcTicks;
        while (true)
        {
            var b = _boards.GetOrAdd(board, _ => new Board());
            lock (b)
            {
                // A board deleted while we waited for its lock is gone: start again on the new one.
                if (!_boards.TryGetValue(board, out var current) || current != b) continue;

                long oldScore = 0;
                bool joined;
                if (b.Standings.TryGetValue(member, out var s))
                {
                    if (unit is not null && unit != s.Unit) throw LeaderboardArgs.UnitConflict(board, member, s.Unit, unit);
                    joined = false;
                    oldScore = s.Score;
                    b.Members.Remove(s.Key);
                    s.Score = set ? points : s.Score + points;
                    s.At = set ? Achievement.Set(ticks) : s.At.After(points, ticks);
                }
                else
                {
                    joined = true;
                    s = new Standing(unit) { Score = points, At = set ? Achievement.Set(ticks) : Achievement.First(points, ticks) };
                    b.Standings.Add(member, s);
                }
                s.Key = new RankKey(-(double)s.Score, s.At.Ticks, member);
                b.Members.Add(s.Key);
                if (s.Unit is not null) b.CountInUnit(s.Unit, s.Score - oldScore, ticks, joined);
                return s.Score;
            }
        }
    }

    private static IReadOnlyList<LeaderboardEntry> Rows(List<RankKey> keys, int firstIndex) =>
        keys.Select((k, i) => new LeaderboardEntry(k.Id, (long)-k.NegatedScore, firstIndex + i + 1)).ToList();

    private static UnitLeaderboardEntry UnitRow(UnitStanding u, string unit, long rank) =>
        new(unit, u.Total, u.Members, u.Average, rank);

    private sealed class Standing(string? unit)
    {
        public readonly string? Unit = unit;
        public long Score;
        public Achievement At;
        public RankKey Key;
    }

    private sealed class UnitStanding
    {
        public long Total;
        public int Members;
        public Achievement At;
        public RankKey TotalKey, AverageKey;

        // Same IEEE division as the Redis script's total / members, so both rank averages identically.
        public double Average => (double)Total / Members;
    }

    private sealed class Board
    {
        public readonly Dictionary<string, Standing> Standings = new(StringComparer.Ordinal);
        public readonly RankedSet<RankKey> Members = new(RankKey.Comparer);
        public readonly Dictionary<string, UnitStanding> Units = new(StringComparer.Ordinal);
        private readonly RankedSet<RankKey> _unitTotals = new(RankKey.Comparer);
        private readonly RankedSet<RankKey> _unitAverages = new(RankKey.Comparer);

        public RankedSet<RankKey> UnitTree(UnitRanking ranking) => ranking == UnitRanking.Total ? _unitTotals : _unitAverages;

        /// <summary>A unit's score changes like a member's would if it received every one of its members' additions.</summary>
        public void CountInUnit(string unit, long delta, long ticks, bool joined)
        {
            if (Units.TryGetValue(unit, out var u))
            {
                _unitTotals.Remove(u.TotalKey);
                _unitAverages.Remove(u.AverageKey);
                u.At = u.At.After(delta, ticks);
            }
            else
            {
                u = new UnitStanding { At = Achievement.First(delta, ticks) };
                Units.Add(unit, u);
            }
            u.Total += delta;
            if (joined) u.Members++;
            u.TotalKey = new RankKey(-(double)u.Total, u.At.Ticks, unit);
            u.AverageKey = new RankKey(-u.Average, u.At.Ticks, unit);
            _unitTotals.Add(u.TotalKey);
            _unitAverages.Add(u.AverageKey);
        }
    }
}
