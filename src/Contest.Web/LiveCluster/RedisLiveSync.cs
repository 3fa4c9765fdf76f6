using System.Globalization;
using Contest.Engine.Leaderboards;
using Contest.Engine.LiveGames;
using Contest.Engine.Storage;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace Contest.Web.LiveCluster;

/// <summary>
/// Shares a game's state through Redis and keeps it in PostgreSQL. Redis holds, per game: a lease naming the owner
/// node, a state hash (phase, question, open time, deadline, pause, sealed), one set per question of the players who
/// answered it, the PIN → game key and the leaderboard. Answers pass the <see cref="AcceptScript"/> gate, which is
/// atomic in Redis, so two nodes can never both accept one player's answer to one question.
/// </summary>
public sealed class RedisLiveSync(IConnectionMultiplexer mux, LiveKeys keys, LiveClusterOptions options, ILeaderboard leaderboard, Func<ContestDb> db)
    : ILiveSync
{
    // KEYS: state hash, answered set. ARGV: question index, receive time (unix ms), player id.
    // The same order of checks as LiveGame.Submit; "missing" when Redis lost the state (flushed or restarted).
    private const string AcceptScript = """
        local s = redis.call('HMGET', KEYS[1], 'phase', 'index', 'deadline', 'paused', 'sealed')
        if not s[1] then return 'missing' end
        local late = tonumber(ARGV[2]) > tonumber(s[3] or '0')
        local open = s[1] == 'Question' or (s[1] == 'Reveal' and s[5] == '0')
        if not open then
          if late and tonumber(s[2]) == tonumber(ARGV[1]) and (s[1] == 'Reveal' or s[1] == 'Leaderboard') then return 'too-late' end
          return 'question-closed'
        end
        if tonumber(s[2]) ~= tonumber(ARGV[1]) then return 'wrong-question' end
        if s[4] == '1' then return 'paused' end
        if late then return 'too-late' end
        if redis.call('SADD', KEYS[2], ARGV[3]) == 0 then return 'already-answered' end
        redis.call('PEXPIRE', KEYS[2], ARGV[4])
        return 'ok'
        """;

    // KEYS: PIN key. ARGV: game id, ttl ms. Takes the PIN if it is free or already this game's (then renews it).
    private const string ClaimPinScript = """
        local v = redis.call('GET', KEYS[1])
        if v and v ~= ARGV[1] then return 0 end
        redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
        return 1
        """;

    // KEYS: PIN key. ARGV: game id. Frees the PIN only if this game holds it.
    private const string ReleasePinScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """;

    private IDatabase Redis => mux.GetDatabase();

    public string NodeId => options.NodeId;

    public async Task CreatedAsync(LiveGame game)
    {
        await Redis.StringSetAsync(keys.Lease(game.Id), NodeId, options.LeaseTtl);
        await ShareAsync(game);
    }

    public async Task StateChangedAsync(LiveGame game)
    {
        var s = game.Snapshot();
        await WriteStateAsync(game, s, NodeId);
        await WriteKickedAsync(game);
        await using var ctx = db();
        await ctx.Set<LiveGameRecord>().Where(r => r.Id == game.Id).ExecuteUpdateAsync(u => u
            .SetProperty(r => r.Phase, s.Phase)
            .SetProperty(r => r.CurrentIndex, s.Index)
            .SetProperty(r => r.OpenedAt, s.OpenedAt.HasValue ? s.OpenedAt.Value.ToUniversalTime() : null)
            .SetProperty(r => r.Deadline, s.Deadline.HasValue ? s.Deadline.Value.ToUniversalTime() : null)
            .SetProperty(r => r.Paused, s.Paused)
            .SetProperty(r => r.PausedAt, s.PausedAt.HasValue ? s.PausedAt.Value.ToUniversalTime() : null)
            .SetProperty(r => r.PausedTotalMs, (int)s.PausedTotal.TotalMilliseconds));
    }

    public async Task AcceptAsync(LiveGame game, Guid playerId, int questionIndex, DateTimeOffset receivedAt)
    {
        var result = await RunAcceptAsync(game, playerId, questionIndex, receivedAt);
        if (result == "missing")
        {
            // Redis was emptied under a running game: put this game's state back (from memory, which holds every stored answer) and try again.
            await ShareAsync(game);
            result = await RunAcceptAsync(game, playerId, questionIndex, receivedAt);
        }
        if (result == "ok") return;
        throw result switch
        {
            "already-answered" => new LiveGameException(result, "You have already answered this question; the first answer counts."),
            "too-late" => new LiveGameException(result, "Time was up: the answer arrived after the deadline."),
            "paused" => new LiveGameException(result, "The game is paused; answer when it resumes."),
            "wrong-question" => new LiveGameException(result, "This answer is not for the open question."),
            _ => new LiveGameException("question-closed", "No question is open now."),
        };
    }

    private async Task<string> RunAcceptAsync(LiveGame game, Guid playerId, int questionIndex, DateTimeOffset receivedAt) =>
        (string)(await Redis.ScriptEvaluateAsync(AcceptScript, [keys.State(game.Id), keys.Answered(game.Id, questionIndex)],
            [questionIndex, receivedAt.ToUnixTimeMilliseconds(), playerId.ToString("N"), (long)LiveKeys.Expiry.TotalMilliseconds]))!;

    public Task ReleaseAsync(LiveGame game, Guid playerId, int questionIndex) =>
        Redis.SetRemoveAsync(keys.Answered(game.Id, questionIndex), playerId.ToString("N"));

    public async Task BeforeRevealAsync(LiveGame game)
    {
        await using var ctx = db();
        if (await LiveGameLoader.MergeAsync(ctx, game, game.CurrentIndex) > 0) await ShareAsync(game);
    }

    public async Task<bool> OwnsAsync(LiveGame game)
    {
        var owner = await Redis.StringGetAsync(keys.Lease(game.Id));
        if (owner == NodeId) return true;
        if (!owner.IsNull) return false;
        // The lease vanished (Redis emptied): take it back and put the game's state back.
        if (!await Redis.StringSetAsync(keys.Lease(game.Id), NodeId, options.LeaseTtl, When.NotExists)) return false;
        await ShareAsync(game);
        return true;
    }

    public async Task<bool> ReservePinAsync(LiveGame game)
    {
        if (!await ClaimPinAsync(game)) return false;
        // Redis may have been emptied a moment ago and not yet refilled: PostgreSQL knows the open games too.
        await using var ctx = db();
        var since = game.CreatedAt.ToUniversalTime() - options.RebuildWindow;
        var taken = await ctx.Set<LiveGameRecord>().AsNoTracking()
            .AnyAsync(r => r.Pin == game.Pin && r.Id != game.Id && r.FinishedAt == null && r.CreatedAt >= since);
        if (!taken) return true;
        await ReleasePinAsync(game);
        return false;
    }

    public Task ReleasePinAsync(LiveGame game) =>
        Redis.ScriptEvaluateAsync(ReleasePinScript, [keys.Pin(game.Pin)], [game.Id.ToString("N")]);

    private async Task<bool> ClaimPinAsync(LiveGame game) =>
        (long)(await Redis.ScriptEvaluateAsync(ClaimPinScript, [keys.Pin(game.Pin)], [game.Id.ToString("N"), (long)LiveKeys.Expiry.TotalMilliseconds]))! == 1;

    /// <summary>Writes everything Redis holds for a game this node owns: PIN, state, who answered the open question, leaderboard.</summary>
    public Task ShareAsync(LiveGame game) => ShareAsync(game, NodeId);

    /// <summary>
    /// Writes everything Redis holds for a game: PIN, state (naming <paramref name="owner"/>), removed players, who
    /// answered the open question, leaderboard. Also what the rebuild command writes for a game rebuilt from PostgreSQL.
    /// </summary>
    public async Task ShareAsync(LiveGame game, string owner)
    {
        var r = Redis;
        // A finished game's PIN is free for new games; an open one keeps its PIN (unless another game took it meanwhile).
        if (game.Phase != GamePhase.Finished) await ClaimPinAsync(game);
        await r.SetAddAsync(keys.Games, game.Id.ToString("N"));
        await WriteStateAsync(game, game.Snapshot(), owner);
        await WriteKickedAsync(game);
        if (game.CurrentIndex >= 0)
        {
            var answered = keys.Answered(game.Id, game.CurrentIndex);
            var ids = game.AnsweredBy(game.CurrentIndex).Select(id => (RedisValue)id.ToString("N")).ToArray();
            var tx = r.CreateTransaction();
            _ = tx.KeyDeleteAsync(answered);
            if (ids.Length > 0) _ = tx.SetAddAsync(answered, ids);
            _ = tx.KeyExpireAsync(answered, LiveKeys.Expiry);
            await tx.ExecuteAsync();
        }
        foreach (var chunk in game.Players.Chunk(500))
            await Task.WhenAll(chunk.Select(p => leaderboard.SetAsync(game.Board, p.Id.ToString(), p.Score, game.TieBreak(p))));
    }

    private async Task WriteKickedAsync(LiveGame game)
    {
        var ids = game.KickedIds();
        if (ids.Count == 0) return;
        var key = keys.Kicked(game.Id);
        await Redis.SetAddAsync(key, ids.Select(id => (RedisValue)id.ToString("N")).ToArray());
        await Redis.KeyExpireAsync(key, LiveKeys.Expiry);
    }

    private async Task WriteStateAsync(LiveGame game, LiveSnapshot s, string owner)
    {
        var key = keys.State(game.Id);
        await Redis.HashSetAsync(key,
        [
            new("phase", s.Phase.ToString()),
            new("index", s.Index),
            new("opened", Ms(s.OpenedAt)),
            new("deadline", Ms(s.Deadline)),
            new("paused", s.Paused ? 1 : 0),
            new("sealed", s.Sealed ? 1 : 0),
            new("owner", owner),
        ]);
        await Redis.KeyExpireAsync(key, LiveKeys.Expiry);
    }

    private static string Ms(DateTimeOffset? t) => t is { } v ? v.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) : "0";
}
