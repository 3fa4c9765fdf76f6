using System.Globalization;
using Contest.Engine.Accounts;
using Contest.Engine.Events;
using Contest.Engine.LiveGames;
using Contest.Engine.Storage;
using Contest.Web.Events;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Contest.Web.Pages.Live;

/// <summary>
/// The host page's projector button. The hall's screen is the event projector: this finds the event already showing
/// the game, or makes one, and opens its secret link (as the pitch round's button does). Hosts only: the link is the
/// projector's key.
/// </summary>
[Authorize(Roles = Roles.Admin + "," + Roles.Organizer)]
public sealed class ScreenModel(ContestDb db, EventDirector director) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var title = await db.Set<LiveGameRecord>().AsNoTracking().Where(g => g.Id == id).Select(g => g.Title).SingleOrDefaultAsync(ct);
        var ev = title is null ? null : (await director.ShowingAsync(new ScreenChoice(ScreenKind.LiveGame, id.ToString()), title,
            CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, ct)).Event;
        if (ev is not null) return Redirect("/screen/" + Uri.EscapeDataString(ev.ProjectorToken));
        // An unknown game, or one that is no longer running: said in words on a page, not a bare 404.
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
