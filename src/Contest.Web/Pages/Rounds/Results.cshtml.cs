using Contest.Engine.Accounts;
using Contest.Engine.Rounds;
using Contest.Engine.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Contest.Web.Pages.Rounds;

public sealed class ResultsModel(RoundResultsQuery results, ContestDb db) : PageModel
{
    public RoundResultsView? Results { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        // "Not published yet" is for a real round only; a round that does not exist is the site's 404 page.
        if (!await db.Set<ContestRound>().AnyAsync(r => r.Id == id, ct)) return NotFound();
        Results = await results.GetAsync(id, User.IsInRole(Roles.Admin) || User.IsInRole(Roles.Organizer), ct);
        return Page();
    }
}
