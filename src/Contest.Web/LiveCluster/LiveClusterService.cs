using System.Collections.Concurrent;
using Contest.Engine.Leaderboards;
using Contest.Engine.LiveGames;
using Contest.Engine.Rounds;
using Contest.Engine.Storage;
using Contest.Web.LiveGames;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace Contest.Web.LiveCluster;

/// <summary>
/// Keeps this node's share of the live games: renews the lease of every game it runs, lets go of one another node
/// took, takes over games whose owner is gone (rebuilt from PostgreSQL, timers restarted), and rebuilds Redis from
/// PostgreSQL when the marker key is missing (Redis emptied or restarted without its data): its own games, and, on the
/// one node that sets the new marker, the round live boards.
/// </summary>
public sealed class LiveClusterService(
    IConnectionMultiplexer mux, LiveKeys keys, LiveClusterOptions options, RedisLiveSync sync, LiveRelay relay, LiveGameService games,
    IServiceProvider services, Func<ContestDb> db, TimeProvider time, ILogger<LiveClusterService> log) : BackgroundService
{
    // KEYS: lease. ARGV: node, ttl ms. 1 renewed, 2 taken again after it vanished, 0 another node holds it.
    private const string RenewScript = """
        local v = redis.call('GET', KEYS[1])
        if v == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
        if not v then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 2 end
        return 0
        """;

    // KEYS: lease. ARGV: node now, the gone owner, ttl ms. Takes the lease only from that owner.
    private const string StealScript = """
        local v = redis.call('GET', KEYS[1])
        if v and v ~= ARGV[2] and v ~= ARGV[1] then return 0 end
        redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
        return 1
        """;

    private readonly ConcurrentDictionary<Guid, Lazy<Task<bool>>> _adopting = new();
    private readonly Dictionary<Guid, int> _orphanSightings = [];
    private readonly SemaphoreSlim _tick = new(1, 1);
    private RedisValue _marker;
    private bool _roundsPending;

    public string NodeId => options.NodeId;
    private IDatabase Redis => mux.GetDatabase();

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        var play = services.GetRequiredService<LivePlay>();
        await relay.ServeAsync(play.HandleRelayedAsync);
        while (!stop.IsCancellationRequested)
        {
            try { await TickAsync(adoptNow: false); }
            catch (Exception e) when (e is RedisException or TimeoutException or DbUpdateException or System.Data.Common.DbException or InvalidOperationException)
            {
                log.LogWarning(e, "Live cluster tick failed; retrying");
            }
            try { await Task.Delay(options.RenewInterval, time, stop); }
            catch (OperationCanceledException) { break; }
        }
    }

    /// <summary>Remembers where a player is connected (any node: the backplane delivers), for whichever node runs the game later.</summary>
    public async Task RememberConnectionAsync(Guid gameId, Guid playerId, string? connectionId)
    {
        if (connectionId is null) return;
        await Redis.HashSetAsync(keys.Connections(gameId), playerId.ToString("N"), connectionId);
        await Redis.KeyExpireAsync(keys.Connections(gameId), LiveKeys.Expiry);
    }

    public async Task<string?> OwnerAsync(Guid gameId) => await Redis.StringGetAsync(keys.Lease(gameId)) is { IsNull: false } v ? (string)v! : null;

    public async Task<Guid?> FindByPinAsync(string? pin)
    {
        if (pin is null || pin.Length != 6 || !pin.All(char.IsAsciiDigit)) return null;
        if (await games.Store.FindByPinAsync(pin) is { } local) return local.Id;
        if (await Redis.StringGetAsync(keys.Pin(pin)) is { IsNull: false } v && Guid.TryParse((string)v!, out var id)) return id;
        // Redis lost the PIN (emptied): PostgreSQL knows the running games.
        await using var ctx = db();
        var candidates = await ctx.Set<LiveGameRecord>().AsNoTracking().Where(r => r.Pin == pin && r.FinishedAt == null)
            .Select(r => new { r.Id, r.CreatedAt }).ToListAsync();
        return candidates.OrderByDescending(r => r.CreatedAt).Select(r => (Guid?)r.Id).FirstOrDefault();
    }

    /// <summary>Takes a game whose lease is free (or held by <paramref name="goneOwner"/>) and runs it here; false if another node has it or it is over.</summary>
    public Task<bool> AdoptAsync(Guid gameId, string? goneOwner = null)
    {
        var lazy = _adopting.GetOrAdd(gameId, id => new Lazy<Task<bool>>(() => AdoptOnceAsync(id, goneOwner)));
        return lazy.Value;
    }

    private async Task<bool> AdoptOnceAsync(Guid gameId, string? goneOwner)
    {
        try
        {
            if (await games.Store.FindAsync(gameId) is not null) return true;
            var took = (long)(await Redis.ScriptEvaluateAsync(StealScript, [keys.Lease(gameId)],
                [NodeId, goneOwner ?? "", (long)options.LeaseTtl.TotalMilliseconds]))!;
            if (took == 0) return false;
            await using var ctx = db();
            var game = await LiveGameLoader.LoadAsync(ctx, gameId);
            if (game is null || game.Phase == GamePhase.Finished)
            {
                await Redis.SetRemoveAsync(keys.Games, gameId.ToString("N"));
                await Redis.KeyDeleteAsync(keys.Lease(gameId));
                return false;
            }
            foreach (var entry in await Redis.HashGetAllAsync(keys.Connections(gameId)))
            {
                if (Guid.TryParse((string)entry.Name!, out var playerId) && game.Player(playerId) is { } p) p.ConnectionId = entry.Value;
            }
            // Kicks are stored in PostgreSQL before they take effect; Redis's copy is a second word on it.
            foreach (var member in await Redis.SetMembersAsync(keys.Kicked(gameId)))
            {
                if (Guid.TryParse((string)member!, out var playerId) && game.Player(playerId) is not null) game.Kick(playerId);
            }
            log.LogWarning("Taking over live game {Game} (PIN {Pin}) at {Phase} of question {Index}", game.Id, game.Pin, game.Phase, game.CurrentIndex + 1);
            return await games.AdoptAsync(game, sync.ShareAsync);
        }
        finally
        {
            _adopting.TryRemove(gameId, out _);
        }
    }

    /// <summary>Rebuilds Redis from PostgreSQL now (the Admin endpoint): every node republishes within a tick; round boards are rewritten here.</summary>
    public async Task<(int Games, RoundBoardsRebuilt Rounds)> RebuildAsync()
    {
        await Redis.KeyDeleteAsync(keys.Marker);
        var rounds = await TickAsync(adoptNow: false) is { } r ? r : await RebuildRoundBoardsAsync();
        // Owners that are alive take their leases back within a tick; what is still without one after that is adopted here.
        await Task.Delay(options.RenewInterval * 2, time);
        await TickAsync(adoptNow: false);
        return ((int)await Redis.SetLengthAsync(keys.Games), rounds);
    }

    private async Task<RoundBoardsRebuilt> RebuildRoundBoardsAsync()
    {
        await using var ctx = db();
        var rebuilt = await RoundBoards.RebuildAsync(ctx, services.GetRequiredService<ILeaderboard>());
        log.LogWarning("Round live boards rebuilt from PostgreSQL into Redis: {Rounds} rounds, {Participants} participants", rebuilt.Rounds, rebuilt.Participants);
        return rebuilt;
    }

    /// <summary>One round of lease keeping; returns the round boards rebuilt when this node found Redis emptied and set the new marker.</summary>
    private async Task<RoundBoardsRebuilt?> TickAsync(bool adoptNow)
    {
        await _tick.WaitAsync();
        try
        {
            var r = Redis;
            var marker = await r.StringGetAsync(keys.Marker);
            var rebuild = marker.IsNull || marker != _marker;
            RoundBoardsRebuilt? rounds = null;
            if (marker.IsNull)
            {
                // Every node puts back its own games; the round boards are nobody's, so the node whose marker wins rebuilds them.
                if (await r.StringSetAsync(keys.Marker, Guid.NewGuid().ToString("N"), when: When.NotExists)) _roundsPending = true;
                marker = await r.StringGetAsync(keys.Marker);
            }
            if (_roundsPending)
            {
                // Stays pending until it succeeds (the database may be briefly away): the marker is already set, so no other node will do it.
                rounds = await RebuildRoundBoardsAsync();
                _roundsPending = false;
            }
            if (rebuild)
            {
                _marker = marker;
                await RegisterUnfinishedAsync();
            }

            foreach (var game in await games.Store.ActiveAsync())
            {
                var renewed = (long)(await r.ScriptEvaluateAsync(RenewScript, [keys.Lease(game.Id)], [NodeId, (long)options.LeaseTtl.TotalMilliseconds]))!;
                if (renewed == 0)
                {
                    log.LogWarning("Live game {Game} is now run by another node; letting it go", game.Id);
                    await games.ForgetAsync(game);
                    continue;
                }
                if (renewed == 2 || rebuild)
                {
                    // Redis lost this game: fold in whatever PostgreSQL holds beyond memory, then put it all back.
                    await using (var ctx = db()) await LiveGameLoader.MergeAsync(ctx, game, null);
                    await sync.ShareAsync(game);
                }
            }

            foreach (var member in await r.SetMembersAsync(keys.Games))
            {
                if (!Guid.TryParse((string)member!, out var id) || await games.Store.FindAsync(id) is not null) continue;
                if (await r.KeyExistsAsync(keys.Lease(id)))
                {
                    _orphanSightings.Remove(id);
                    continue;
                }
                // Seen without an owner twice in a row (a live owner re-takes its lease within one tick after a flush).
                _orphanSightings[id] = _orphanSightings.GetValueOrDefault(id) + 1;
                if (!adoptNow && _orphanSightings[id] < 2) continue;
                _orphanSightings.Remove(id);
                await AdoptAsync(id);
            }
            return rounds;
        }
        finally
        {
            _tick.Release();
        }
    }

    private async Task RegisterUnfinishedAsync()
    {
        await using var ctx = db();
        var since = time.GetUtcNow() - options.RebuildWindow;
        var rows = await ctx.Set<LiveGameRecord>().AsNoTracking().Where(g => g.FinishedAt == null).Select(g => new { g.Id, g.CreatedAt }).ToListAsync();
        var ids = rows.Where(g => g.CreatedAt >= since).Select(g => (RedisValue)g.Id.ToString("N")).ToArray();
        if (ids.Length > 0) await Redis.SetAddAsync(keys.Games, ids);
    }
}
