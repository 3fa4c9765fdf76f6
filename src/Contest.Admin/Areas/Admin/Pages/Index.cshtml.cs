using Contest.Engine.Storage;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Contest.Admin.Areas.Admin.Pages;

public sealed class IndexModel(ContestDb db) : PageModel
{
    public int Units { get; private set; }
    public int Banks { get; private set; }
    public int Questions { get; private set; }
    public int Contests { get; private set; }
    public int Users { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Units = await db.Units.CountAsync(ct);
        Banks = await db.QuestionBanks.CountAsync(ct);
        Questions = await db.Questions.CountAsync(ct);
        Contests = await db.Contests.CountAsync(ct);
        Users = await db.Users.CountAsync(ct);
    }
}
