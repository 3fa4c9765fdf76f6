using Contest.Admin.Contests;
using Contest.Admin.Localization;
using Contest.Engine.Contests;
using Contest.Engine.Events;
using Contest.Engine.Storage;
using Contest.Engine.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Contest.Admin.Areas.Admin.Pages.Contests;

/// <summary>Create or edit a contest; every problem is shown next to its field in the page's language.</summary>
public sealed class EditModel(ContestDb db, TimeProvider time, IStringLocalizer<ContestsUi> c, IStringLocalizer<Forms> f) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Id { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public List<ContestKind> Kinds { get; set; } = [];
    [BindProperty] public DateTime? StartsOn { get; set; }
    [BindProperty] public DateTime? EndsOn { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public int? EventId { get; set; }

    public IReadOnlyList<(int Id, string Title)> Events { get; private set; } = [];
    public ContestInfo? Existing { get; private set; }
    public string? Error { get; private set; }

    /// <summary>The kinds in the order the form offers them: the three formats, then English, which goes with one of them.</summary>
    public static readonly ContestKind[] Offered = [ContestKind.OnlineRound, ContestKind.LiveQuiz, ContestKind.Pitch, ContestKind.English];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Id is not null)
        {
            if (Existing is not { } x) return NotFound();
            Name = x.Name; Description = x.Description; EventId = x.EventId;
            Kinds = [.. Offered.Where(x.Has)];
            StartsOn = x.StartsOn?.ToDateTime(TimeOnly.MinValue);
            EndsOn = x.EndsOn?.ToDateTime(TimeOnly.MinValue);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Id is not null && Existing is null) return NotFound();
        var name = TextNormalizer.CollapseSpaces(TextNormalizer.Nfc(Name ?? ""));
        var description = TextNormalizer.Nfc(Description ?? "").Trim();
        var kind = Kinds.Where(k => Offered.Contains(k)).Aggregate((ContestKind)0, (a, k) => a | k);

        if (name.Length == 0) Add(nameof(Name), c["Err.NameRequired"]);
        else if (name.Length > ContestInfo.MaxName) Add(nameof(Name), c["Err.TooLong", name.Length, ContestInfo.MaxName]);
        else if (await db.Contests.AnyAsync(x => x.Name == name && x.Id != (Id ?? 0), ct)) Add(nameof(Name), c["Err.Taken"]);
        if ((kind & ~ContestKind.English) == 0)
            Add(nameof(Kinds), kind == ContestKind.English ? c["Err.EnglishAlone"] : c["Err.KindRequired"]);
        else if (kind.HasFlag(ContestKind.English) && (kind & (ContestKind.LiveQuiz | ContestKind.OnlineRound)) == 0)
            Add(nameof(Kinds), c["Err.EnglishAlone"]);
        if (StartsOn is { } s && EndsOn is { } e && e.Date < s.Date) Add(nameof(EndsOn), c["Err.EndBeforeStart"]);
        if (description.Length > ContestInfo.MaxDescription) Add(nameof(Description), c["Err.TooLong", description.Length, ContestInfo.MaxDescription]);
        if (EventId is { } ev && Events.All(x => x.Id != ev)) Add(nameof(EventId), c["Err.EventMissing"]);

        if (!ModelState.IsValid)
        {
            Error = f["Form.FixBelow"];
            return Page();
        }
        var contest = Existing ?? new ContestInfo { Name = name, CreatedAt = time.GetUtcNow() };
        contest.Name = name;
        contest.Kind = kind;
        contest.Language = kind.HasFlag(ContestKind.English) ? "en" : "vi";
        contest.Description = description;
        contest.StartsOn = StartsOn is { } from ? DateOnly.FromDateTime(from) : null;
        contest.EndsOn = EndsOn is { } to ? DateOnly.FromDateTime(to) : null;
        contest.EventId = EventId;
        if (Existing is null) db.Contests.Add(contest);
        await db.SaveChangesAsync(ct);
        return Redirect("/admin/contests?saved=" + Uri.EscapeDataString(contest.Name));
    }

    /// <summary>Adds the message unless binding already said what was wrong with what was typed (e.g. "abc" as a date).</summary>
    private void Add(string field, string message)
    {
        if (ModelState.GetFieldValidationState(field) != ModelValidationState.Invalid) ModelState.AddModelError(field, message);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Events = (await db.Set<ContestEvent>().AsNoTracking().OrderByDescending(e => e.Id).Select(e => new { e.Id, e.Title }).ToListAsync(ct))
            .Select(e => (e.Id, e.Title)).ToList();
        if (Id is { } id) Existing = await db.Contests.SingleOrDefaultAsync(x => x.Id == id, ct);
    }
}
