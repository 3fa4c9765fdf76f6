using Microsoft.AspNetCore.SignalR;
using System.Text.Json.Serialization;
using Contest.Engine.LiveGames;
using Contest.Engine.Storage;
using Contest.Web.Leaderboards;

namespace Contest.Web.LiveGames;

public static class LiveGamesSetup
{
    /// <summary>The live game: the silo with the game grains, engine service, group-commit writer, SignalR hub.</summary>
    public static void AddLiveGames(this IHostApplicationBuilder builder, StorageSettings storage)
    {
        builder.AddLiveSilo(storage);
        var s = builder.Services;
        s.AddSignalR()
            .AddHubOptions<LiveHub>(o =>
            {
                o.AddFilter<LiveHubFilter>();
                o.EnableDetailedErrors = true;
            })
            .AddResync<LiveHub>()
            // Projectors of live games follow them through the backplane too: they re-sync with the live clients.
            .AddResync<Events.ProjectorHub>()
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
            .AddContestBackplane(builder.Configuration);
        s.AddSingleton<LiveHubFilter>();
        // HTTP JSON keeps the framework's defaults for every feature; the live enums carry their own string converter.
        s.AddSingleton(new LiveOptions
        {
            MaxPlayersPerGame = builder.Configuration.GetValue<int?>($"{Admission.AdmissionOptions.Section}:MaxPlayersPerGame") ?? new Admission.AdmissionOptions().MaxPlayersPerGame,
        });
        s.AddSingleton<ILiveBroadcaster, SignalRBroadcaster>();
        s.AddSingleton(sp => new LiveWriter(DbFactory(sp)));
        s.AddSingleton<ILivePins, GrainLivePins>();
        s.AddSingleton<ILiveStateStore>(sp => new DbLiveStateStore(DbFactory(sp)));
        s.AddSingleton(sp => new LiveGameService(
            sp.GetRequiredService<ILivePins>(), sp.GetRequiredService<ILiveBroadcaster>(), sp.GetRequiredService<LiveWriter>(), DbFactory(sp),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<LiveOptions>(), sp.GetRequiredService<ILiveStateStore>()));
        s.AddSingleton<LivePlay>();
        s.AddSingleton<LiveFinals>();
        s.AddSingleton<LivesHere>();
        s.AddSingleton(sp =>
        {
            var here = sp.GetRequiredService<LivesHere>();
            return new QuietCollector(sp.GetRequiredService<TimeProvider>(), () => Task.FromResult(!here.AnyQuestionOpen));
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
