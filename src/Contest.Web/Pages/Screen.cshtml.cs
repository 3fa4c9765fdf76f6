using Contest.Engine.Events;
using Contest.Engine.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Contest.Web.Pages;

/// <summary>The projector page: no log-in, the secret token in the link is the key.</summary>
public sealed class ScreenModel(ContestDb db) : PageModel
{
    public ContestEvent? Event { get; private set; }
    public string Token { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        Token = token;
        Event = token.Length <= 64 ? await db.Set<ContestEvent>().AsNoTracking().FirstOrDefaultAsync(e => e.ProjectorToken == token, ct) : null;
        if (Event is null) Response.StatusCode = StatusCodes.Status404NotFound;
        // The language is set in the view (Screen.cshtml): set here, it would be undone before the view renders.
        return Page();
    }
}
