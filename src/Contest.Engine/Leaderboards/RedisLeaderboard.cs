using System.Globalization;
using StackExchange.Redis;

namespace Contest.Engine.Leaderboards;

/// <summary>
/// Leaderboards in Redis sorted sets, shared by every web node. Ties are encoded in the sorted-set
/// member, not the score: score = -points and member = 19-digit UTC ticks of the achievement + id, so
/// Redis's own order (score, then bytes of the member) is best score, earliest achievement, smallest id;
/// the full ±2^53 score range stays exact. A hash keeps each member's current sorted-set member so an
/// update can find and replace it; updates run as Lua scripts (see <see cref="RedisLeaderboardScripts"/>),
/// O(log n) each.
/// </summary>
public sealed class RedisLeaderboard(IConnectionMultiplexer redis, string keyPrefix = RedisLeaderboard.DefaultPrefix) : ILeaderboard
{
    public const string DefaultPrefix = "contest:";

    // Length of the tie-break prefix in every sorted-set member: DateTimeOffset.MaxValue.UtcTicks has 19 digits.
    private const int TicksLength = 19;

    internal IDatabase Db => redis.GetDatabase();

    public async Task SetAsync(string board, string member, long score, DateTimeOffset achievedAt)
    {
        LeaderboardArgs.Id(board, nameof(board));
        LeaderboardArgs.Id(member, nameof(member));
        LeaderboardArgs.Score(score, nameof(score));
        LeaderboardArgs.Time(achievedAt, nameof(achievedAt));
        await Db.ScriptEvaluateAsync(RedisLeaderboardScripts.Set, Keys(board),
            [member, score, achievedAt.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)]);
    }

    public async Task<IReadOnlyList<LeaderboardEntry>> TopAsync(string board, int count)
    {
        LeaderboardArgs.Id(board, nameof(board));
        LeaderboardArgs.NotNegative(count, nameof(count));
        if (count == 0) return [];
        var rows = await Db.SortedSetRangeByRankWithScoresAsync(Keys(board)[0], 0, count - 1);
        return rows.Select((r, i) => new LeaderboardEntry(IdOf(r.Element), ScoreOf(r.Score), i + 1)).ToList();
    }

    public async Task<LeaderboardEntry?> GetAsync(string board, string member)
    {
        LeaderboardArgs.Id(board, nameof(board));
        LeaderboardArgs.Id(member, nameof(member));
        var result = (RedisResult[])(await Db.ScriptEvaluateAsync(RedisLeaderboardScripts.Get, Keys(board), [member]))!;
        return result.Length == 0 ? null : new LeaderboardEntry(member, ScoreOf((double)result[1]), (long)result[0] + 1);
    }

    /// <summary>
    /// prefix + "lb:{" + board + "}" + one letter: m members, s member states. The board is the hash tag, so a
    /// board's keys share a Redis Cluster slot (the scripts touch them together); the letter keeps names injective.
    /// </summary>
    internal RedisKey[] Keys(string board) => [$"{keyPrefix}lb:{{{board}}}m", $"{keyPrefix}lb:{{{board}}}s"];

    private static string IdOf(RedisValue element) => ((string)element!)[TicksLength..];

    // Scores are stored negated; adding 0.0 turns Redis's "-0" into 0.
    private static long ScoreOf(double stored) => (long)(-stored + 0.0);
}
