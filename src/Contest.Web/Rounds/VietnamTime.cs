namespace Contest.Web.Rounds;

/// <summary>
/// Only the name the live-game code still calls (LiveResultsWorkbook, LiveGamesApi), kept while that code moves to
/// Orleans; the clock itself is <see cref="Engine.Time.VietnamTime"/>. Delete once those two call sites use it.
/// </summary>
public static class VietnamTime
{
    public static DateTimeOffset ToLocal(DateTimeOffset utc) => Engine.Time.VietnamTime.ToLocal(utc);
}
