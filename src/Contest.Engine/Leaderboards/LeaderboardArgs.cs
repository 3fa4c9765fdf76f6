namespace Contest.Engine.Leaderboards;

/// <summary>Argument checks shared by both implementations, so bad input fails the same way and changes nothing.</summary>
internal static class LeaderboardArgs
{
    public static void Id(string value, string name)
    {
        ArgumentNullException.ThrowIfNull(value, name);
        if (value.Length == 0) throw new ArgumentException("Must not be empty.", name);
    }

    public static void Score(long value, string name)
    {
        if (value is > ILeaderboard.MaxScore or < -ILeaderboard.MaxScore)
            throw new ArgumentOutOfRangeException(name, value, "Scores are kept exactly only within ±2^53.");
    }

    public static void Time(DateTimeOffset value, string name)
    {
        // 19 decimal digits of UTC ticks are the Redis tie-break prefix; DateTimeOffset ticks are never negative.
        if (value == default) throw new ArgumentException("An achievement time is required.", name);
    }

    public static void NotNegative(int value, string name) => ArgumentOutOfRangeException.ThrowIfNegative(value, name);
}
