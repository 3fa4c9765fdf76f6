using Contest.Engine.Contests;
using Contest.Engine.Pitches;
using Contest.Engine.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Contest.Admin.Areas.Admin.Pages.Pitches;

public sealed class IndexModel(ContestDb db, PitchDesk desk) : PageModel
{
    public IReadOnlyList<RoundSummary> Rounds { get; private set; } = [];
    public IReadOnlyList<ContestInfo> Contests { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Rounds = await desk.AllRoundsAsync(ct);
        Contests = await db.Contests.AsNoTracking().Where(c => c.Kind == ContestKind.Pitch).OrderBy(c => c.Id).ToListAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(int contestId, string? name, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(name) || !await db.Contests.AnyAsync(c => c.Id == contestId && c.Kind == ContestKind.Pitch, ct))
            return BadRequest(new { error = "Choose a pitch contest and give the round a name." });
        var round = new PitchRound { ContestId = contestId, Name = name.Trim() };
        db.PitchRounds.Add(round);
        await db.SaveChangesAsync(ct);
        return Redirect($"/admin/pitches/round/{round.Id}");
    }
}
