using Contest.Engine.Contests;
using Contest.Engine.Events;
using Contest.Engine.Storage;
using Contest.Web.Events;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Contest.Web.Pages.Events;

[Authorize(Policy = EventsSetup.DirectorPolicy)]
public sealed class IndexModel(ContestDb db, EventDirector director, Microsoft.Extensions.Localization.IStringLocalizer<EventsUi> e) : PageModel
{
    public IReadOnlyList<ContestEvent> Events { get; private set; } = [];
    [BindProperty] public string Title { get; set; } = "";
    [BindProperty] public string Language { get; set; } = "vi";
    [BindProperty] public List<int> ContestIds { get; set; } = [];
    public string? Error { get; private set; }

    /// <summary>Contests offered for a new event: any kind, not archived.</summary>
    public IReadOnlyList<ContestInfo> Contests { get; private set; } = [];
    private List<(int? EventId, string Name)> _filed = [];

    public IEnumerable<string> ContestsOf(int eventId) => _filed.Where(f => f.EventId == eventId).Select(f => f.Name);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Events = await db.Set<ContestEvent>().AsNoTracking().OrderByDescending(e => e.Id).ToListAsync(ct);
        Contests = await db.Contests.AsNoTracking().Where(c => c.ArchivedAt == null).OrderBy(c => c.Name).ToListAsync(ct);
        _filed = [.. (await db.Contests.AsNoTracking().Where(c => c.EventId != null).OrderBy(c => c.Name).Select(c => new { c.EventId, c.Name }).ToListAsync(ct)).Select(c => (c.EventId, c.Name))];
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Error = DirectorChecks.Branding(e, Title, ContestEvent.UnionBlue, ContestEvent.UnionYellow, null, Language);
        var chosen = ContestIds.Distinct().ToList();
        if (Error is null && await db.Contests.CountAsync(c => chosen.Contains(c.Id) && c.ArchivedAt == null, ct) != chosen.Count)
            Error = e["Events.ContestMissing"];
        if (Error is null && ModelState.Any(m => m.Key.StartsWith(nameof(ContestIds), StringComparison.Ordinal) && m.Value is { Errors.Count: > 0 }))
            Error = e["Events.ContestMissing"];
        if (Error is not null)
        {
            await OnGetAsync(ct);
            return Page();
        }
        var ev = await director.CreateAsync(Title.Trim(), Language, ct);
        if (chosen.Count > 0)
            await db.Contests.Where(c => chosen.Contains(c.Id)).ExecuteUpdateAsync(s => s.SetProperty(c => c.EventId, ev.Id), ct);
        return RedirectToPage("Director", new { id = ev.Id });
    }
}
