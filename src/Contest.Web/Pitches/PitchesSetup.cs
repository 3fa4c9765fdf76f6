using Contest.Engine.Pitches;

namespace Contest.Web.Pitches;

public static class PitchesSetup
{
    public static void AddPitches(this IHostApplicationBuilder builder)
    {
        // Another feature may register SignalR too; a second call is harmless.
        builder.Services.AddSignalR();
        builder.Services.AddScoped<IPitchBroadcaster, SignalRPitchBroadcaster>();
        builder.Services.AddScoped<PitchDesk>();
    }

    public static void MapPitches(this WebApplication app)
    {
        app.MapHub<PitchHub>(PitchHub.Path);
        app.MapPitchApi();
    }
}
