using System.Security.Claims;
using Contest.Engine.Rounds;
using Contest.Engine.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Contest.Web.Pages.Rounds;

public sealed class IndexModel(ContestDb db, RoundAttempts attempts) : PageModel
{
    public IReadOnlyList<ContestRound> Rounds { get; private set; } = [];
    public RoundParticipant? Participant { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Rounds = (await db.Set<ContestRound>().AsNoTracking().ToListAsync(ct)).OrderByDescending(r => r.OpensAt).ToList();
        if (User.FindFirstValue(ClaimTypes.NameIdentifier) is { } id) Participant = await attempts.ParticipantOfUserAsync(id, ct);
    }

    public async Task<IActionResult> OnPostStartAsync(int roundId, CancellationToken ct)
    {
        if (User.FindFirstValue(ClaimTypes.NameIdentifier) is not { } id) return Challenge();
        var participant = await attempts.ParticipantOfUserAsync(id, ct);
        if (participant is null) return RedirectToPage("Register");
        var (view, error) = await attempts.StartAsync(roundId, participant.Id, ct);
        if (view is not null) return Redirect($"/rounds/attempt/{view.AttemptId}");
        Error = $"Take.Error.{error!.Code}";
        await OnGetAsync(ct);
        return Page();
    }
}
