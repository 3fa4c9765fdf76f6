using Contest.Admin.Units;
using Contest.Engine.Accounts;
using Contest.Engine.Rounds;
using Contest.Engine.Units;
using Contest.Web.Rounds;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Contest.Web.Pages.Rounds;

public sealed class RegisterModel(UnitDirectory directory, IStringLocalizer<PickerUi> pickerText, ParticipantRegistry registry, ParticipantSignup signup, SignInManager<AppUser> signIn, IStringLocalizer<Admin.Errors.ErrorTexts> errorTexts) : PageModel
{
    [BindProperty] public string FullName { get; set; } = "";
    [BindProperty] public DateOnly? DateOfBirth { get; set; }
    [BindProperty] public int? UnitId { get; set; }

    /// <summary>The unit as typed when the page was posted without script (see <see cref="UnitPickerInput"/>).</summary>
    [BindProperty] public string? UnitIdText { get; set; }
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? IdNumber { get; set; }
    [BindProperty] public string? MemberId { get; set; }
    [BindProperty] public string Password { get; set; } = "";

    /// <summary>How registrants are matched against their unit's roster now (empty: no match required).</summary>
    public IReadOnlyList<RosterMatch> RosterModes { get; private set; } = [];

    public RegistrationSettings Settings { get; private set; } = new();
    public IReadOnlyList<RegistrationError> Errors { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // A date or unit the binder could not read ("31/02", "abc") would otherwise pass as "left empty".
        var unreadable = new[] { nameof(DateOfBirth), nameof(UnitId) }
            .Where(f => ModelState.TryGetValue(f, out var entry) && entry.Errors.Count > 0)
            .Select(f => new RegistrationError(f, "invalid", $"{f} could not be read."))
            .ToList();
        var typedUnit = unreadable.Any(u => u.Field == nameof(UnitId)) ? new UnitPickerInput.Resolved(null, null) : await UnitPickerInput.ResolveAsync(directory, UnitId, UnitIdText, pickerText, ct);
        UnitId = typedUnit.UnitId;
        if (typedUnit.Error is not null) unreadable.Add(new RegistrationError(nameof(UnitId), "typed", typedUnit.Error));
        var request = new SignupRequest(FullName ?? "", DateOfBirth, UnitId, Phone, Email, IdNumber, Password ?? "", MemberId);
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

    /// <summary>Every problem with a field, each once: the error table's wording for the registry's codes, Identity's (translated) message otherwise.</summary>
    public IReadOnlyList<string> ErrorsFor(string field) =>
        Errors.Where(e => e.Field == field)
            .Select(errorTexts.Say)
            .Distinct()
            .ToList();

    private async Task LoadAsync(CancellationToken ct)
    {
        Settings = await registry.SettingsAsync(ct);
        RosterModes = await registry.RosterModesAsync(ct);
    }
}
