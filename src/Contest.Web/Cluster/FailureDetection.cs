using Orleans.Configuration;

namespace Contest.Web.Cluster;

/// <summary>
/// Failure-detection timings for a few web nodes on one network. The reasons and the measured detection times are in
/// docs/architecture.md, "Cluster membership in PostgreSQL"; keep the two in step.
/// </summary>
internal static class FailureDetection
{
    public static void Apply(ClusterMembershipOptions o)
    {
        // A probe unanswered for 1 s (adapting between 0.5 and 2 s to the measured round trip) counts as missed, and
        // two missed probes in a row make a suspicion: a killed node (connection refused) is suspected in about 2 s.
        o.ProbeTimeout = TimeSpan.FromSeconds(1);
        o.MaxProbeTimeout = TimeSpan.FromSeconds(2);
        o.NumMissedProbesLimit = 2;
        // Orleans needs min(this, (active silos + 1) / 2) votes: with two nodes the survivor's one vote is enough,
        // with three or more no single node's view of the network can evict another.
        o.NumVotesForDeathDeclaration = 2;
        // Votes older than this no longer count, so two unrelated blips minutes apart do not add up to an eviction.
        o.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(20);
        // Changes reach other nodes by gossip at once; the periodic read is the fallback when gossip was lost.
        o.TableRefreshTimeout = TimeSpan.FromSeconds(5);
        // A node whose heartbeat is 3 × 5 s old no longer counts as an active voter nor as a probe target for joiners.
        o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
    }
}
