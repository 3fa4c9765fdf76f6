namespace Contest.Engine.Leaderboards;

/// <summary>
/// When a member or unit reached its current score, in UTC ticks. <see cref="Changed"/> is false while
/// only 0-point additions were seen: then the earliest one counts; once the score has changed, the latest
/// change counts. Both are order-independent, so two nodes adding the same points in different orders
/// end with the same ranking. RedisLeaderboard's Lua script applies the same rule.
/// </summary>
internal readonly record struct Achievement(long Ticks, bool Changed)
{
    public static Achievement First(long points, long ticks) => new(ticks, points != 0);

    public static Achievement Set(long ticks) => new(ticks, true);

    public Achievement After(long points, long ticks) =>
        points != 0
            ? new(Changed ? Math.Max(Ticks, ticks) : ticks, true)
            : Changed ? this : new(Math.Min(Ticks, ticks), false);
}
