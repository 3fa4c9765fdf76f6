using Orleans.Configuration;

namespace Contest.Web.Cluster;

/// <summary>
/// Failure-detection timings for a few web nodes on one network. The reasons are in docs/architecture.md,
/// "Cluster membership in PostgreSQL"; the figures below are the ones that section states.
/// </summary>
internal static class FailureDetection
{
    public static void Apply(ClusterMembershipOptions o)
    {
        o.ProbeTimeout = TimeSpan.FromSeconds(1);
        o.NumMissedProbesLimit = 2;
        o.NumVotesForDeathDeclaration = 1;
        o.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(20);
        o.TableRefreshTimeout = TimeSpan.FromSeconds(2);
        o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
    }
}
