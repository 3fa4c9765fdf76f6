using Contest.Engine.Accounts;

namespace Contest.Web.Events;

public static class EventsSetup
{
    public const string DirectorPolicy = "EventDirector";

    public static void AddContestEvents(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSignalR();
        builder.Services.AddScoped<ProjectorViews>();
        builder.Services.AddScoped<EventDirector>();
        builder.Services.AddSingleton<ProjectorNotifier>();
        builder.Services.AddScoped<IScreenSource, Sources.PitchScreenSource>();
        builder.Services.AddScoped<IScreenSource, Sources.PitchVoteScreenSource>();
        builder.Services.AddScoped<IScreenSource, Sources.LiveGameScreenSource>();
        builder.Services.AddScoped<IScreenSource, Sources.RoundScreenSource>();
        builder.Services.AddScoped<IScreenSource, Sources.UnitsScreenSource>();
        builder.Services.AddAuthorizationBuilder().AddPolicy(DirectorPolicy, p => p.RequireRole(Roles.Admin, Roles.Organizer));
    }

    public static void MapContestEvents(this WebApplication app)
    {
        app.MapHub<ProjectorHub>(ProjectorHub.Path);
    }
}
