using Contest.Admin.Units;
using Contest.Engine.Storage;
using Contest.Engine.Text;
using Contest.Engine.Units;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Contest.Admin.Areas.Admin.Pages.Units;

/// <summary>The organisation tree; new units go under a parent of a higher level (<see cref="Unit.CheckPlacement"/>).</summary>
public sealed class IndexModel(ContestDb db, IStringLocalizer<UnitsUi> u) : PageModel
{
    public List<Unit> Roots { get; private set; } = [];
    public List<Unit> All { get; private set; } = [];
    public string? Error { get; private set; }
    public bool Created { get; private set; }

    [BindProperty] public string Name { get; set; } = "";
    [BindProperty] public UnitLevel Level { get; set; } = UnitLevel.Chapter;
    [BindProperty] public int? ParentId { get; set; }
    [BindProperty] public int MemberCount { get; set; }

    public async Task OnGetAsync(bool created, CancellationToken ct)
    {
        Created = created;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var name = TextNormalizer.CollapseSpaces(TextNormalizer.Nfc(Name ?? ""));
        var parent = ParentId is { } pid ? await db.Set<Unit>().FindAsync([pid], ct) : null;
        if (name.Length == 0 || name.Length > 200) Error = u["Units.NameRequired"];
        else if (ParentId is not null && parent is null) return NotFound();
        else if (!Enum.IsDefined(Level) || MemberCount < 0) Error = u["Units.NameRequired"];
        else if (Unit.CheckPlacement(Level, parent?.Level) is not null)
            Error = parent is null ? u["Units.OnlyProvinceRoot"] : u["Units.BadPlacement", u["Level." + Level], u["Level." + parent.Level]];
        else if (await db.Set<Unit>().AnyAsync(x => x.ParentId == ParentId && x.Name == name, ct)) Error = u["Units.Taken"];
        if (Error is not null) { await LoadAsync(ct); return Page(); }
        db.Add(new Unit { Name = name, Level = Level, ParentId = ParentId, MemberCount = MemberCount });
        await db.SaveChangesAsync(ct);
        return RedirectToPage("Index", new { created = true });
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        All = await db.Set<Unit>().OrderBy(x => x.Level).ThenBy(x => x.Name).ToListAsync(ct);
        // Loading all units once wires Children through the change tracker; the tree is small (a province's units).
        Roots = [.. All.Where(x => x.ParentId is null)];
    }
}
