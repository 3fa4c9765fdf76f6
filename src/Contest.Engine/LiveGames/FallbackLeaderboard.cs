using Contest.Engine.Leaderboards;

namespace Contest.Engine.LiveGames;

/// <summary>Stand-in until the Leaderboards feature lands: the ILeaderboard contract in one lock. Delete at merge.</summary>
public sealed class FallbackLeaderboard : ILeaderboard
{
    private readonly Dictionary<string, Dictionary<string, (long Score, DateTimeOffset At)>> _boards = [];

    public Task<long> AddAsync(string board, string member, long points, DateTimeOffset achievedAt)
    {
        lock (_boards)
        {
            var b = Board(board);
            var score = (b.TryGetValue(member, out var e) ? e.Score : 0) + points;
            b[member] = (score, achievedAt);
            return Task.FromResult(score);
        }
    }

    public Task SetAsync(string board, string member, long score, DateTimeOffset achievedAt)
    {
        lock (_boards) Board(board)[member] = (score, achievedAt);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<LeaderboardEntry>> TopAsync(string board, int count) =>
        Task.FromResult<IReadOnlyList<LeaderboardEntry>>(Ranked(board).Take(count).ToList());

    public Task<LeaderboardEntry?> GetAsync(string board, string member) =>
        Task.FromResult(Ranked(board).FirstOrDefault(e => e.Member == member));

    public Task<IReadOnlyList<LeaderboardEntry>> AroundAsync(string board, string member, int radius)
    {
        var all = Ranked(board);
        var i = all.FindIndex(e => e.Member == member);
        return Task.FromResult<IReadOnlyList<LeaderboardEntry>>(i < 0 ? [] : all.Skip(Math.Max(0, i - radius)).Take(2 * radius + 1).ToList());
    }

    public Task<long> CountAsync(string board)
    {
        lock (_boards) return Task.FromResult((long)(_boards.TryGetValue(board, out var b) ? b.Count : 0));
    }

    public Task DeleteAsync(string board)
    {
        lock (_boards) _boards.Remove(board);
        return Task.CompletedTask;
    }

    private Dictionary<string, (long Score, DateTimeOffset At)> Board(string board) =>
        _boards.TryGetValue(board, out var b) ? b : _boards[board] = [];

    private List<LeaderboardEntry> Ranked(string board)
    {
        lock (_boards)
        {
            if (!_boards.TryGetValue(board, out var b)) return [];
            return b.OrderByDescending(e => e.Value.Score).ThenBy(e => e.Value.At).ThenBy(e => e.Key, StringComparer.Ordinal)
                .Select((e, i) => new LeaderboardEntry(e.Key, e.Value.Score, i + 1)).ToList();
        }
    }
}
