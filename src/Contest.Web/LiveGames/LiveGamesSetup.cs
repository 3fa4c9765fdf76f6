using Microsoft.AspNetCore.SignalR;
using System.Text.Json.Serialization;
using Contest.Engine.Leaderboards;
using Contest.Engine.LiveGames;
using Contest.Engine.Storage;
using Contest.Web.Leaderboards;

namespace Contest.Web.LiveGames;

public static class LiveGamesSetup
{
    /// <summary>The live game: engine service, in-process game store, group-commit writer, SignalR hub.</summary>
    public static void AddLiveGames(this IHostApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddSignalR()
            .AddHubOptions<LiveHub>(o =>
            {
                o.AddFilter<LiveHubFilter>();
                o.EnableDetailedErrors = true;
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
            .AddContestBackplane(builder.Configuration);
        s.AddSingleton<LiveHubFilter>();
        // HTTP JSON keeps the framework's defaults for every feature; the live enums carry their own string converter.
        s.AddSingleton(new LiveOptions
        {
            MaxPlayersPerGame = builder.Configuration.GetValue<int?>($"{Admission.AdmissionOptions.Section}:MaxPlayersPerGame") ?? new Admission.AdmissionOptions().MaxPlayersPerGame,
        });
        s.AddSingleton<ILiveGameStore, InProcessLiveGameStore>();
        s.AddSingleton<ILiveBroadcaster, SignalRBroadcaster>();
        s.AddSingleton(sp => new LiveWriter(DbFactory(sp)));
        s.AddSingleton(sp => new LiveGameService(
            sp.GetRequiredService<ILiveGameStore>(), sp.GetRequiredService<ILeaderboard>(), sp.GetRequiredService<ILiveBroadcaster>(),
            sp.GetRequiredService<LiveWriter>(), DbFactory(sp), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<LiveOptions>(),
            sp.GetService<ILiveSync>()));
        s.AddSingleton<LivePlay>();
        s.AddSingleton(sp =>
        {
            var store = sp.GetRequiredService<ILiveGameStore>();
            return new QuietCollector(sp.GetRequiredService<TimeProvider>(), async () => (await store.ActiveAsync()).All(g => g.Phase != GamePhase.Question));
        });
        s.AddScoped<LiveGameFactory>();
        Events.EventsSetup.AddScreenSource<LiveGameScreenSource>(s);
    }

    public static void MapLiveGames(this WebApplication app)
    {
        app.MapHub<LiveHub>(LiveHub.Path);
        app.MapLiveGamesApi();
    }

    private static Func<ContestDb> DbFactory(IServiceProvider sp)
    {
        var settings = sp.GetRequiredService<StorageSettings>();
        return () => StorageRegistration.Create(settings);
    }
}
