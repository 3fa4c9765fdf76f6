using System.Security.Claims;
using Contest.Engine.Rounds;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Contest.Web.Pages.Rounds;

/// <summary>The participant's own attempt with the right answers and explanations; refused (403) until the round has closed.</summary>
[Authorize]
public sealed class ReviewModel(RoundAttempts attempts, RoundReview reviews) : PageModel
{
    [BindProperty(SupportsGet = true)] public long AttemptId { get; set; }

    public AttemptReview? Review { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (User.FindFirstValue(ClaimTypes.NameIdentifier) is not { } id || await attempts.ParticipantIdOfUserAsync(id, ct) is not { } pid) return RedirectToPage("Register");
        var (review, error) = await reviews.GetAsync(AttemptId, pid, ct);
        if (error is { Code: "not-found" }) return NotFound();
        if (error is not null) Response.StatusCode = StatusCodes.Status403Forbidden;
        Review = review;
        return Page();
    }
}
