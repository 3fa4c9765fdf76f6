using Contest.Engine.Events;
using Contest.Engine.Storage;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace Contest.Web.Events;

/// <summary>Pushes a changed screen to the projectors of every event that shows it; see <see cref="IProjectorNotifier"/>.</summary>
public sealed class ProjectorNotifier(IServiceScopeFactory scopes, IHubContext<ProjectorHub, IProjectorClient> hub) : IProjectorNotifier
{
    // One change at a time: two changes close together (a team staged, then its timer started) would otherwise
    // build concurrently, and the view read first could be sent last, leaving the hall on the older state.
    private readonly SemaphoreSlim _order = new(1, 1);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(ScreenKind, string), byte> _soon = new();

    /// <summary>The push interval of <see cref="ContentChangedSoon"/>: projectors follow within a second.</summary>
    public static readonly TimeSpan Coalesce = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// For changes that come in floods (a thousand submits a second in a weekly round): at most one push per
    /// screen every <see cref="Coalesce"/>, off the caller's path, so the hall stays current without the
    /// submit waiting for projectors or every submit rebuilding every screen.
    /// </summary>
    public void ContentChangedSoon(ScreenKind kind, string target)
    {
        if (!_soon.TryAdd((kind, target), 0)) return;
        _ = Task.Run(async () =>
        {
            await Task.Delay(Coalesce);
            _soon.TryRemove((kind, target), out _);
            try { await ContentChangedAsync(kind, target); }
            catch (Exception) { /* a projector refresh is best effort; the next change or a reconnect shows the state */ }
        });
    }

    public async Task ContentChangedAsync(ScreenKind kind, string target, CancellationToken ct = default)
    {
        await _order.WaitAsync(ct);
        try
        {
            await PushAsync(kind, target, ct);
        }
        finally
        {
            _order.Release();
        }
    }

    private async Task PushAsync(ScreenKind kind, string target, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ContestDb>();
        var views = scope.ServiceProvider.GetRequiredService<ProjectorViews>();
        // Few events run at once, so filtering in memory after a small query is simpler than querying inside the JSON column.
        var events = await db.Set<ContestEvent>().AsNoTracking().ToListAsync(ct);
        foreach (var ev in events.Where(e => e.Screen.Kind == kind && e.Screen.Target == target))
            await hub.Clients.Group(ProjectorGroups.ForToken(ev.ProjectorToken)).Show(await views.BuildAsync(ev, ct));
    }
}
