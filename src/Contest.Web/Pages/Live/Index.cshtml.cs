using Contest.Engine.Accounts;
using Contest.Engine.LiveGames;
using Contest.Engine.Storage;
using Contest.Web.LiveGames;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Contest.Web.Pages.Live;

[Authorize(Roles = Roles.Admin + "," + Roles.Organizer)]
public sealed class CreateGameModel(ContestDb db, LiveGameFactory factory) : PageModel
{
    public sealed record BankRow(int Id, string Name, int Count);

    public IReadOnlyList<BankRow> Banks { get; private set; } = [];

    [BindProperty]
    public CreateGameRequest Input { get; set; } = new();

    public string? Error { get; private set; }

    /// <summary>A word rather than 1.5: form numbers are parsed in the page's culture, and Vietnamese writes 1,5.</summary>
    [BindProperty]
    public string? Timer { get; set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        try
        {
            var factor = Timer switch { "longer" => 1.5, "double" => 2.0, _ => 1.0 };
            var game = await factory.CreateAsync(Input with { TimerFactor = factor }, User.Identity?.Name ?? "?");
            return Redirect($"/live/host/{game.Id}");
        }
        catch (LiveGameException e)
        {
            Error = e.Message;
            await LoadAsync();
            return Page();
        }
    }

    private async Task LoadAsync() =>
        Banks = await db.QuestionBanks.OrderBy(b => b.Name).Select(b => new BankRow(b.Id, b.Name, b.Questions.Count)).ToListAsync();
}
