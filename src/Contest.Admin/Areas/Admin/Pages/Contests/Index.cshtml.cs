using Contest.Admin.Contests;
using Contest.Engine.Contests;
using Contest.Engine.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Contest.Admin.Areas.Admin.Pages.Contests;

/// <summary>
/// The contests, in use and archived. Archiving hides a contest from the pickers and keeps everything under it;
/// deleting is allowed only while nothing is filed under it, and a refusal names what is.
/// </summary>
public sealed class IndexModel(ContestDb db, TimeProvider time, IStringLocalizer<ContestsUi> c) : PageModel
{
    public IReadOnlyList<ContestInfo> Active { get; private set; } = [];
    public IReadOnlyList<ContestInfo> Archived { get; private set; } = [];
    public IReadOnlyDictionary<int, ContestUsage> Usage { get; private set; } = new Dictionary<int, ContestUsage>();
    public IReadOnlyDictionary<int, string> Events { get; private set; } = new Dictionary<int, string>();
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(string? saved, CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(saved)) Message = c["Saved", saved];
        await LoadAsync(ct);
    }

    public Task<IActionResult> OnPostArchiveAsync(int? id, CancellationToken ct) => ChangeAsync(id, contest =>
    {
        contest.ArchivedAt ??= time.GetUtcNow();
        return Task.FromResult<string?>(c["ArchivedDone", contest.Name]);
    }, ct);

    public Task<IActionResult> OnPostUnarchiveAsync(int? id, CancellationToken ct) => ChangeAsync(id, contest =>
    {
        contest.ArchivedAt = null;
        return Task.FromResult<string?>(c["UnarchivedDone", contest.Name]);
    }, ct);

    public Task<IActionResult> OnPostDeleteAsync(int? id, CancellationToken ct) => ChangeAsync(id, async contest =>
    {
        var usage = await ContestUsage.OfAsync(db, contest, ct);
        if (!usage.IsEmpty)
        {
            Error = c["DeleteRefused", contest.Name, usage.Describe(c)];
            return null;
        }
        db.Contests.Remove(contest);
        return c["Deleted", contest.Name];
    }, ct);

    /// <summary>Applies one change to the contest and shows the list again with what happened (or why not).</summary>
    private async Task<IActionResult> ChangeAsync(int? id, Func<ContestInfo, Task<string?>> change, CancellationToken ct)
    {
        var contest = id is { } i ? await db.Contests.SingleOrDefaultAsync(x => x.Id == i, ct) : null;
        if (contest is null) Error = c["NotFound"];
        else if (await change(contest) is { } done)
        {
            await db.SaveChangesAsync(ct);
            Message = done;
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var all = await db.Contests.AsNoTracking().OrderBy(x => x.StartsOn == null).ThenBy(x => x.StartsOn).ThenBy(x => x.Name).ToListAsync(ct);
        Active = [.. all.Where(x => x.ArchivedAt is null)];
        Archived = [.. all.Where(x => x.ArchivedAt is not null)];
        Usage = await ContestUsage.AllAsync(db, ct);
    }

    public static string Day(DateOnly d) => d.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);

    public string Dates(ContestInfo x) => (x.StartsOn, x.EndsOn) switch
    {
        ({ } s, { } e) => c["Dates", Day(s), Day(e)],
        ({ } s, null) => c["From", Day(s)],
        (null, { } e) => c["Until", Day(e)],
        _ => c["NoDates"],
    };

    public ContestUsage UsageOf(ContestInfo x) => Usage.GetValueOrDefault(x.Id) ?? ContestUsage.None;
}
