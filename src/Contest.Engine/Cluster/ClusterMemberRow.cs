namespace Contest.Engine.Cluster;

/// <summary>
/// One row of the cluster membership table (Contest.Web/Cluster maps it to Orleans' types). Each cluster has one
/// version row (<see cref="Silo"/> = <see cref="VersionRow"/>) holding the table version and its etag, and one row
/// per silo generation. Keeping the version in the same table lets one statement read members and version together,
/// which is the consistent snapshot the membership protocol needs.
/// </summary>
public sealed class ClusterMemberRow
{
    /// <summary>The <see cref="Silo"/> key of a cluster's version row: no silo address is empty.</summary>
    public const string VersionRow = "";

    public string ClusterId { get; set; } = "";

    /// <summary>The silo's address in its parsable form (endpoint and generation), or <see cref="VersionRow"/>.</summary>
    public string Silo { get; set; } = "";

    /// <summary>Changes on every conditional write of this row; callers must present the one they read.</summary>
    public string Etag { get; set; } = "";

    /// <summary>The table version; only the version row's value is meaningful.</summary>
    public int Version { get; set; }

    public int Status { get; set; }
    public int ProxyPort { get; set; }
    public string HostName { get; set; } = "";
    public string SiloName { get; set; } = "";
    public string? RoleName { get; set; }
    public int UpdateZone { get; set; }
    public int FaultZone { get; set; }

    /// <summary>Votes against this silo, "silo,time|silo,time" (see the Web mapping); null when there are none.</summary>
    public string? SuspectTimes { get; set; }

    public DateTime StartTime { get; set; }
    public DateTime IAmAliveTime { get; set; }
}
