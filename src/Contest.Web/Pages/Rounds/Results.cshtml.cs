using System.Security.Claims;
using Contest.Engine.Accounts;
using Contest.Engine.Rounds;
using Contest.Engine.Rounds.Integrity;
using Contest.Engine.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Contest.Web.Pages.Rounds;

public sealed class ResultsModel(RoundResultsQuery results, RankChain chains, RoundAttempts attempts, ContestDb db) : PageModel
{
    public RoundResultsView? Results { get; private set; }

    /// <summary>The signed-in participant's place explained, once published; null for others and for entries not ranked.</summary>
    public RankChainView? Chain { get; private set; }

    /// <summary>The signed-in participant's entry was voided in this round's review: the reason, for them alone.</summary>
    public string? VoidedReason { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        // "Not published yet" is for a real round only; a round that does not exist is the site's 404 page.
        if (!await db.Set<ContestRound>().AnyAsync(r => r.Id == id, ct)) return NotFound();
        Results = await results.GetAsync(id, User.IsInRole(Roles.Admin) || User.IsInRole(Roles.Organizer), ct);
        if (Results is { Status: RoundStatus.Published } && User.FindFirstValue(ClaimTypes.NameIdentifier) is { } user
            && await attempts.ParticipantOfUserAsync(user, ct) is { } me)
        {
            Chain = await chains.ForAsync(id, me.Id, ct);
            if (Chain is null)
            {
                VoidedReason = await db.Set<IntegrityDecision>().AsNoTracking()
                    .Where(d => d.RoundId == id && d.ParticipantId == me.Id && d.Outcome == DecisionOutcome.Voided && d.UndoneAt == null).Select(d => d.Reason).FirstOrDefaultAsync(ct);
            }
        }
        return Page();
    }
}
