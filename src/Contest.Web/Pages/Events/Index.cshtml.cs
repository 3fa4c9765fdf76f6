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
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) =>
        Events = await db.Set<ContestEvent>().AsNoTracking().OrderByDescending(e => e.Id).ToListAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Error = DirectorChecks.Branding(e, Title, ContestEvent.UnionBlue, ContestEvent.UnionYellow, null, Language);
        if (Error is not null)
        {
            await OnGetAsync(ct);
            return Page();
        }
        var ev = await director.CreateAsync(Title.Trim(), Language, ct);
        return RedirectToPage("Director", new { id = ev.Id });
    }
}
