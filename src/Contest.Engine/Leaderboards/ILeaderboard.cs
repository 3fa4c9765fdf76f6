namespace Contest.Engine.Leaderboards;

/// <summary>One row of a leaderboard. <see cref="Rank"/> is 1-based and unique: ties are already broken.</summary>
public sealed record LeaderboardEntry(string Member, long Score, long Rank);

/// <summary>
/// Ranked scores for live games, rounds and units. Two implementations pass one contract suite:
/// in-process (embedded mode) and Redis sorted sets (production). Equal scores are ordered by who
/// reached the score first (earlier <c>achievedAt</c> ranks higher), then by member id, so every node
/// and every rebuild gives the same order.
/// </summary>
/// <remarks>
/// When a member "reached" its score: the latest <c>achievedAt</c> of the calls that changed it
/// (non-zero points, or <c>SetAsync</c>); a member that only ever got 0 points reached 0 at its
/// earliest call. This makes the result independent of the order in which concurrent nodes deliver
/// the same additions. Member and unit ids compare as UTF-8 bytes (ordinal). Scores must stay within
/// ±2^53 (<see cref="MaxScore"/>): Redis keeps them as doubles.
/// </remarks>
public interface ILeaderboard
{
    /// <summary>Largest score magnitude both implementations keep exactly (2^53 - 1).</summary>
    public const long MaxScore = (1L << 53) - 1;

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

    /// <summary>Removes the board, its unit standings included.</summary>
    Task DeleteAsync(string board);

    /// <summary>
    /// Like <see cref="AddAsync(string, string, long, DateTimeOffset)"/>, and counts the member in
    /// <paramref name="unit"/> on the same board, atomically. A member's unit is fixed by its first
    /// appearance on the board; naming another unit later throws <see cref="InvalidOperationException"/>
    /// and changes nothing. The member overloads without a unit keep counting for the member's unit.
    /// </summary>
    Task<long> AddAsync(string board, string member, string unit, long points, DateTimeOffset achievedAt);

    /// <summary>Like <see cref="SetAsync(string, string, long, DateTimeOffset)"/>, counted in <paramref name="unit"/>.</summary>
    Task SetAsync(string board, string member, string unit, long score, DateTimeOffset achievedAt);

    /// <summary>Units ranked by the total or the average of their members' scores on the board.</summary>
    Task<IReadOnlyList<UnitLeaderboardEntry>> TopUnitsAsync(string board, UnitRanking ranking, int count);

    /// <summary>The unit's standing, or null if none of its members is on the board.</summary>
    Task<UnitLeaderboardEntry?> GetUnitAsync(string board, string unit, UnitRanking ranking);

    Task<long> CountUnitsAsync(string board);
}
