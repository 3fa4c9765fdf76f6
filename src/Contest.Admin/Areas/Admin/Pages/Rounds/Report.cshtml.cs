using Contest.Admin.Rounds;
using Contest.Engine.Rounds;
using Contest.Engine.Storage;
using Contest.Engine.Units;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Contest.Admin.Areas.Admin.Pages.Rounds;

public sealed class ReportModel(ContestDb db, RoundResultsQuery results, UnitDirectory directory) : PageModel
{
    public const int RankingShown = 200;
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public ContestRound? Round { get; private set; }
    public RoundResultsView? Results { get; private set; }
    public IReadOnlyList<UnitStat> Units { get; private set; } = [];

    /// <summary>The unit the tree is opened at (?unit=); null: the top of the tree.</summary>
    public UnitStat? Focus { get; private set; }

    /// <summary>The units above <see cref="Focus"/>, top first, each a link back up the tree.</summary>
    public IReadOnlyList<UnitStat> Above { get; private set; } = [];

    /// <summary>The rows shown: the focus (or the roots) and one level below, each row the subtotal of its whole subtree.
    /// A province's ~2,000 units in one table would bury the few rows an organizer looks for.</summary>
    public IReadOnlyList<UnitStat> Shown { get; private set; } = [];
    public IReadOnlyList<Qualifier> Qualifiers { get; private set; } = [];
    public IReadOnlyDictionary<int, string> Names { get; private set; } = new Dictionary<int, string>();

    /// <summary>Each ranked participant's unit as its path: "Chi đoàn 1A" alone names a chapter in many schools.</summary>
    public IReadOnlyDictionary<int, string> UnitPaths { get; private set; } = new Dictionary<int, string>();

    public async Task<IActionResult> OnGetAsync(int id, int? unit, CancellationToken ct)
    {
        Round = await db.Set<ContestRound>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        if (Round is null) return NotFound();
        Results = await results.GetAsync(id, staff: true, ct);
        if (Results is not null)
        {
            var ranked = Results.Ranking.Take(RankingShown).Select(r => r.ParticipantId).ToList();
            var unitOf = await db.Set<RoundParticipant>().AsNoTracking().Where(p => ranked.Contains(p.Id) && p.UnitId != null)
                .Select(p => new { p.Id, UnitId = p.UnitId!.Value }).ToListAsync(ct);
            var paths = new Dictionary<int, string>();
            foreach (var p in unitOf)
                if (await directory.FindAsync(p.UnitId, ct) is { } unitEntry) paths[p.Id] = unitEntry.PathText;
            UnitPaths = paths;
        }
        Units = await UnitStatistics.ForRoundAsync(db, id, ct);
        OpenTree(unit);
        Qualifiers = await Qualification.QualifiersAsync(db, Round, ct);
        var ids = Qualifiers.Select(q => q.ParticipantId).ToList();
        Names = await db.Set<RoundParticipant>().AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.FullName, ct);
        return Page();
    }

    private void OpenTree(int? unit)
    {
        var byId = Units.ToDictionary(u => u.UnitId);
        var roots = Units.Where(u => u.ParentId is null).ToList();
        Focus = unit is { } f && byId.TryGetValue(f, out var chosen) ? chosen : roots.Count == 1 ? roots[0] : null;
        var above = new List<UnitStat>();
        for (var at = Focus?.ParentId; at is { } p && byId.TryGetValue(p, out var parent) && above.Count < 32; at = parent.ParentId) above.Insert(0, parent);
        Above = above;
        Shown = Focus is null
            ? roots
            : [Focus, .. Units.Where(u => u.ParentId == Focus.UnitId)];
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
