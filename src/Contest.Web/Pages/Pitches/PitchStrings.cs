using System.Text.Json;
using Contest.Web.Pitches;
using Microsoft.Extensions.Localization;

namespace Contest.Web.Pages.Pitches;

/// <summary>The strings a pitch page's script needs, as JSON in the page (no second round trip, same culture as the page).</summary>
public static class PitchStrings
{
    public static string Json(IStringLocalizer<PitchesUi> p) =>
        JsonSerializer.Serialize(p.GetAllStrings(includeParentCultures: true).ToDictionary(s => s.Name, s => s.Value));
}
