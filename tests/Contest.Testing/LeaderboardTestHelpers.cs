using Contest.Engine.Leaderboards;

namespace Contest.Testing;

/// <summary>What tests ask of a leaderboard beyond what production does: how many are on a board, and clearing one.</summary>
public static class LeaderboardTestHelpers
{
    public static async Task<long> CountAsync(this ILeaderboard leaderboard, string board) =>
        (await leaderboard.TopAsync(board, int.MaxValue)).Count;

    /// <summary>Removes the board's keys, as if Redis had lost it.</summary>
    public static Task DeleteAsync(this RedisLeaderboard leaderboard, string board) => leaderboard.Db.KeyDeleteAsync(leaderboard.Keys(board));
}
