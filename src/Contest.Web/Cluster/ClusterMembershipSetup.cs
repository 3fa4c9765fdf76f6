using Orleans.Configuration;

namespace Contest.Web.Cluster;

public static class ClusterMembershipSetup
{
    /// <summary>The cluster and service id unless the host configures others (before or after this call).</summary>
    public const string DefaultClusterId = "contest";

    /// <summary>
    /// Keeps the silo's cluster membership in ContestDb (table ClusterMembers; see <see cref="ContestDbMembershipTable"/>)
    /// and tunes failure detection so that a node that dies is declared dead within a few seconds
    /// (docs/architecture.md, "Cluster membership in PostgreSQL"). <paramref name="tune"/> runs after the defaults.
    /// ContestDb (its <c>StorageSettings</c>) must be registered, and migrated before the silo starts.
    /// </summary>
    public static ISiloBuilder UseContestDbClustering(this ISiloBuilder builder, Action<ClusterMembershipOptions>? tune = null)
    {
        builder.Services.AddSingleton<IMembershipTable, ContestDbMembershipTable>();
        // Only Orleans' placeholders are replaced, so a host's own ids win whichever order it configures them in.
        builder.Configure<ClusterOptions>(o =>
        {
            if (o.ClusterId is null or ClusterOptions.DefaultClusterId) o.ClusterId = DefaultClusterId;
            if (o.ServiceId is null or ClusterOptions.DefaultServiceId) o.ServiceId = DefaultClusterId;
        });
        builder.Configure<ClusterMembershipOptions>(o =>
        {
            FailureDetection.Apply(o);
            tune?.Invoke(o);
        });
        return builder;
    }
}
