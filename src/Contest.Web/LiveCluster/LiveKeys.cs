using StackExchange.Redis;

namespace Contest.Web.LiveCluster;

/// <summary>The Redis keys of multi-node live play (all under the Contest prefix); see deploy/OPERATIONS.md.</summary>
public sealed class LiveKeys(string prefix)
{
    /// <summary>Present while Redis holds the live state; missing after a flush or restart, which starts a rebuild.</summary>
    public RedisKey Marker => prefix + "live:marker";

    /// <summary>Ids of running games, so a node can find games whose owner is gone.</summary>
    public RedisKey Games => prefix + "live:games";
    public RedisKey Pin(string pin) => prefix + "live:pin:" + pin;
    public RedisKey Lease(Guid game) => $"{prefix}live:{game:N}:lease";
    public RedisKey State(Guid game) => $"{prefix}live:{game:N}:state";
    /// <summary>Player id → SignalR connection id, so a node that takes a game over can still reach every player.</summary>
    public RedisKey Connections(Guid game) => $"{prefix}live:{game:N}:connections";
    /// <summary>Players the host removed (also stored in PostgreSQL): they stay out after a takeover or a rebuild.</summary>
    public RedisKey Kicked(Guid game) => $"{prefix}live:{game:N}:kicked";
    public RedisKey Answered(Guid game, int index) => $"{prefix}live:{game:N}:answered:{index}";
    public RedisChannel Requests(string node) => RedisChannel.Literal(prefix + "live:relay:" + node);
    public RedisChannel Replies(string node) => RedisChannel.Literal(prefix + "live:reply:" + node);

    /// <summary>Live keys expire a day after their last write, so abandoned games leave nothing behind.</summary>
    public static readonly TimeSpan Expiry = TimeSpan.FromDays(1);
}
