namespace Contest.Engine.Leaderboards;

/// <summary>
/// The Lua scripts behind <see cref="RedisLeaderboard"/>. Each runs atomically on the server, so a member's old
/// row is never seen beside its new one.
///
/// Keys (both share the hash tag {board}, so they sit in one Redis Cluster slot): KEYS[1] members zset,
/// KEYS[2] member states hash.
///
/// Encoding: zset score = -score (ascending order is best first, so equal scores fall back to Redis's bytewise
/// member order, which is ascending); zset member = 19 decimal digits of the UTC ticks of the achievement, then
/// the id. Equal scores therefore order by earlier achievement, then by id. State: member -> 'c' .. ticks(19),
/// the layout earlier versions wrote (with a flag and a unit after the ticks), so boards written before an
/// upgrade read the same and a node of either version can update them during a rolling deploy.
/// </summary>
internal static class RedisLeaderboardScripts
{
    /// <summary>ARGV: member, score, ticks. Replaces the member's row.</summary>
    public const string Set = """
        local member = ARGV[1]
        local state = redis.call('HGET', KEYS[2], member)
        if state then redis.call('ZREM', KEYS[1], string.sub(state, 2, 20) .. member) end
        redis.call('ZADD', KEYS[1], -tonumber(ARGV[2]), ARGV[3] .. member)
        redis.call('HSET', KEYS[2], member, 'c' .. ARGV[3])
        return 1
        """;

    /// <summary>ARGV: member. Returns {} or {0-based index, -score}.</summary>
    public const string Get = """
        local state = redis.call('HGET', KEYS[2], ARGV[1])
        if not state then return {} end
        local element = string.sub(state, 2, 20) .. ARGV[1]
        return {redis.call('ZRANK', KEYS[1], element), redis.call('ZSCORE', KEYS[1], element)}
        """;
}
