using Contest.Admin.Contests;
using Contest.Admin.Localization;
using Contest.Engine.Demo;
using Contest.Engine.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Contest.Admin.Areas.Admin.Pages;

/// <summary>
/// Removes the demo data (<see cref="DemoCleaner"/>) once the admin types the confirmation phrase: a click alone is
/// too easy for something that cannot be undone. Admin only; organizers see the result, not the button.
/// </summary>
[Authorize(Policy = AdminRegistration.AdminOnlyPolicy)]
public sealed class StartCleanModel(ContestDb db, TimeProvider time, IStringLocalizer<ContestsUi> c) : PageModel
{
    [BindProperty] public string? Confirmation { get; set; }
    public DemoCleanup Pending { get; private set; } = new(0, 0, 0, 0, 0, []);
    public string? Done { get; private set; }
    public string? Kept { get; private set; }
    public string? Error { get; private set; }

    public string Phrase => c["Clean.Phrase"];

    public async Task OnGetAsync(CancellationToken ct) => Pending = await DemoCleaner.PreviewAsync(db, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // Compared after NFC and trimming, so a phrase typed on a phone keyboard (decomposed accents) still matches.
        var typed = Engine.Text.TextNormalizer.CollapseSpaces(Engine.Text.TextNormalizer.Nfc(Confirmation ?? ""));
        if (!string.Equals(typed, Phrase, StringComparison.Ordinal))
        {
            ModelState.AddModelError(nameof(Confirmation), c["Clean.WrongPhrase", Phrase]);
            Pending = await DemoCleaner.PreviewAsync(db, ct);
            return Page();
        }
        var result = await DemoCleaner.RemoveAsync(db, time, ct);
        Done = c["Clean.Done", Describe(result)];
        if (result.Kept.Count > 0) Kept = c["Clean.Kept", string.Join(", ", result.Kept)];
        Pending = await DemoCleaner.PreviewAsync(db, ct);
        return Page();
    }

    public string Describe(DemoCleanup r)
    {
        var parts = new List<string>();
        if (r.Contests > 0) parts.Add(c.Count("Clean.Contests", r.Contests));
        if (r.Units > 0) parts.Add(c.Count("Clean.Units", r.Units));
        if (r.Banks > 0) parts.Add(c.Count("Clean.Banks", r.Banks));
        if (r.PitchRounds > 0) parts.Add(c.Count("Clean.PitchRounds", r.PitchRounds));
        if (r.Other > 0) parts.Add(c.Count("Clean.Other", r.Other));
        return parts.Count == 0 ? c["Clean.Nothing"] : string.Join(", ", parts);
    }
}
