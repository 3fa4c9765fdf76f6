using Contest.Admin;
using Contest.Web.Pitches;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Contest.Web.Pages.Pitches;

[Authorize(Policy = AdminRegistration.AdminOrOrganizerPolicy)]
public sealed class ControlModel(IStringLocalizer<PitchesUi> p) : PageModel
{
    public int RoundId { get; private set; }
    public string Strings { get; private set; } = "{}";

    public void OnGet(int roundId)
    {
        RoundId = roundId;
        Strings = PitchStrings.Json(p);
    }
}
