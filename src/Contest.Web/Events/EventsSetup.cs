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
        builder.Services.AddSingleton<IProjectorNotifier>(sp => sp.GetRequiredService<ProjectorNotifier>());
        builder.Services.AddAuthorizationBuilder().AddPolicy(DirectorPolicy, p => p.RequireRole(Roles.Admin, Roles.Organizer));
    }

    /// <summary>A feature's screen for the projectors; the feature registers it, so Events knows no feature.</summary>
    public static IServiceCollection AddScreenSource<T>(this IServiceCollection services) where T : class, IScreenSource =>
        services.AddScoped<IScreenSource, T>();

    public static void MapContestEvents(this WebApplication app)
    {
        app.MapHub<ProjectorHub>(ProjectorHub.Path);
    }
}
