using Contest.Engine.Events;
using Contest.Web.Events;
using Microsoft.Extensions.DependencyInjection;

namespace Contest.Testing.Events;

/// <summary>The director's first two steps, as tests take them: a new event, one screen on it.</summary>
public static class EventScreens
{
    /// <summary>Creates an event in <paramref name="app"/> showing <paramref name="screen"/>; returns its id and projector token.</summary>
    public static async Task<(int EventId, string Token)> ShowAsync(IServiceProvider app, string title, ScreenChoice screen, string language = "vi")
    {
        using var scope = app.CreateScope();
        var director = scope.ServiceProvider.GetRequiredService<EventDirector>();
        var ev = await director.CreateAsync(title, language, default);
        var shown = await director.ShowAsync(ev.Id, screen, default);
        if (shown.Error is not null) throw new InvalidOperationException($"The director refused {screen}: {shown.Error}");
        return (ev.Id, ev.ProjectorToken);
    }
}
