using Contest.Engine.Pitches;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Contest.Web.Pages.Pitches;

/// <summary>Public results: locked teams only, each with the arithmetic that made its score.</summary>
[AllowAnonymous]
public sealed class ResultsModel(PitchDesk desk, AudienceVoteDesk votes) : PageModel
{
    public PitchReport? Report { get; private set; }
    public VotesView? Votes { get; private set; }

    /// <summary>Organizers also see the robustness report (would another method change the places?).</summary>
    public bool IsOrganizer { get; private set; }

    public async Task<IActionResult> OnGetAsync(int roundId, CancellationToken ct)
    {
        var report = await desk.ReportAsync(roundId, lockedOnly: true, ct);
        if (!report.Ok) return NotFound();
        Report = report.Value;
        IsOrganizer = User.IsInRole(Contest.Engine.Accounts.Roles.Admin) || User.IsInRole(Contest.Engine.Accounts.Roles.Organizer);
        // The hall's totals only once the organizer has closed the vote.
        Votes = (await votes.VotesAsync(roundId, organizer: false, ct)).Value;
        return Page();
    }
}
