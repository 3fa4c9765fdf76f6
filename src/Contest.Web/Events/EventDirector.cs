using Contest.Engine.Events;
using Contest.Engine.Storage;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace Contest.Web.Events;

/// <summary>The organizer's actions on an event; every change reaches the event's projectors at once.</summary>
public sealed class EventDirector(ContestDb db, ProjectorViews views, IHubContext<ProjectorHub, IProjectorClient> hub, TimeProvider time)
{
    public sealed record Outcome(string? Error)
    {
        public static readonly Outcome Ok = new((string?)null);
    }

    public async Task<ContestEvent> CreateAsync(string title, string language, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var ev = new ContestEvent
        {
            Title = title.Trim(), Language = language, ProjectorToken = EventBranding.NewToken(),
            TokenIssuedAt = now, ScreenChangedAt = now, CreatedAt = now,
        };
        db.Set<ContestEvent>().Add(ev);
        await db.SaveChangesAsync(ct);
        return ev;
    }

    public async Task<Outcome> ShowAsync(int eventId, ScreenChoice choice, CancellationToken ct)
    {
        if (choice.Validate() is { } error) return new(error);
        if (!views.Supports(choice.Kind)) return new($"No {choice.Kind} screen is available on this server.");
        if (!await views.HasContentAsync(choice, ct)) return new($"There is no {choice.Kind} '{choice.Target}' to show.");
        var ev = await db.Set<ContestEvent>().FirstOrDefaultAsync(e => e.Id == eventId, ct);
        if (ev is null) return new($"Event {eventId} does not exist.");
        ev.Screen = choice with { Title = choice.Title?.Trim(), Text = choice.Text?.Trim() };
        ev.ScreenChangedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await PushAsync(ev, ct);
        return Outcome.Ok;
    }

    /// <summary>
    /// The event whose projectors show <paramref name="choice"/>: the newest one already showing it, else a new
    /// event made for it. Lets a feature's own "projector" button open the event machinery with one click.
    /// Null (with the reason) when the choice cannot be shown.
    /// </summary>
    public async Task<(ContestEvent? Event, string? Error)> ShowingAsync(ScreenChoice choice, string title, string language, CancellationToken ct)
    {
        // Few events exist at once, so filtering in memory is simpler than querying inside the JSON column.
        var existing = (await db.Set<ContestEvent>().AsNoTracking().OrderByDescending(e => e.Id).ToListAsync(ct))
            .FirstOrDefault(e => e.Screen.Kind == choice.Kind && e.Screen.Target == choice.Target);
        if (existing is not null) return (existing, null);
        if (choice.Validate() is { } invalid) return (null, invalid);
        if (!views.Supports(choice.Kind) || !await views.HasContentAsync(choice, ct)) return (null, $"There is no {choice.Kind} '{choice.Target}' to show.");
        var ev = await CreateAsync(title.Length > EventBranding.MaxTitle ? title[..EventBranding.MaxTitle] : title, language is "en" ? "en" : "vi", ct);
        ev.Screen = choice;
        await db.SaveChangesAsync(ct);
        return (ev, null);
    }

    public async Task<Outcome> BrandAsync(int eventId, string title, string subtitle, string? logoUrl, string primary, string accent, string language, CancellationToken ct)
    {
        if (EventBranding.Validate(title, primary, accent, logoUrl, language) is { } error) return new(error);
        var ev = await db.Set<ContestEvent>().FirstOrDefaultAsync(e => e.Id == eventId, ct);
        if (ev is null) return new($"Event {eventId} does not exist.");
        (ev.Title, ev.Subtitle, ev.LogoUrl, ev.PrimaryColor, ev.AccentColor, ev.Language) =
            (title.Trim(), subtitle.Trim(), string.IsNullOrWhiteSpace(logoUrl) ? null : logoUrl.Trim(), primary.ToLowerInvariant(), accent.ToLowerInvariant(), language);
        await db.SaveChangesAsync(ct);
        await PushAsync(ev, ct);
        return Outcome.Ok;
    }

    /// <summary>Issues a new projector link; projectors on the old one are told and receive nothing more.</summary>
    public async Task<Outcome> RevokeAsync(int eventId, CancellationToken ct)
    {
        var ev = await db.Set<ContestEvent>().FirstOrDefaultAsync(e => e.Id == eventId, ct);
        if (ev is null) return new($"Event {eventId} does not exist.");
        var old = ev.ProjectorToken;
        ev.ProjectorToken = EventBranding.NewToken();
        ev.TokenIssuedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await hub.Clients.Group(ProjectorGroups.ForToken(old)).Revoked();
        return Outcome.Ok;
    }

    private async Task PushAsync(ContestEvent ev, CancellationToken ct) =>
        await hub.Clients.Group(ProjectorGroups.ForToken(ev.ProjectorToken)).Show(await views.BuildAsync(ev, ct));
}
