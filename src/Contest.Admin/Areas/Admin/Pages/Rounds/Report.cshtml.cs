using Contest.Admin.Rounds;
using Contest.Engine.Rounds;
using Contest.Engine.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Contest.Admin.Areas.Admin.Pages.Rounds;

public sealed class ReportModel(ContestDb db, RoundResultsQuery results) : PageModel
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public ContestRound? Round { get; private set; }
    public RoundResultsView? Results { get; private set; }
    public IReadOnlyList<UnitStat> Units { get; private set; } = [];
    public IReadOnlyList<Qualifier> Qualifiers { get; private set; } = [];
    public IReadOnlyDictionary<int, string> Names { get; private set; } = new Dictionary<int, string>();

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        Round = await db.Set<ContestRound>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        if (Round is null) return NotFound();
        Results = await results.GetAsync(id, staff: true, ct);
        Units = await UnitStatistics.ForRoundAsync(db, id, ct);
        Qualifiers = await Qualification.QualifiersAsync(db, Round, ct);
        var ids = Qualifiers.Select(q => q.ParticipantId).ToList();
        Names = await db.Set<RoundParticipant>().AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.FullName, ct);
        return Page();
    }

    public async Task<IActionResult> OnGetRankingXlsxAsync(int id, CancellationToken ct)
    {
        var view = await results.GetAsync(id, staff: true, ct);
        if (view is null) return NotFound();
        return File(await RoundWorkbook.RankingAsync(db, view, ct), Xlsx, $"round-{id}-ranking.xlsx");
    }

    public async Task<IActionResult> OnGetQualifiersXlsxAsync(int id, CancellationToken ct)
    {
        var round = await db.Set<ContestRound>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        if (round is null) return NotFound();
        var q = await Qualification.QualifiersAsync(db, round, ct);
        var ids = q.Select(x => x.ParticipantId).ToList();
        var names = await db.Set<RoundParticipant>().AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.FullName, ct);
        return File(RoundWorkbook.Qualifiers(q, names), Xlsx, $"round-{id}-qualifiers.xlsx");
    }
}
