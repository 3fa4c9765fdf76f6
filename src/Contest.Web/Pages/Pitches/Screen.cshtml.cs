using Contest.Web.Pitches;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Contest.Web.Pages.Pitches;

/// <summary>The hall's screen: it shows only what is public (locked teams, the team on stage, the audience vote), so it needs no sign-in.</summary>
[AllowAnonymous]
public sealed class ScreenModel(IStringLocalizer<PitchesUi> p) : PageModel
{
    public int RoundId { get; private set; }
    public string Strings { get; private set; } = "{}";

    public void OnGet(int roundId)
    {
        RoundId = roundId;
        Strings = PitchStrings.Json(p);
    }
}
