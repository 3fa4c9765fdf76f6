using System.Net.Sockets;
using Contest.Engine.Leaderboards;
using Contest.Engine.Rounds;
using Contest.Engine.Storage;
using Contest.Web.Hosting;
using Contest.Web.Redis;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using StackExchange.Redis;

namespace Contest.Web.LiveCluster;

/// <summary>
/// <c>Contest.Web rebuild-live</c>: rebuilds Redis (the round live boards; live games keep nothing there) from
/// PostgreSQL and exits, without starting the web server or Hangfire. Both servers are checked before anything is
/// written. Exit codes: 0 done, 2 configuration missing or invalid, 3 a server unreachable or not ready, 1 the
/// rebuild failed part-way (it can simply be run again: every write sets values outright).
/// </summary>
public static class RebuildCommand
{
    public const string Name = "rebuild-live";

    public static bool Requested(string[] args) => args.Contains(Name, StringComparer.Ordinal);

    public static async Task<int> RunAsync(IConfiguration config, TextWriter output, TextWriter error)
    {
        int Fail(int code, string message)
        {
            error.WriteLine($"{Name}: {message}");
            error.WriteLine($"{Name}: nothing was changed.");
            return code;
        }

        var redisSetting = config[RedisSetup.Setting];
        if (string.IsNullOrWhiteSpace(redisSetting))
            return Fail(2, $"{RedisSetup.Setting} is not set: without Redis every game lives in one process's memory and there is nothing to rebuild.");
        var pgSetting = config[StorageSettings.PostgresSetting];
        if (string.IsNullOrWhiteSpace(pgSetting))
            return Fail(2, $"{StorageSettings.PostgresSetting} is not set: the rebuild reads PostgreSQL, the system of record of a multi-node deployment.");
        NpgsqlConnectionStringBuilder pg;
        try { pg = new NpgsqlConnectionStringBuilder(pgSetting); }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            return Fail(2, $"{StorageSettings.PostgresSetting}: not a valid PostgreSQL connection string ({e.Message})");
        }
        ConfigurationOptions redisOptions;
        try { redisOptions = ConfigurationOptions.Parse(redisSetting); }
        catch (ArgumentException e) { return Fail(2, $"{RedisSetup.Setting}: not a valid Redis connection string ({e.Message})"); }

        // Cheap checks first (a bare connection to each server), the schema last: it needs EF Core's model.
        try
        {
            await using var probe = new NpgsqlConnection(pgSetting);
            await probe.OpenAsync();
        }
        catch (Exception e) when (IsConnectionProblem(e))
        {
            return Fail(3, $"{StorageSettings.PostgresSetting}: cannot use PostgreSQL at {pg.Host}:{pg.Port}, database '{pg.Database}' ({Innermost(e).Message})");
        }

        redisOptions.AbortOnConnectFail = true;
        RedisSetup.ConnectTimeout(redisOptions, redisSetting);
        IConnectionMultiplexer mux;
        try { mux = await ConnectionMultiplexer.ConnectAsync(redisOptions); }
        catch (RedisConnectionException e)
        {
            return Fail(3, $"{RedisSetup.Setting}: cannot connect to Redis at {string.Join(",", redisOptions.EndPoints)} ({e.FailureType})");
        }

        var settings = StorageSettings.Postgres(pgSetting);
        await using (var ctx = StorageRegistration.Create(settings))
        {
            try
            {
                var pending = (await ctx.Database.GetPendingMigrationsAsync()).Count();
                if (pending > 0)
                {
                    await mux.DisposeAsync();
                    return Fail(3, $"the database '{pg.Database}' at {pg.Host}:{pg.Port} lacks {pending} migration(s): start Contest.Web once (it migrates at start-up), then rebuild.");
                }
            }
            catch (Exception e) when (IsConnectionProblem(e))
            {
                await mux.DisposeAsync();
                return Fail(3, $"{StorageSettings.PostgresSetting}: cannot use PostgreSQL at {pg.Host}:{pg.Port}, database '{pg.Database}' ({Innermost(e).Message})");
            }
        }

        await using (mux)
        {
            var prefix = ContestOptions.ResolveRedisPrefix(config);
            try
            {
                RoundBoardsRebuilt rounds;
                await using (var ctx = StorageRegistration.Create(settings)) rounds = await RoundBoards.RebuildAsync(ctx, new RedisLeaderboard(mux, prefix));
                // A new marker: the nodes see Redis holds its boards again and leave them be.
                await mux.GetDatabase().StringSetAsync(new LiveKeys(prefix).Marker, Guid.NewGuid().ToString("N"));
                output.WriteLine($"Rebuilt Redis at {string.Join(",", redisOptions.EndPoints)} (prefix '{prefix}') from PostgreSQL database '{pg.Database}' at {pg.Host}:{pg.Port}:");
                output.WriteLine($"  round leaderboards: {rounds.Rounds} ({rounds.Participants} participants)");
                output.WriteLine("  live games: nothing to rebuild (they keep no state in Redis)");
                return 0;
            }
            catch (Exception e) when (e is RedisException or TimeoutException or NpgsqlException or DbUpdateException)
            {
                error.WriteLine($"{Name}: the rebuild failed part-way ({Innermost(e).Message}); run it again once the servers are back.");
                return 1;
            }
        }
    }

    private static bool IsConnectionProblem(Exception e) =>
        e is NpgsqlException or SocketException or TimeoutException or InvalidOperationException
        || (e.InnerException is { } inner && IsConnectionProblem(inner));

    private static Exception Innermost(Exception e) => e.InnerException is null ? e : Innermost(e.InnerException);
}
