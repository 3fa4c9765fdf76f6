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
        // A date or unit the binder could not read ("31/02", "abc") would otherwise pass as "left empty".
        var unreadable = new[] { nameof(DateOfBirth), nameof(UnitId) }
            .Where(f => ModelState.TryGetValue(f, out var entry) && entry.Errors.Count > 0)
            .Select(f => new RegistrationError(f, "invalid", $"{f} could not be read."))
            .ToList();
        var request = new SignupRequest(FullName ?? "", DateOfBirth, UnitId, Phone, Email, IdNumber, Password ?? "");
        AppUser? user = null;
        IReadOnlyList<RegistrationError> errors;
        if (unreadable.Count > 0)
            errors = [.. unreadable, .. (await signup.CheckAsync(request, ct)).Where(e => !unreadable.Any(u => u.Field == e.Field))];
        else
            (user, errors) = await signup.SignUpAsync(request, ct);
        if (user is null)
        {
            Errors = errors;
            await LoadAsync(ct);
            return Page();
        }
        await signIn.SignInAsync(user, isPersistent: true);
        return Redirect("/rounds");
    }

    /// <summary>Every problem with a field, each once: the page's own wording for the registry's codes, Identity's (translated) message otherwise.</summary>
    public IReadOnlyList<string> ErrorsFor(string field, Microsoft.Extensions.Localization.IStringLocalizer r) =>
        Errors.Where(e => e.Field == field)
            .Select(e => r[$"Reg.Error.{e.Code}"] is { ResourceNotFound: false } own ? own.Value : e.Message)
            .Distinct()
            .ToList();

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
