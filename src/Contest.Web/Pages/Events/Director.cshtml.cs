using Contest.Engine.Events;
using Contest.Engine.Storage;
using Contest.Web.Events;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Contest.Web.Pages.Events;

[Authorize(Policy = EventsSetup.DirectorPolicy)]
public sealed class DirectorModel(ContestDb db, EventDirector director, ProjectorViews views) : PageModel
{
    public ContestEvent Event { get; private set; } = null!;
    public Dictionary<ScreenKind, IReadOnlyList<ScreenTarget>> Targets { get; } = [];
    [TempData] public string? Message { get; set; }
    [TempData] public string? Error { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var ev = await db.Set<ContestEvent>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct);
        if (ev is null) return NotFound();
        Event = ev;
        foreach (var source in views.Sources.OrderBy(s => s.Kind))
            Targets[source.Kind] = await source.TargetsAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostShowAsync(int id, ScreenKind kind, string? target, string? title, string? text, CancellationToken ct) =>
        Done(id, director.ShowAsync(id, new ScreenChoice(kind, string.IsNullOrWhiteSpace(target) ? null : target.Trim(), title, text), ct));

    public Task<IActionResult> OnPostBrandAsync(int id, string title, string? subtitle, string? logoUrl, string primary, string accent, string language, CancellationToken ct) =>
        Done(id, director.BrandAsync(id, title ?? "", subtitle ?? "", logoUrl, primary ?? "", accent ?? "", language ?? "", ct));

    public Task<IActionResult> OnPostRevokeAsync(int id, CancellationToken ct) => Done(id, director.RevokeAsync(id, ct));

    private async Task<IActionResult> Done(int id, Task<EventDirector.Outcome> action)
    {
        var outcome = await action;
        if (outcome.Error is null) Message = "ok"; else Error = outcome.Error;
        return RedirectToPage(new { id });
    }
}
