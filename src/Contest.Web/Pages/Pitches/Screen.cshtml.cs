using System.Globalization;
using Contest.Engine.Events;
using Contest.Engine.Storage;
using Contest.Web.Events;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Contest.Web.Pages.Pitches;

/// <summary>
/// The pitch round's projector button. The hall's screen is the event projector (one page, one hub for every
/// kind of screen): this finds the event showing the round, or makes one, and opens its secret link.
/// Organizers only, because the link it hands out is the projector's key.
/// </summary>
[Authorize(Policy = EventsSetup.DirectorPolicy)]
public sealed class ScreenModel(ContestDb db, EventDirector director) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int roundId, CancellationToken ct)
    {
        var round = await (from r in db.PitchRounds.AsNoTracking()
                           join c in db.Contests on r.ContestId equals c.Id
                           where r.Id == roundId
                           select new { r.Name, Contest = c.Name, c.Language }).SingleOrDefaultAsync(ct);
        if (round is null) return NotFound();
        var (ev, _) = await director.ShowingAsync(new ScreenChoice(ScreenKind.Pitch, roundId.ToString(CultureInfo.InvariantCulture)), $"{round.Contest} — {round.Name}", round.Language, ct);
        return ev is null ? NotFound() : Redirect("/screen/" + Uri.EscapeDataString(ev.ProjectorToken));
    }
}
