namespace Contest.Engine.Time;

/// <summary>
/// Vietnam's clock, the one every page, form and export shows: instants are stored in UTC and shown, typed and
/// exported as Vietnam wall-clock time (UTC+7, no daylight saving since 1975).
/// </summary>
public static class VietnamTime
{
    /// <summary>
    /// The IANA zone when the machine has it. Slim container images ship without tzdata, where the lookup throws;
    /// Vietnam has kept +07:00 without daylight saving since 1975, so a fixed zone gives the same times there
    /// rather than failing every page that shows one.
    /// </summary>
    public static readonly TimeZoneInfo Zone = Find();

    public static DateTimeOffset ToLocal(DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, Zone);

    public static string Format(DateTimeOffset utc) => ToLocal(utc).ToString("dd/MM/yyyy HH:mm");

    /// <summary>The value of an &lt;input type="datetime-local"&gt;.</summary>
    public static string Input(DateTimeOffset? utc) => utc is { } u ? ToLocal(u).ToString("yyyy-MM-ddTHH:mm") : "";

    /// <summary>Today's date in Vietnam, whatever the server's own time zone.</summary>
    public static DateTime Today(TimeProvider? time = null) => ToLocal((time ?? TimeProvider.System).GetUtcNow()).Date;

    /// <summary>A Vietnam wall-clock time (as typed in a form) as an instant.</summary>
    public static DateTimeOffset FromLocal(DateTime local) =>
        new(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Zone.GetUtcOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified)));

    private static TimeZoneInfo Find()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh"); }
        catch (TimeZoneNotFoundException) { return TimeZoneInfo.CreateCustomTimeZone("Asia/Ho_Chi_Minh", TimeSpan.FromHours(7), "Indochina Time", "ICT"); }
    }
}
