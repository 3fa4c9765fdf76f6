using Contest.Engine.Accounts;
using Contest.Engine.Pitches;
using Contest.Web.Pitches;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Contest.Web.Pages.Pitches;

/// <summary>The judge's phone: the page is a shell; scores come and go through /api/pitch, where the rules are checked.</summary>
[Authorize(Roles = Roles.Judge)]
public sealed class JudgeModel(PitchDesk desk, UserManager<AppUser> users, IStringLocalizer<PitchesUi> p) : PageModel
{
    public int RoundId { get; private set; }
    public string Strings { get; private set; } = "{}";

    public async Task<IActionResult> OnGetAsync(int roundId, CancellationToken ct)
    {
        if (!await desk.IsJudgeOfAsync(roundId, users.GetUserId(User)!, ct)) return Forbid();
        RoundId = roundId;
        Strings = PitchStrings.Json(p);
        return Page();
    }
}
