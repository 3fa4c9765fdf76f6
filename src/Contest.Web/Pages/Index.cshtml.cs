using Contest.Engine.Contests;
using Contest.Engine.Storage;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Contest.Web.Pages;

public sealed class IndexModel(ContestDb db) : PageModel
{
    public IReadOnlyList<ContestInfo> Contests { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Contests = await db.Contests.AsNoTracking().Where(c => c.ArchivedAt == null).OrderBy(c => c.Kind).ThenBy(c => c.Id).ToListAsync(ct);
}
