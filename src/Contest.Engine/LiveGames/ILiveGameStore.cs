using System.Collections.Concurrent;

namespace Contest.Engine.LiveGames;

/// <summary>
/// Where running games live. The in-process store keeps them in this node's memory (embedded mode);
/// a shared store (Redis) is a separate implementation behind the same port, so nothing else in the
/// engine assumes one process holds a game.
/// </summary>
public interface ILiveGameStore
{
    Task<bool> TryAddAsync(LiveGame game);
    Task<LiveGame?> FindAsync(Guid id);
    Task<LiveGame?> FindByPinAsync(string pin);
    Task RemoveAsync(LiveGame game);
    Task<IReadOnlyList<LiveGame>> ActiveAsync();
}

public sealed class InProcessLiveGameStore : ILiveGameStore
{
    private readonly ConcurrentDictionary<Guid, LiveGame> _byId = new();
    private readonly ConcurrentDictionary<string, LiveGame> _byPin = new();

    public Task<bool> TryAddAsync(LiveGame game)
    {
        if (!_byPin.TryAdd(game.Pin, game)) return Task.FromResult(false);
        _byId[game.Id] = game;
        return Task.FromResult(true);
    }

    public Task<LiveGame?> FindAsync(Guid id) => Task.FromResult(_byId.GetValueOrDefault(id));

    public Task<LiveGame?> FindByPinAsync(string pin) => Task.FromResult(_byPin.GetValueOrDefault(pin));

    public Task RemoveAsync(LiveGame game)
    {
        _byPin.TryRemove(new KeyValuePair<string, LiveGame>(game.Pin, game));
        _byId.TryRemove(game.Id, out _);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<LiveGame>> ActiveAsync() => Task.FromResult<IReadOnlyList<LiveGame>>(_byId.Values.ToList());
}
