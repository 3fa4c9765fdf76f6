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
        await WriteStateAsync(game, s);
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

    /// <summary>Writes everything Redis holds for a game this node owns: PIN, state, who answered the open question, leaderboard.</summary>
    public async Task ShareAsync(LiveGame game)
    {
        var r = Redis;
        await r.StringSetAsync(keys.Pin(game.Pin), game.Id.ToString("N"), LiveKeys.Expiry);
        await r.SetAddAsync(keys.Games, game.Id.ToString("N"));
        await WriteStateAsync(game, game.Snapshot());
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

    private async Task WriteStateAsync(LiveGame game, LiveSnapshot s)
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
            new("owner", NodeId),
        ]);
        await Redis.KeyExpireAsync(key, LiveKeys.Expiry);
    }

    private static string Ms(DateTimeOffset? t) => t is { } v ? v.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) : "0";
}
