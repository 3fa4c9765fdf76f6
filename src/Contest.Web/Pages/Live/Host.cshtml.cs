using Contest.Engine.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Contest.Web.Pages.Live;

[Authorize(Roles = Roles.Admin + "," + Roles.Organizer)]
public sealed class HostModel : PageModel
{
    public Guid Id { get; private set; }

    public void OnGet(Guid id) => Id = id;
}
