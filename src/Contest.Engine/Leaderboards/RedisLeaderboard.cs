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

    private IDatabase Db => redis.GetDatabase();

    public Task<long> AddAsync(string board, string member, long points, DateTimeOffset achievedAt) =>
        UpdateAsync(board, member, null, points, achievedAt, set: false);

    public Task<long> AddAsync(string board, string member, string unit, long points, DateTimeOffset achievedAt)
    {
        LeaderboardArgs.Id(unit, nameof(unit));
        return UpdateAsync(board, member, unit, points, achievedAt, set: false);
    }

    public Task SetAsync(string board, string member, long score, DateTimeOffset achievedAt) =>
        UpdateAsync(board, member, null, score, achievedAt, set: true);

    public Task SetAsync(string board, string member, string unit, long score, DateTimeOffset achievedAt)
    {
        LeaderboardArgs.Id(unit, nameof(unit));
        return UpdateAsync(board, member, unit, score, achievedAt, set: true);
    }

    public async Task<IReadOnlyList<LeaderboardEntry>> TopAsync(string board, int count)
    {
        LeaderboardArgs.Id(board, nameof(board));
        LeaderboardArgs.NotNegative(count, nameof(count));
        if (count == 0) return [];
        var rows = await Db.SortedSetRangeByRankWithScoresAsync(Key(board, 'm'), 0, count - 1);
        return rows.Select((r, i) => new LeaderboardEntry(IdOf(r.Element), ScoreOf(r.Score), i + 1)).ToList();
    }

    public async Task<LeaderboardEntry?> GetAsync(string board, string member)
    {
        var rows = await AroundCoreAsync(board, member, -1);
        return rows.Count == 0 ? null : rows[0];
    }

    public Task<IReadOnlyList<LeaderboardEntry>> AroundAsync(string board, string member, int radius)
    {
        LeaderboardArgs.NotNegative(radius, nameof(radius));
        return AroundCoreAsync(board, member, radius);
    }

    public Task<long> CountAsync(string board)
    {
        LeaderboardArgs.Id(board, nameof(board));
        return Db.SortedSetLengthAsync(Key(board, 'm'));
    }

    public Task DeleteAsync(string board)
    {
        LeaderboardArgs.Id(board, nameof(board));
        return Db.KeyDeleteAsync([Key(board, 'm'), Key(board, 's'), Key(board, 't'), Key(board, 'a'), Key(board, 'u')]);
    }

    public async Task<IReadOnlyList<UnitLeaderboardEntry>> TopUnitsAsync(string board, UnitRanking ranking, int count)
    {
        LeaderboardArgs.Id(board, nameof(board));
        LeaderboardArgs.NotNegative(count, nameof(count));
        if (count == 0) return [];
        return await UnitsAsync(board, ranking, "top", count.ToString(CultureInfo.InvariantCulture));
    }

    public async Task<UnitLeaderboardEntry?> GetUnitAsync(string board, string unit, UnitRanking ranking)
    {
        LeaderboardArgs.Id(board, nameof(board));
        LeaderboardArgs.Id(unit, nameof(unit));
        var rows = await UnitsAsync(board, ranking, "get", unit);
        return rows.Count == 0 ? null : rows[0];
    }

    public Task<long> CountUnitsAsync(string board)
    {
        LeaderboardArgs.Id(board, nameof(board));
        return Db.SortedSetLengthAsync(Key(board, 't'));
    }

    private async Task<long> UpdateAsync(string board, string member, string? unit, long points, DateTimeOffset at, bool set)
    {
        LeaderboardArgs.Id(board, nameof(board));
        LeaderboardArgs.Id(member, nameof(member));
        LeaderboardArgs.Score(points, set ? "score" : nameof(points));
        LeaderboardArgs.Time(at, "achievedAt");
        var result = (RedisResult[])(await Db.ScriptEvaluateAsync(RedisLeaderboardScripts.Update,
            [Key(board, 'm'), Key(board, 's'), Key(board, 't'), Key(board, 'a'), Key(board, 'u')],
            [member, unit ?? "", points, Ticks(at), set ? "set" : "add"]))!;
        if ((long)result[0] == 0)
        {
            var stored = (string)result[1]!;
            throw LeaderboardArgs.UnitConflict(board, member, stored.Length == 0 ? null : stored, unit);
        }
        return (long)result[1];
    }

    private async Task<IReadOnlyList<LeaderboardEntry>> AroundCoreAsync(string board, string member, int radius)
    {
        LeaderboardArgs.Id(board, nameof(board));
        LeaderboardArgs.Id(member, nameof(member));
        var result = (RedisResult[])(await Db.ScriptEvaluateAsync(RedisLeaderboardScripts.Around,
            [Key(board, 'm'), Key(board, 's')], [member, radius]))!;
        if (result.Length == 0) return [];
        var first = (long)result[0];
        var rows = new List<LeaderboardEntry>((result.Length - 1) / 2);
        for (var i = 1; i + 1 < result.Length; i += 2)
            rows.Add(new LeaderboardEntry(IdOf((string)result[i]!), ScoreOf((double)result[i + 1]), first + rows.Count + 1));
        return rows;
    }

    private async Task<IReadOnlyList<UnitLeaderboardEntry>> UnitsAsync(string board, UnitRanking ranking, string mode, string arg)
    {
        var ranked = Key(board, ranking == UnitRanking.Total ? 't' : 'a');
        var result = (RedisResult[])(await Db.ScriptEvaluateAsync(RedisLeaderboardScripts.Units,
            [ranked, Key(board, 't'), Key(board, 'u')], [mode, arg]))!;
        if (result.Length == 0) return [];
        var first = (long)result[0];
        var rows = new List<UnitLeaderboardEntry>((result.Length - 1) / 3);
        for (var i = 1; i + 2 < result.Length; i += 3)
        {
            var total = ScoreOf((double)result[i + 1]);
            var members = int.Parse((string)result[i + 2]!, CultureInfo.InvariantCulture);
            rows.Add(new UnitLeaderboardEntry(IdOf((string)result[i]!), total, members, (double)total / members, first + rows.Count + 1));
        }
        return rows;
    }

    /// <summary>
    /// prefix + "lb:{" + board + "}" + one letter. The board is the hash tag, so a board's five keys share a
    /// Redis Cluster slot (the scripts touch them together); the trailing letter keeps the names injective.
    /// m members, s member states, t unit totals, a unit averages, u unit states.
    /// </summary>
    private RedisKey Key(string board, char kind) => $"{keyPrefix}lb:{{{board}}}{kind}";

    private static string Ticks(DateTimeOffset at) => at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);

    private static string IdOf(RedisValue element) => ((string)element!)[TicksLength..];

    // Scores are stored negated; adding 0.0 turns Redis's "-0" into 0.
    private static long ScoreOf(double stored) => (long)(-stored + 0.0);
}
