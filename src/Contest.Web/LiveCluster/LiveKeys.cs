using StackExchange.Redis;

namespace Contest.Web.LiveCluster;

/// <summary>
/// The one Redis key this folder keeps (under the Contest prefix; see deploy/OPERATIONS.md). Live games keep nothing in
/// Redis any more (their grains hold them, PostgreSQL stores them); the round live boards do, and are rebuilt from
/// PostgreSQL when Redis loses its data.
/// </summary>
public sealed class LiveKeys(string prefix)
{
    /// <summary>Present while Redis holds the boards; missing after a flush or restart, which starts a rebuild.</summary>
    public RedisKey Marker => prefix + "live:marker";
}
