using Contest.Engine.Accounts;
using Contest.Engine.Rounds;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Contest.Web.Pages.Rounds;

public sealed class ResultsModel(RoundResultsQuery results) : PageModel
{
    public RoundResultsView? Results { get; private set; }

    public async Task OnGetAsync(int id, CancellationToken ct) =>
        Results = await results.GetAsync(id, User.IsInRole(Roles.Admin) || User.IsInRole(Roles.Organizer), ct);
}
