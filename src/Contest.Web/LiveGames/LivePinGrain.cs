using Contest.Engine.LiveGames;
using Contest.Engine.Storage;
using Microsoft.EntityFrameworkCore;

namespace Contest.Web.LiveGames;

/// <summary>
/// One PIN's reservation, for the whole cluster (one activation per PIN): the PIN → game lookup of every join, held
/// in memory, and the check that two nodes creating games never hand out one PIN twice. Its memory is only a cache of
/// the stored games: activated again (its silo died), it reads which open game has the PIN from the database.
/// </summary>
public sealed class LivePinGrain(StorageSettings storage, TimeProvider time) : Grain, ILivePinGrain
{
    /// <summary>An unfinished game older than this is abandoned: its PIN is free again.</summary>
    public static readonly TimeSpan OpenWindow = TimeSpan.FromHours(12);

    private Guid? _game;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var pin = this.GetPrimaryKeyString();
        var since = time.GetUtcNow() - OpenWindow;
        await using var ctx = StorageRegistration.Create(storage);
        // Times compared here, not in SQL: SQLite cannot compare DateTimeOffset values.
        var open = await ctx.Set<LiveGameRecord>().AsNoTracking()
            // A podium is still shown (a join there is told the game is over); an end stored otherwise is the end.
            .Where(r => r.Pin == pin && r.Phase != GamePhase.Finished && (r.FinishedAt == null || r.Phase == GamePhase.Podium))
            .Select(r => new { r.Id, r.CreatedAt }).ToListAsync(cancellationToken);
        _game = open.Where(r => r.CreatedAt >= since).OrderByDescending(r => r.CreatedAt).Select(r => (Guid?)r.Id).FirstOrDefault();
        await base.OnActivateAsync(cancellationToken);
    }

    public Task<bool> Reserve(Guid gameId)
    {
        if (_game is { } held && held != gameId) return Task.FromResult(false);
        _game = gameId;
        return Task.FromResult(true);
    }

    public Task Release(Guid gameId)
    {
        if (_game == gameId)
        {
            _game = null;
            DeactivateOnIdle();
        }
        return Task.CompletedTask;
    }

    public Task<Guid?> Find() => Task.FromResult(_game);
}

/// <summary>The engine's PIN port over the PIN grains.</summary>
public sealed class GrainLivePins(IGrainFactory grains) : ILivePins
{
    public Task<bool> ReserveAsync(string pin, Guid gameId) => grains.GetGrain<ILivePinGrain>(pin).Reserve(gameId);

    public Task ReleaseAsync(string pin, Guid gameId) => grains.GetGrain<ILivePinGrain>(pin).Release(gameId);

    public Task<Guid?> FindAsync(string pin) => grains.GetGrain<ILivePinGrain>(pin).Find();
}
