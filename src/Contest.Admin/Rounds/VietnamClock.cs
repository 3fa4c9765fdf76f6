namespace Contest.Admin.Rounds;

/// <summary>Round times are stored in UTC and edited and shown in Vietnam's time (UTC+7, no daylight saving).</summary>
public static class VietnamClock
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    public static string Format(DateTimeOffset utc) => utc.ToOffset(Offset).ToString("dd/MM/yyyy HH:mm");

    /// <summary>The value of an &lt;input type="datetime-local"&gt;.</summary>
    public static string Input(DateTimeOffset? utc) => utc?.ToOffset(Offset).ToString("yyyy-MM-ddTHH:mm") ?? "";

    /// <summary>Today's date in Vietnam, whatever the server's own time zone.</summary>
    public static DateTime Today() => DateTimeOffset.UtcNow.ToOffset(Offset).Date;

    public static DateTimeOffset FromInput(DateTime local) => new(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Offset);
}
