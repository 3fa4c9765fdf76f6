using Contest.Admin.Contests;
using Contest.Engine.Storage;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Contest.Admin.Areas.Admin.Pages;

public sealed class ChecklistModel(ContestDb db) : PageModel
{
    public IReadOnlyList<ChecklistStep> Steps { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Steps = await FirstEventChecklist.ReadAsync(db, ct);
}
