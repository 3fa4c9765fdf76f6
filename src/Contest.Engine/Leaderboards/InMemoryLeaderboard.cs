using System.Collections.Concurrent;

namespace Contest.Engine.Leaderboards;

/// <summary>
/// The embedded-mode leaderboard: per board, a dictionary of standings and a size-counting sorted tree, so
/// updates and rank queries are O(log n). One lock per board: updates to different boards never wait for each
/// other, and a reader never sees a member between its old and its new position.
/// </summary>
public sealed class InMemoryLeaderboard : ILeaderboard
{
    private readonly ConcurrentDictionary<string, Board> _boards = new(StringComparer.Ordinal);

    public Task SetAsync(string board, string member, long score, DateTimeOffset achievedAt)
    {
        LeaderboardArgs.Id(board, nameof(board));
        LeaderboardArgs.Id(member, nameof(member));
        LeaderboardArgs.Score(score, nameof(score));
        LeaderboardArgs.Time(achievedAt, nameof(achievedAt));
        var b = _boards.GetOrAdd(board, _ => new Board());
        lock (b)
        {
            if (b.Standings.TryGetValue(member, out var old)) b.Members.Remove(old.Key);
            var key = new RankKey(-(double)score, achievedAt.UtcTicks, member);
            b.Standings[member] = new Standing(score, key);
            b.Members.Add(key);
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<LeaderboardEntry>> TopAsync(string board, int count)
    {
        LeaderboardArgs.Id(board, nameof(board));
        LeaderboardArgs.NotNegative(count, nameof(count));
        if (count == 0 || !_boards.TryGetValue(board, out var b)) return Task.FromResult<IReadOnlyList<LeaderboardEntry>>([]);
        lock (b)
        {
            IReadOnlyList<LeaderboardEntry> rows = b.Members.Range(0, count - 1).Select((k, i) => new LeaderboardEntry(k.Id, (long)-k.NegatedScore, i + 1)).ToList();
            return Task.FromResult(rows);
        }
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

    private sealed record Standing(long Score, RankKey Key);

    private sealed class Board
    {
        public readonly Dictionary<string, Standing> Standings = new(StringComparer.Ordinal);
        public readonly RankedSet<RankKey> Members = new(RankKey.Comparer);
    }
}
