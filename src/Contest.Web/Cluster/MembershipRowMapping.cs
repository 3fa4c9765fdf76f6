using System.Globalization;
using Contest.Engine.Cluster;
using Orleans.Runtime;

namespace Contest.Web.Cluster;

/// <summary>Between Orleans' <see cref="MembershipEntry"/> and the engine's plain <see cref="ClusterMemberRow"/>.</summary>
internal static class MembershipRowMapping
{
    // Parsable silo addresses contain ':', '@' and brackets, never these two.
    private const char VoteSeparator = '|';
    private const char FieldSeparator = ',';

    public static void Write(MembershipEntry e, ClusterMemberRow row)
    {
        row.Status = (int)e.Status;
        row.ProxyPort = e.ProxyPort;
        row.HostName = e.HostName ?? "";
        row.SiloName = e.SiloName ?? "";
        row.RoleName = e.RoleName;
        row.UpdateZone = e.UpdateZone;
        row.FaultZone = e.FaultZone;
        row.SuspectTimes = WriteVotes(e.SuspectTimes);
        row.StartTime = Utc(e.StartTime);
        row.IAmAliveTime = Utc(e.IAmAliveTime);
    }

    public static MembershipEntry Read(ClusterMemberRow row) => new()
    {
        SiloAddress = SiloAddress.FromParsableString(row.Silo),
        Status = (SiloStatus)row.Status,
        ProxyPort = row.ProxyPort,
        HostName = row.HostName,
        SiloName = row.SiloName,
        RoleName = row.RoleName,
        UpdateZone = row.UpdateZone,
        FaultZone = row.FaultZone,
        SuspectTimes = ReadVotes(row.SuspectTimes),
        StartTime = Utc(row.StartTime),
        IAmAliveTime = Utc(row.IAmAliveTime),
    };

    /// <summary>
    /// Orleans stamps its times with UtcNow; PostgreSQL's timestamptz accepts only UTC values, and SQLite hands them
    /// back unmarked, so every time is marked UTC on the way in and out.
    /// </summary>
    public static DateTime Utc(DateTime t) => t.Kind switch
    {
        DateTimeKind.Utc => t,
        DateTimeKind.Local => t.ToUniversalTime(),
        _ => DateTime.SpecifyKind(t, DateTimeKind.Utc),
    };

    internal static string? WriteVotes(List<Tuple<SiloAddress, DateTime>>? votes) =>
        votes is null || votes.Count == 0
            ? null
            : string.Join(VoteSeparator, votes.Select(v => v.Item1.ToParsableString() + FieldSeparator + Utc(v.Item2).ToString("O", CultureInfo.InvariantCulture)));

    internal static List<Tuple<SiloAddress, DateTime>>? ReadVotes(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        var votes = new List<Tuple<SiloAddress, DateTime>>();
        foreach (var vote in text.Split(VoteSeparator))
        {
            var comma = vote.LastIndexOf(FieldSeparator);
            votes.Add(Tuple.Create(
                SiloAddress.FromParsableString(vote[..comma]),
                DateTime.Parse(vote[(comma + 1)..], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)));
        }
        return votes;
    }
}
