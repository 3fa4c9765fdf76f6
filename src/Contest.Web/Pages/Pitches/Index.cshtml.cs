using Contest.Engine.Accounts;
using Contest.Engine.Pitches;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Contest.Web.Pages.Pitches;

[Authorize]
public sealed class IndexModel(PitchDesk desk, UserManager<AppUser> users) : PageModel
{
    public IReadOnlyList<PitchRoundSummary> Rounds { get; private set; } = [];
    public bool IsOrganizer { get; private set; }
    public bool IsJudge { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        IsOrganizer = User.IsInRole(Roles.Admin) || User.IsInRole(Roles.Organizer);
        IsJudge = User.IsInRole(Roles.Judge);
        Rounds = IsOrganizer || !IsJudge ? await desk.AllRoundsAsync(ct) : await desk.RoundsOfJudgeAsync(users.GetUserId(User)!, ct);
    }
}
