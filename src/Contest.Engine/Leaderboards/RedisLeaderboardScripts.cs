namespace Contest.Engine.Leaderboards;

/// <summary>
/// The Lua scripts behind <see cref="RedisLeaderboard"/>. Each runs atomically on the server, so a
/// member's old row is never seen beside its new one, two nodes adding points at once both count, and
/// the unit rows move in the same step as the member's.
///
/// Keys (all share the hash tag {board}, so they sit in one Redis Cluster slot):
/// KEYS[1] members zset, KEYS[2] member states hash, KEYS[3] unit totals zset, KEYS[4] unit averages zset,
/// KEYS[5] unit states hash.
///
/// Encoding: zset score = -score (ascending order is best first, so equal scores fall back to Redis's
/// bytewise member order, which is ascending); zset member = 19 decimal digits of the UTC ticks of the
/// achievement, then the id. Equal scores therefore order by earlier achievement, then by id.
/// States: member -> flag .. ticks(19) .. unit id ("" for none); unit -> flag .. ticks(19) .. member count.
/// flag 'c' = the score has changed (latest change counts), 'z' = only 0-point additions (earliest counts);
/// this is Achievement.cs's rule. Ticks are compared as fixed-width digit strings: Lua numbers are doubles
/// and cannot hold 19 digits exactly.
/// </summary>
internal static class RedisLeaderboardScripts
{
    private const string Advance = """
        local function advance(flag, old, points, at)
          if flag == nil then
            if points ~= 0 then return 'c', at end
            return 'z', at
          end
          if points ~= 0 then
            if flag == 'z' or at > old then return 'c', at end
            return 'c', old
          end
          if flag == 'z' and at < old then return 'z', at end
          return flag, old
        end
        """;

    /// <summary>ARGV: member, unit ('' = whatever it has), points, ticks, 'add' | 'set'. Returns {1, score} or {0, stored unit}.</summary>
    public const string Update = Advance + """

        local member, unit, points, at, set = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4], ARGV[5] == 'set'
        local state = redis.call('HGET', KEYS[2], member)
        local old, flag, oldAt, memberUnit = 0, nil, nil, unit
        if state then
          flag, oldAt, memberUnit = string.sub(state, 1, 1), string.sub(state, 2, 20), string.sub(state, 21)
          if unit ~= '' and unit ~= memberUnit then return {0, memberUnit} end
          old = -tonumber(redis.call('ZSCORE', KEYS[1], oldAt .. member))
          redis.call('ZREM', KEYS[1], oldAt .. member)
        end
        local score, newFlag, newAt
        if set then
          score, newFlag, newAt = points, 'c', at
        else
          score = old + points
          newFlag, newAt = advance(flag, oldAt, points, at)
        end
        redis.call('ZADD', KEYS[1], -score, newAt .. member)
        redis.call('HSET', KEYS[2], member, newFlag .. newAt .. memberUnit)
        if memberUnit ~= '' then
          local delta = score - old
          local ustate = redis.call('HGET', KEYS[5], memberUnit)
          local total, count, uflag, uat = 0, 0, nil, nil
          if ustate then
            uflag, uat, count = string.sub(ustate, 1, 1), string.sub(ustate, 2, 20), tonumber(string.sub(ustate, 21))
            total = -tonumber(redis.call('ZSCORE', KEYS[3], uat .. memberUnit))
            redis.call('ZREM', KEYS[3], uat .. memberUnit)
            redis.call('ZREM', KEYS[4], uat .. memberUnit)
          end
          if not state then count = count + 1 end
          total = total + delta
          uflag, uat = advance(uflag, uat, delta, at)
          redis.call('ZADD', KEYS[3], -total, uat .. memberUnit)
          redis.call('ZADD', KEYS[4], -(total / count), uat .. memberUnit)
          redis.call('HSET', KEYS[5], memberUnit, uflag .. uat .. count)
        end
        return {1, score}
        """;

    /// <summary>ARGV: member, radius (-1 = just the member). Returns {} or {first index, element, -score, element, -score, ...}.</summary>
    public const string Around = """
        local state = redis.call('HGET', KEYS[2], ARGV[1])
        if not state then return {} end
        local element = string.sub(state, 2, 20) .. ARGV[1]
        local index = redis.call('ZRANK', KEYS[1], element)
        local radius = tonumber(ARGV[2])
        if radius < 0 then return {index, element, redis.call('ZSCORE', KEYS[1], element)} end
        local from = math.max(0, index - radius)
        local rows = redis.call('ZRANGE', KEYS[1], from, index + radius, 'WITHSCORES')
        table.insert(rows, 1, from)
        return rows
        """;

    /// <summary>
    /// KEYS[1] the ranking zset (totals or averages), KEYS[2] unit totals, KEYS[3] unit states.
    /// ARGV: 'top' and count, or 'get' and unit. Returns {first index, element, total, members, ...}.
    /// </summary>
    public const string Units = """
        local elements, from
        if ARGV[1] == 'top' then
          from = 0
          elements = redis.call('ZRANGE', KEYS[1], 0, tonumber(ARGV[2]) - 1)
        else
          local state = redis.call('HGET', KEYS[3], ARGV[2])
          if not state then return {} end
          elements = {string.sub(state, 2, 20) .. ARGV[2]}
          from = redis.call('ZRANK', KEYS[1], elements[1])
        end
        local rows = {from}
        for _, element in ipairs(elements) do
          local state = redis.call('HGET', KEYS[3], string.sub(element, 20))
          table.insert(rows, element)
          table.insert(rows, redis.call('ZSCORE', KEYS[2], element))
          table.insert(rows, string.sub(state, 21))
        end
        return rows
        """;
}
