namespace Contest.Engine.LiveGames;

/// <summary>
/// How a game's node shares it with the other nodes of a cluster (Redis). Embedded mode uses
/// <see cref="NoLiveSync"/>: one process holds every game and nothing is shared.
/// </summary>
public interface ILiveSync
{
    /// <summary>A game was created on this node, which now owns it.</summary>
    Task CreatedAsync(LiveGame game);

    /// <summary>The game's phase, question, deadline or pause changed: share it and keep it in PostgreSQL.</summary>
    Task StateChangedAsync(LiveGame game);

    /// <summary>
    /// The cross-node gate for an answer already scored in memory: atomically checks the shared phase, question and
    /// deadline against <paramref name="receivedAt"/> and marks the player as having answered. Throws the refusal.
    /// </summary>
    Task AcceptAsync(LiveGame game, Guid playerId, int questionIndex, DateTimeOffset receivedAt);

    /// <summary>Undoes <see cref="AcceptAsync"/> for an answer that could not be stored.</summary>
    Task ReleaseAsync(LiveGame game, Guid playerId, int questionIndex);

    /// <summary>Before a reveal: folds in answers other nodes stored for the closed question.</summary>
    Task BeforeRevealAsync(LiveGame game);

    /// <summary>False when another node has taken the game over; this node must then let it go.</summary>
    Task<bool> OwnsAsync(LiveGame game);

    /// <summary>
    /// Claims the new game's PIN for the whole cluster; false when another open game (on any node) holds it, and the
    /// creator then draws another PIN.
    /// </summary>
    Task<bool> ReservePinAsync(LiveGame game);

    /// <summary>The game is over (or was never stored): its PIN may be handed out again.</summary>
    Task ReleasePinAsync(LiveGame game);
}

public sealed class NoLiveSync : ILiveSync
{
    public static readonly NoLiveSync Instance = new();
    public Task CreatedAsync(LiveGame game) => Task.CompletedTask;
    public Task StateChangedAsync(LiveGame game) => Task.CompletedTask;
    public Task AcceptAsync(LiveGame game, Guid playerId, int questionIndex, DateTimeOffset receivedAt) => Task.CompletedTask;
    public Task ReleaseAsync(LiveGame game, Guid playerId, int questionIndex) => Task.CompletedTask;
    public Task BeforeRevealAsync(LiveGame game) => Task.CompletedTask;
    public Task<bool> OwnsAsync(LiveGame game) => Task.FromResult(true);
    public Task<bool> ReservePinAsync(LiveGame game) => Task.FromResult(true);
    public Task ReleasePinAsync(LiveGame game) => Task.CompletedTask;
}
