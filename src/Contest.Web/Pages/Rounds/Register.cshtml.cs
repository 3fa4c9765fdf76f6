using Contest.Engine.Accounts;
using Contest.Engine.Rounds;
using Contest.Engine.Storage;
using Contest.Web.Rounds;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Contest.Web.Pages.Rounds;

public sealed class RegisterModel(ContestDb db, ParticipantRegistry registry, ParticipantSignup signup, SignInManager<AppUser> signIn) : PageModel
{
    [BindProperty] public string FullName { get; set; } = "";
    [BindProperty] public DateOnly? DateOfBirth { get; set; }
    [BindProperty] public int? UnitId { get; set; }
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? IdNumber { get; set; }
    [BindProperty] public string Password { get; set; } = "";

    public RegistrationSettings Settings { get; private set; } = new();
    public IReadOnlyList<(int Id, string Name)> Units { get; private set; } = [];
    public IReadOnlyList<RegistrationError> Errors { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (user, errors) = await signup.SignUpAsync(new SignupRequest(FullName, DateOfBirth, UnitId, Phone, Email, IdNumber, Password), ct);
        if (user is null)
        {
            Errors = errors;
            await LoadAsync(ct);
            return Page();
        }
        await signIn.SignInAsync(user, isPersistent: true);
        return Redirect("/rounds");
    }

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Code;

    private async Task LoadAsync(CancellationToken ct)
    {
        Settings = await registry.SettingsAsync(ct);
        var units = await db.Units.AsNoTracking().Select(u => new { u.Id, u.Name, u.ParentId }).ToListAsync(ct);
        var byParent = units.ToLookup(u => u.ParentId);
        var list = new List<(int, string)>();
        void Walk(int? parent, int depth)
        {
            foreach (var u in byParent[parent].OrderBy(u => u.Name))
            {
                list.Add((u.Id, new string('\u00A0', depth * 3) + u.Name));
                Walk(u.Id, depth + 1);
            }
        }
        Walk(null, 0);
        Units = list;
    }
}
