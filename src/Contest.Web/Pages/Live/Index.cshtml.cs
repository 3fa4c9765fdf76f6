using Contest.Admin.Contests;
using Contest.Engine.Contests;
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
public sealed class CreateGameModel(ContestDb db, LiveGameFactory factory, Microsoft.Extensions.Localization.IStringLocalizer<Admin.Errors.ErrorTexts> e) : PageModel
{
    public sealed record BankRow(int Id, string Name, int Count);

    public IReadOnlyList<BankRow> Banks { get; private set; } = [];
    public IReadOnlyList<ContestInfo> Contests { get; private set; } = [];

    /// <summary>Optional: the live-quiz contest the game is played for. Kept out of the API's request, which predates contests.</summary>
    [BindProperty]
    public int? ContestId { get; set; }

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
            if (ContestId is { } contestId && !await ContestChoices.IsOfferedAsync(db, ContestKind.LiveQuiz, contestId, HttpContext.RequestAborted))
                throw new LiveGameException("bad-contest", "The chosen contest does not take live games.");
            var game = await factory.CreateAsync(Input with { TimerFactor = factor }, User.Identity?.Name ?? "?");
            if (ContestId is { } chosen)
                await db.Set<LiveGameRecord>().Where(g => g.Id == game.Id).ExecuteUpdateAsync(s => s.SetProperty(g => g.ContestId, chosen), HttpContext.RequestAborted);
            return Redirect($"/live/host/{game.Id}");
        }
        catch (LiveGameException refused)
        {
            // The table's words in the page's language: the exception's message is English, for the log.
            Error = Admin.Errors.ApiProblem.Text(e, refused.Error, "live");
            await LoadAsync();
            return Page();
        }
    }

    private async Task LoadAsync()
    {
        Banks = await db.QuestionBanks.OrderBy(b => b.Name).Select(b => new BankRow(b.Id, b.Name, b.Questions.Count)).ToListAsync();
        Contests = await ContestChoices.OfKindAsync(db, ContestKind.LiveQuiz, null, HttpContext.RequestAborted);
    }
}
