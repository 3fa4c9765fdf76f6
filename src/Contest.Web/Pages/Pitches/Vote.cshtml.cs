using Contest.Engine.Pitches;
using Contest.Engine.Storage;
using Contest.Web.Pitches;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Contest.Web.Pages.Pitches;

/// <summary>
/// The people's-choice vote from a phone, reached by the projector's QR code, without an account: this page gives the
/// phone its signed device cookie, and shows the phone's earlier vote after a reload.
/// </summary>
[AllowAnonymous]
public sealed class VoteModel(ContestDb db, VoteDevice device, AudienceVoteDesk votes, IStringLocalizer<PitchesUi> p) : PageModel
{
    public int RoundId { get; private set; }
    public string RoundName { get; private set; } = "";
    public IReadOnlyList<PitchTeam> Teams { get; private set; } = [];
    public VotesView? Votes { get; private set; }
    public MyVote? Mine { get; private set; }
    public string Strings { get; private set; } = "{}";

    public async Task<IActionResult> OnGetAsync(int roundId, CancellationToken ct)
    {
        var round = await db.PitchRounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundId, ct);
        if (round is null) return NotFound();
        RoundId = roundId;
        RoundName = round.Name;
        Teams = await db.PitchTeams.AsNoTracking().Where(t => t.RoundId == roundId).OrderBy(t => t.Order).ThenBy(t => t.Id).ToListAsync(ct);
        Mine = await votes.MyVoteAsync(roundId, device.Ensure(HttpContext), ct);
        Votes = (await votes.VotesAsync(roundId, organizer: false, ct)).Value;
        Strings = PitchStrings.Json(p);
        // The page says what this phone did; a cached copy would show another moment's state.
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
