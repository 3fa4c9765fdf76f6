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

/// <summary>
/// One unit: edit its name, code, level and member count; move it under another unit; delete it when nothing uses it.
/// Every change keeps the tree's rule (<see cref="Unit.CheckPlacement"/>) for the unit and for its children.
/// </summary>
public sealed class EditModel(ContestDb db, IStringLocalizer<UnitsUi> u, IStringLocalizer<Forms> f) : PageModel
{
    public Unit Unit { get; private set; } = null!;
    public string Path { get; private set; } = "";
    public List<(Unit Unit, string Path)> Parents { get; private set; } = [];
    public UnitUsage Usage { get; private set; } = null!;
    public string? Error { get; private set; }
    public string? Done { get; private set; }

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public UnitLevel? Level { get; set; }
    [BindProperty] public int? MemberCount { get; set; }
    [BindProperty] public int? ParentId { get; set; }
    [BindProperty] public bool ConfirmDelete { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, string? done, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound(u["Units.NotFound"].Value);
        Done = done switch { "saved" => u["Units.Saved"].Value, "moved" => u["Units.Moved"].Value, _ => null };
        Name = Unit.Name;
        Code = Unit.Code;
        Level = Unit.Level;
        MemberCount = Unit.MemberCount;
        ParentId = null;
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound(u["Units.NotFound"].Value);
        var name = TextNormalizer.CollapseSpaces(TextNormalizer.Nfc(Name ?? ""));
        if (name.Length == 0) ModelState.AddModelError(nameof(Name), u["Units.NameRequired"]);
        else if (name.Length > Unit.NameMaxLength) ModelState.AddModelError(nameof(Name), u["Users.TooLong", name.Length, Unit.NameMaxLength]);
        var code = Unit.CleanCode(Code);
        if (code is not null && !Unit.IsValidCode(code)) Unless(nameof(Code), u["Units.CodeInvalid"]);
        else if (code is not null && await db.Set<Unit>().Where(x => x.Code == code && x.Id != id).Select(x => x.Name).FirstOrDefaultAsync(ct) is { } holder)
            ModelState.AddModelError(nameof(Code), u["Units.CodeTaken", code, holder]);
        if (Level is not { } level || !Enum.IsDefined(level)) { Unless(nameof(Level), u["Units.LevelRequired"]); level = Unit.Level; }
        if (MemberCount is < 0 or > 10_000_000) ModelState.AddModelError(nameof(MemberCount), u["Units.MembersInvalid"]);
        if (ModelState.IsValid && level != Unit.Level)
        {
            if (Unit.CheckPlacement(level, Unit.Parent?.Level) is { } placement) ModelState.AddModelError(nameof(Level), u.Placement(placement, level, Unit.Parent?.Level));
            else if (Unit.Children.FirstOrDefault(c => Unit.CheckPlacement(c.Level, level) is not null) is { } child)
                ModelState.AddModelError(nameof(Level), u["Units.ChildDoesNotFit", child.Name, u.Level(child.Level), u.Level(level)]);
        }
        if (ModelState.IsValid && name != Unit.Name && await db.Set<Unit>().AnyAsync(x => x.ParentId == Unit.ParentId && x.Name == name && x.Id != id, ct))
            ModelState.AddModelError(nameof(Name), u["Units.Taken"]);
        if (!ModelState.IsValid) { Error = f["Form.FixBelow"]; return Page(); }

        Unit.Name = name;
        Unit.Code = code;
        Unit.Level = level;
        Unit.MemberCount = MemberCount ?? 0;
        await db.SaveChangesAsync(ct);
        return RedirectToPage("Edit", new { id, done = "saved" });
    }

    public async Task<IActionResult> OnPostMoveAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound(u["Units.NotFound"].Value);
        ResetEditFields();
        var parent = ParentId is { } pid ? await db.Set<Unit>().FindAsync([pid], ct) : null;
        if (Unit.Level == UnitLevel.Province) ModelState.AddModelError(nameof(ParentId), u["Units.ProvinceCannotMove"]);
        else if (ParentId is null) Unless(nameof(ParentId), u["Units.MoveParentRequired"]);
        else if (parent is null) ModelState.AddModelError(nameof(ParentId), u["Units.ParentMissing"]);
        else if (parent.Id == Unit.ParentId) ModelState.AddModelError(nameof(ParentId), u["Units.MoveSame"]);
        // Levels fall strictly down the tree, so a unit's own descendants are never of a higher level: the placement
        // rule alone keeps a move from making a loop.
        else if (Unit.CheckPlacement(Unit.Level, parent.Level) is { } placement) ModelState.AddModelError(nameof(ParentId), u.Placement(placement, Unit.Level, parent.Level));
        else if (await db.Set<Unit>().AnyAsync(x => x.ParentId == parent.Id && x.Name == Unit.Name, ct))
            ModelState.AddModelError(nameof(ParentId), u["Units.TakenUnder", parent.Name, Unit.Name]);
        if (!ModelState.IsValid) { Error = f["Form.FixBelow"]; return Page(); }
        Unit.ParentId = parent!.Id;
        await db.SaveChangesAsync(ct);
        return RedirectToPage("Edit", new { id, done = "moved" });
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound(u["Units.NotFound"].Value);
        ResetEditFields();
        if (Usage.InUse) { Error = u["Units.DeleteBlocked"]; return Page(); }
        if (!ConfirmDelete) { ModelState.AddModelError(nameof(ConfirmDelete), u["Units.DeleteConfirmRequired"]); Error = f["Form.FixBelow"]; return Page(); }
        var name = Unit.Name;
        db.Remove(Unit);
        await db.SaveChangesAsync(ct);
        return RedirectToPage("Index", new { deleted = name });
    }

    /// <summary>The other forms post only their own field; the edit form shows the unit as stored.</summary>
    private void ResetEditFields()
    {
        Name = Unit.Name;
        Code = Unit.Code;
        Level = Unit.Level;
        MemberCount = Unit.MemberCount;
    }

    /// <summary>An empty field's message, unless binding already said what was wrong with what was typed.</summary>
    private void Unless(string field, string message)
    {
        if (ModelState.GetFieldValidationState(field) != ModelValidationState.Invalid) ModelState.AddModelError(field, message);
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var all = await db.Set<Unit>().ToListAsync(ct);
        if (all.FirstOrDefault(x => x.Id == id) is not { } unit) return false;
        Unit = unit;
        var paths = UnitPaths.Of(all);
        Path = paths[id];
        // Valid new parents: any unit of a higher level (never a descendant, see OnPostMove), listed by path.
        Parents = [.. all.Where(x => x.Id != unit.ParentId && Unit.CheckPlacement(unit.Level, x.Level) is null && x.Id != id)
            .Select(x => (x, paths[x.Id])).OrderBy(x => x.Item2, StringComparer.CurrentCulture)];
        Usage = await UnitUsage.OfAsync(db, id, ct);
        return true;
    }
}
