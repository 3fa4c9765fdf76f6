using System.Collections.Concurrent;

namespace Contest.Engine.LiveGames;

/// <summary>
/// Which open game a PIN names. A PIN is handed to one open game at a time across every node; the web host keeps
/// the reservation in a grain per PIN (cluster-wide), <see cref="LocalLivePins"/> keeps it in one process.
/// </summary>
public interface ILivePins
{
    /// <summary>Claims <paramref name="pin"/> for <paramref name="gameId"/>; false when another open game holds it.</summary>
    Task<bool> ReserveAsync(string pin, Guid gameId);

    /// <summary>The game is over (or was never stored): the PIN may be handed out again.</summary>
    Task ReleaseAsync(string pin, Guid gameId);

    /// <summary>The open game the PIN names, if any.</summary>
    Task<Guid?> FindAsync(string pin);

    /// <summary>A game PIN is six digits; anything else is refused before any lookup.</summary>
    public static string Check(string? pin) =>
        GamePin.IsValid(pin) ? pin : throw new LiveGameException("bad-pin", "A game PIN is 6 digits.");
}

public sealed class LocalLivePins : ILivePins
{
    private readonly ConcurrentDictionary<string, Guid> _pins = new();

    public Task<bool> ReserveAsync(string pin, Guid gameId) => Task.FromResult(_pins.GetOrAdd(pin, gameId) == gameId);

    public Task ReleaseAsync(string pin, Guid gameId)
    {
        _pins.TryRemove(new KeyValuePair<string, Guid>(pin, gameId));
        return Task.CompletedTask;
    }

    public Task<Guid?> FindAsync(string pin) => Task.FromResult(_pins.TryGetValue(pin, out var id) ? id : (Guid?)null);
}
