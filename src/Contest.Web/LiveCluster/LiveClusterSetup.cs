using Contest.Engine.Accounts;
using Contest.Engine.Leaderboards;
using Contest.Engine.Storage;
using Contest.Web.Hosting;
using Contest.Web.LiveGames;
using Contest.Web.Redis;
using Microsoft.AspNetCore.Http.HttpResults;
using StackExchange.Redis;

namespace Contest.Web.LiveCluster;

/// <summary>What the Admin rebuild put back; <see cref="Games"/> is always 0 since live games keep nothing in Redis.</summary>
public sealed record RebuildResult(int Games, int Rounds, int RoundParticipants, string Node);

public static class LiveClusterSetup
{
    /// <summary>With Redis: the keeper of the round live boards. Nothing in embedded mode (the boards are in process).</summary>
    public static void AddLiveCluster(this IHostApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration[RedisSetup.Setting])) return;
        var s = builder.Services;
        s.AddSingleton(new LiveKeys(ContestOptions.ResolveRedisPrefix(builder.Configuration)));
        s.AddSingleton(sp => new RoundBoardsKeeper(sp.GetRequiredService<IConnectionMultiplexer>(), sp.GetRequiredService<LiveKeys>(),
            sp.GetRequiredService<ILeaderboard>(), DbFactory(sp), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<RoundBoardsKeeper>>()));
        s.AddHostedService(sp => sp.GetRequiredService<RoundBoardsKeeper>());
    }

    /// <summary>POST /api/live/rebuild (Admin): rebuilds the round live boards in Redis from PostgreSQL now.</summary>
    public static void MapLiveCluster(this WebApplication app)
    {
        app.MapPost("/api/live/rebuild", async Task<Results<Ok<RebuildResult>, BadRequest<ErrorBody>>> (IServiceProvider sp, IConfiguration config) =>
        {
            // Resolved here, at the edge of the app, because it exists only when Redis is configured.
            if (sp.GetService<RoundBoardsKeeper>() is not { } keeper)
                return TypedResults.BadRequest(new ErrorBody("Redis is not configured: every board lives in this process, there is nothing to rebuild.", "no-redis"));
            var rounds = await keeper.RebuildNowAsync();
            var node = config[$"{ContestOptions.Section}:{nameof(ContestOptions.NodeName)}"] is { Length: > 0 } n ? n : Environment.MachineName;
            return TypedResults.Ok(new RebuildResult(0, rounds.Rounds, rounds.Participants, node));
        }).RequireAuthorization(p => p.RequireRole(Roles.Admin)).WithTags("Live games")
          .WithSummary("Rebuild the round live boards in Redis from PostgreSQL (after Redis lost its data). Live games keep nothing in Redis.");
    }

    private static Func<ContestDb> DbFactory(IServiceProvider sp)
    {
        var settings = sp.GetRequiredService<StorageSettings>();
        return () => StorageRegistration.Create(settings);
    }
}
