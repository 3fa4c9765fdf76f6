using Contest.Engine.Leaderboards;
using Contest.Engine.LiveGames;
using Contest.Engine.Rounds;
using Contest.Engine.Storage;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace Contest.Web.LiveCluster;

/// <summary>What a rebuild from PostgreSQL put back into Redis.</summary>
public sealed record LiveRebuildSummary(int Games, int Players, int Rounds, int Participants, int TooOld);

/// <summary>
/// Puts Redis's copy back from PostgreSQL without running any game (the <c>rebuild-live</c> command): each unfinished
/// live game of the last <see cref="LiveClusterOptions.RebuildWindow"/> is loaded as a node taking it over would
/// load it, and its PIN, state, removed players, answered set and leaderboard are written; every round live board is
/// written again. Nodes that run the games keep their leases; a game whose owner is gone is taken over by a node.
/// </summary>
public static class LiveRebuild
{
    public const string Owner = "rebuild-live";

    public static async Task<LiveRebuildSummary> RunAsync(IConnectionMultiplexer mux, LiveKeys keys, ILeaderboard leaderboard, Func<ContestDb> db,
        DateTimeOffset now, CancellationToken ct = default)
    {
        var options = new LiveClusterOptions { NodeId = Owner };
        var sync = new RedisLiveSync(mux, keys, options, leaderboard, db);
        var redis = mux.GetDatabase();
        List<(Guid Id, DateTimeOffset CreatedAt)> unfinished;
        await using (var ctx = db())
        {
            unfinished = (await ctx.Set<LiveGameRecord>().AsNoTracking().Where(g => g.FinishedAt == null)
                .Select(g => new { g.Id, g.CreatedAt }).ToListAsync(ct)).ConvertAll(g => (g.Id, g.CreatedAt));
        }
        var since = now - options.RebuildWindow;
        int games = 0, players = 0;
        foreach (var (id, _) in unfinished.Where(g => g.CreatedAt >= since).OrderBy(g => g.CreatedAt))
        {
            LiveGame? game;
            await using (var ctx = db()) game = await LiveGameLoader.LoadAsync(ctx, id);
            if (game is null || game.Phase == GamePhase.Finished) continue;
            // The state hash names the node that runs the game, if one still does.
            var lease = await redis.StringGetAsync(keys.Lease(id));
            await sync.ShareAsync(game, lease.IsNull ? Owner : (string)lease!);
            games++;
            players += game.Players.Count;
        }

        RoundBoardsRebuilt rounds;
        await using (var ctx = db()) rounds = await RoundBoards.RebuildAsync(ctx, leaderboard, ct);

        // A new marker: every node sees Redis changed under it and puts its own games back as well (same rows, same result).
        await redis.StringSetAsync(keys.Marker, Guid.NewGuid().ToString("N"));
        return new LiveRebuildSummary(games, players, rounds.Rounds, rounds.Participants, unfinished.Count(g => g.CreatedAt < since));
    }
}
