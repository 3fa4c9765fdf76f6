namespace Contest.Engine.Leaderboards;

/// <summary>One row of a leaderboard. <see cref="Rank"/> is 1-based and unique: ties are already broken.</summary>
public sealed record LeaderboardEntry(string Member, long Score, long Rank);

/// <summary>
/// Ranked scores for live games, rounds and units. Two implementations pass one contract suite:
/// in-process (embedded mode) and Redis sorted sets (production). Equal scores are ordered by who
/// reached the score first (earlier <c>achievedAt</c> ranks higher), then by member id, so every node
/// and every rebuild gives the same order.
/// </summary>
public interface ILeaderboard
{
    /// <summary>Adds <paramref name="points"/> (may be 0) to the member's score; the member reached its new score at <paramref name="achievedAt"/>.</summary>
    Task<long> AddAsync(string board, string member, long points, DateTimeOffset achievedAt);

    /// <summary>Sets the member's score outright (rebuilds, rounds whose score is final).</summary>
    Task SetAsync(string board, string member, long score, DateTimeOffset achievedAt);

    Task<IReadOnlyList<LeaderboardEntry>> TopAsync(string board, int count);

    /// <summary>The member's rank and score, or null if not on the board.</summary>
    Task<LeaderboardEntry?> GetAsync(string board, string member);

    /// <summary>The member and up to <paramref name="radius"/> entries above and below it.</summary>
    Task<IReadOnlyList<LeaderboardEntry>> AroundAsync(string board, string member, int radius);

    Task<long> CountAsync(string board);

    Task DeleteAsync(string board);
}
