using Contest.Admin.Localization;
using Contest.Admin.Units;
using Contest.Engine.Storage;
using Contest.Engine.Text;
using Contest.Engine.Units;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Contest.Admin.Areas.Admin.Pages.Units;

/// <summary>The organisation tree; new units go under a parent of a higher level (<see cref="Unit.CheckPlacement"/>).</summary>
public sealed class IndexModel(ContestDb db, IStringLocalizer<UnitsUi> u, IStringLocalizer<Forms> f) : PageModel
{
    public List<Unit> Roots { get; private set; } = [];
    public List<Unit> All { get; private set; } = [];
    public string? Error { get; private set; }
    public bool Created { get; private set; }
    public string? Deleted { get; private set; }
    public Dictionary<int, string> Paths { get; private set; } = [];

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public UnitLevel? Level { get; set; } = UnitLevel.Chapter;
    [BindProperty] public int? ParentId { get; set; }
    [BindProperty] public int? MemberCount { get; set; }
    [BindProperty] public string? Code { get; set; }

    public async Task OnGetAsync(bool created, string? deleted, CancellationToken ct)
    {
        Created = created;
        Deleted = deleted;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var name = TextNormalizer.CollapseSpaces(TextNormalizer.Nfc(Name ?? ""));
        var parent = ParentId is { } pid ? await db.Set<Unit>().FindAsync([pid], ct) : null;
        if (name.Length == 0) ModelState.AddModelError(nameof(Name), u["Units.NameRequired"]);
        else if (name.Length > 200) ModelState.AddModelError(nameof(Name), u["Users.TooLong", name.Length, 200]);
        if (Level is not { } level || !Enum.IsDefined(level)) { Unless(nameof(Level), u["Units.LevelRequired"]); level = UnitLevel.Chapter; }
        if (MemberCount is < 0 or > 10_000_000) ModelState.AddModelError(nameof(MemberCount), u["Units.MembersInvalid"]);
        if (ParentId is not null && parent is null) ModelState.AddModelError(nameof(ParentId), u["Units.ParentMissing"]);
        var code = Unit.CleanCode(Code);
        if (code is not null && !Unit.IsValidCode(code)) ModelState.AddModelError(nameof(Code), u["Units.CodeInvalid"]);
        else if (code is not null && await db.Set<Unit>().Where(x => x.Code == code).Select(x => x.Name).FirstOrDefaultAsync(ct) is { } holder)
            ModelState.AddModelError(nameof(Code), u["Units.CodeTaken", code, holder]);
        if (ModelState.IsValid && Unit.CheckPlacement(level, parent?.Level) is { } placement)
            ModelState.AddModelError(nameof(ParentId), u.Placement(placement, level, parent?.Level));
        if (ModelState.IsValid && await db.Set<Unit>().AnyAsync(x => x.ParentId == ParentId && x.Name == name, ct)) ModelState.AddModelError(nameof(Name), u["Units.Taken"]);
        if (!ModelState.IsValid)
        {
            Error = f["Form.FixBelow"];
            await LoadAsync(ct);
            return Page();
        }
        db.Add(new Unit { Name = name, Code = code, Level = level, ParentId = ParentId, MemberCount = MemberCount ?? 0 });
        await db.SaveChangesAsync(ct);
        return RedirectToPage("Index", new { created = true });
    }

    /// <summary>An empty field's message, unless binding already said what was wrong with what was typed.</summary>
    private void Unless(string field, string message)
    {
        if (ModelState.GetFieldValidationState(field) != ModelValidationState.Invalid) ModelState.AddModelError(field, message);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        All = await db.Set<Unit>().OrderBy(x => x.Level).ThenBy(x => x.Name).ToListAsync(ct);
        // Loading all units once wires Children through the change tracker; the tree is small (a province's units).
        Roots = [.. All.Where(x => x.ParentId is null)];
        Paths = UnitPaths.Of(All);
    }
}
