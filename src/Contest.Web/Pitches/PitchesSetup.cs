using Contest.Engine.Pitches;
using Contest.Web.Events;
using Contest.Web.Leaderboards;

namespace Contest.Web.Pitches;

public static class PitchesSetup
{
    public static void AddPitches(this IHostApplicationBuilder builder)
    {
        // Another feature may register SignalR too; a second call is harmless. Judges' phones and the control desk
        // ask for their screen again after a Redis outage, as live clients do (Leaderboards/BackplaneResync.cs).
        builder.Services.AddSignalR().AddResync<PitchHub>();
        builder.Services.AddScoped<IPitchBroadcaster, SignalRPitchBroadcaster>();
        builder.Services.AddScoped<PitchDesk>();
        builder.Services.AddScoped<AudienceVoteDesk>();
        builder.Services.Configure<AudienceVoteOptions>(builder.Configuration.GetSection(AudienceVoteOptions.Section));
        builder.Services.AddSingleton(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<AudienceVoteOptions>>().Value);
        builder.Services.AddSingleton<VoteDevice>();
        builder.Services.AddSingleton<VoteThrottle>();
        builder.Services.AddScreenSource<PitchScreenSource>();
        builder.Services.AddScreenSource<PitchVoteScreenSource>();
    }

    public static void MapPitches(this WebApplication app)
    {
        app.MapHub<PitchHub>(PitchHub.Path);
        app.MapPitchApi();
        // The vote's QR is public: it only carries the vote page's address, which the projector shows anyway.
        app.MapGet("/pitch/vote/{roundId:int}/qr.svg", (int roundId, HttpContext http) =>
                TypedResults.Content(Events.QrSvg.For(QrSvg.Absolute(http, VotePath(roundId))), "image/svg+xml"))
            .AllowAnonymous().WithTags("Pitches").WithSummary("QR code (SVG) that opens the round's audience vote on a phone.");
    }

    public static string VotePath(int roundId) => $"/pitch/vote/{roundId}";
}
