using Contest.Engine.Accounts;
using Contest.Engine.Leaderboards;
using Contest.Engine.LiveGames;
using Contest.Engine.Storage;
using Contest.Web.Hosting;
using Contest.Web.LiveGames;
using Contest.Web.Redis;
using Microsoft.AspNetCore.Http.HttpResults;
using StackExchange.Redis;

namespace Contest.Web.LiveCluster;

public sealed record RebuildResult(int Games, int Rounds, int RoundParticipants, string Node);

public static class LiveClusterSetup
{
    /// <summary>Multi-node live play when Redis is configured; nothing in embedded mode.</summary>
    public static void AddLiveCluster(this IHostApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration[RedisSetup.Setting])) return;
        var s = builder.Services;
        var name = builder.Configuration[$"{ContestOptions.Section}:{nameof(ContestOptions.NodeName)}"] is { Length: > 0 } n ? n : Environment.MachineName;
        s.AddSingleton(new LiveClusterOptions { NodeId = $"{name}-{Guid.NewGuid().ToString("N")[..8]}" });
        s.AddSingleton(new LiveKeys(ContestOptions.ResolveRedisPrefix(builder.Configuration)));
        s.AddSingleton(sp => new RedisLiveSync(sp.GetRequiredService<IConnectionMultiplexer>(), sp.GetRequiredService<LiveKeys>(),
            sp.GetRequiredService<LiveClusterOptions>(), sp.GetRequiredService<ILeaderboard>(), DbFactory(sp)));
        s.AddSingleton<ILiveSync>(sp => sp.GetRequiredService<RedisLiveSync>());
        s.AddSingleton<LiveRelay>();
        s.AddSingleton(sp => new LiveClusterService(sp.GetRequiredService<IConnectionMultiplexer>(), sp.GetRequiredService<LiveKeys>(),
            sp.GetRequiredService<LiveClusterOptions>(), sp.GetRequiredService<RedisLiveSync>(), sp.GetRequiredService<LiveRelay>(),
            sp.GetRequiredService<LiveGameService>(), sp, DbFactory(sp), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<LiveClusterService>>()));
        s.AddHostedService(sp => sp.GetRequiredService<LiveClusterService>());
    }

    /// <summary>POST /api/live/rebuild (Admin): rebuilds the live state, live leaderboards and round live boards in Redis from PostgreSQL now.</summary>
    public static void MapLiveCluster(this WebApplication app)
    {
        app.MapPost("/api/live/rebuild", async Task<Results<Ok<RebuildResult>, Admin.Errors.ApiProblem>> (IServiceProvider sp) =>
        {
            if (sp.GetService<LiveClusterService>() is not { } cluster)
                return new Admin.Errors.ApiProblem(Engine.Errors.ContestError.Invalid("no-redis", "Redis is not configured: every game lives in this process, there is nothing to rebuild."));
            var (games, rounds) = await cluster.RebuildAsync();
            return TypedResults.Ok(new RebuildResult(games, rounds.Rounds, rounds.Participants, cluster.NodeId));
        }).RequireAuthorization(p => p.RequireRole(Roles.Admin)).WithTags("Live games")
          .WithSummary("Rebuild the live games' state and leaderboards, and the round live boards, in Redis from PostgreSQL (after Redis lost its data).");
    }

    private static Func<ContestDb> DbFactory(IServiceProvider sp)
    {
        var settings = sp.GetRequiredService<StorageSettings>();
        return () => StorageRegistration.Create(settings);
    }
}
