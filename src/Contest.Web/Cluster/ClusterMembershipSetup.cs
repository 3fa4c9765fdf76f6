using Orleans.Configuration;

namespace Contest.Web.Cluster;

public static class ClusterMembershipSetup
{
    /// <summary>The cluster and service id unless the host configures others after this call.</summary>
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
        builder.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = DefaultClusterId;
            o.ServiceId = DefaultClusterId;
        });
        builder.Configure<ClusterMembershipOptions>(o =>
        {
            FailureDetection.Apply(o);
            tune?.Invoke(o);
        });
        return builder;
    }
}
