namespace Contest.Engine.Leaderboards;

/// <summary>One row of a leaderboard. <see cref="Rank"/> is 1-based and unique: ties are already broken.</summary>
public sealed record LeaderboardEntry(string Member, long Score, long Rank);

/// <summary>
/// Ranked scores of live games and rounds, a copy for the screens: the system of record is the database, and every
/// board can be written again from it (scores are always set outright, so a rebuild beside new writes is safe).
/// Two implementations pass one contract suite: in-process (embedded mode) and Redis sorted sets (production).
/// Equal scores are ordered by who reached the score first (earlier <c>achievedAt</c> ranks higher), then by
/// member id as UTF-8 bytes (ordinal), so every node and every rebuild gives the same order.
/// Scores must stay within ±2^53 (<see cref="MaxScore"/>): Redis keeps them as doubles.
/// </summary>
public interface ILeaderboard
{
    /// <summary>Largest score magnitude both implementations keep exactly (2^53 - 1).</summary>
    public const long MaxScore = (1L << 53) - 1;

    /// <summary>Sets the member's score outright; the member reached it at <paramref name="achievedAt"/>.</summary>
    Task SetAsync(string board, string member, long score, DateTimeOffset achievedAt);

    Task<IReadOnlyList<LeaderboardEntry>> TopAsync(string board, int count);

    /// <summary>The member's rank and score, or null if not on the board.</summary>
    Task<LeaderboardEntry?> GetAsync(string board, string member);
}
