using Contest.Engine.Pitches;
using Contest.Engine.Storage;
using Contest.Web.Pitches;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Contest.Web.Pages.Pitches;

/// <summary>The people's-choice vote from a phone: one vote per account (enforced by the API and a unique index).</summary>
[Authorize]
public sealed class VoteModel(ContestDb db, IStringLocalizer<PitchesUi> p) : PageModel
{
    public int RoundId { get; private set; }
    public IReadOnlyList<PitchTeam> Teams { get; private set; } = [];
    public string Strings { get; private set; } = "{}";

    public async Task<IActionResult> OnGetAsync(int roundId, CancellationToken ct)
    {
        if (!await db.PitchRounds.AnyAsync(r => r.Id == roundId, ct)) return NotFound();
        RoundId = roundId;
        Teams = await db.PitchTeams.AsNoTracking().Where(t => t.RoundId == roundId).OrderBy(t => t.Order).ThenBy(t => t.Id).ToListAsync(ct);
        Strings = PitchStrings.Json(p);
        return Page();
    }
}
