using Contest.Admin.Contests;
using Contest.Admin.Pitches;
using Contest.Engine.Contests;
using Contest.Engine.Pitches;
using Contest.Engine.Storage;
using Contest.Engine.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Contest.Admin.Areas.Admin.Pages.Pitches;

public sealed class IndexModel(ContestDb db, PitchDesk desk, IStringLocalizer<PitchAdminUi> a) : PageModel
{
    public IReadOnlyList<PitchRoundSummary> Rounds { get; private set; } = [];
    public IReadOnlyList<ContestInfo> Contests { get; private set; } = [];

    [BindProperty] public int? ContestId { get; set; }
    [BindProperty] public string? Name { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var name = TextNormalizer.CollapseSpaces(TextNormalizer.Nfc(Name ?? ""));
        if (name.Length == 0) ModelState.AddModelError(nameof(Name), a["Err.RoundName"]);
        else if (name.Length > 300) ModelState.AddModelError(nameof(Name), a["Err.TooLong", name.Length, 300]);
        if (ContestId is not { } contestId || !await ContestChoices.IsOfferedAsync(db, ContestKind.Pitch, contestId, ct))
            ModelState.AddModelError(nameof(ContestId), a["Err.Contest"]);
        if (!ModelState.IsValid) { await LoadAsync(ct); return Page(); }
        var round = new PitchRound { ContestId = ContestId!.Value, Name = name };
        db.PitchRounds.Add(round);
        await db.SaveChangesAsync(ct);
        return Redirect($"/admin/pitches/round/{round.Id}");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Rounds = await desk.AllRoundsAsync(ct);
        Contests = await ContestChoices.OfKindAsync(db, ContestKind.Pitch, null, ct);
    }
}
