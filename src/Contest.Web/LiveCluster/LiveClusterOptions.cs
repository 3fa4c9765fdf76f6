namespace Contest.Web.LiveCluster;

/// <summary>Multi-node live play: who this node is and how quickly a dead node's games move.</summary>
public sealed record LiveClusterOptions
{
    /// <summary>Unique per process (a restarted node is a new owner): the configured node name plus a random suffix.</summary>
    public required string NodeId { get; init; }

    /// <summary>A game's owner renews its lease this often...</summary>
    public TimeSpan RenewInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>...and another node may take the game this long after the last renewal.</summary>
    public TimeSpan LeaseTtl { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a node waits for the owner to answer a relayed call.</summary>
    public TimeSpan RelayTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Unfinished games older than this are not picked up again after Redis is emptied.</summary>
    public TimeSpan RebuildWindow { get; init; } = DefaultRebuildWindow;

    public static readonly TimeSpan DefaultRebuildWindow = TimeSpan.FromHours(12);
}
