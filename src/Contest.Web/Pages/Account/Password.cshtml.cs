using Contest.Engine.Accounts;
using Contest.Web.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Contest.Web.Pages.Account;

/// <summary>
/// Change your own password, for every signed-in role; the only page open while a temporary password must be replaced.
/// Every problem of the form is shown at once, under its field, in Identity's own rules (translated).
/// </summary>
[Authorize]
public sealed class PasswordModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, IStringLocalizer<AccountUi> a, IOptions<IdentityOptions> identity, TimeProvider time) : PageModel
{
    [BindProperty] public string? Current { get; set; }
    [BindProperty] public string? New { get; set; }
    [BindProperty] public string? Again { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public Dictionary<string, List<string>> Errors { get; } = [];
    public string? Error { get; private set; }
    public string? Done { get; private set; }
    public bool MustChange { get; private set; }
    public int MinLength => identity.Value.Password.RequiredLength;
    public string Continue => Url.IsLocalUrl(ReturnUrl) && !ReturnUrl!.StartsWith(MustChangePassword.ChangePath, StringComparison.OrdinalIgnoreCase) ? ReturnUrl : "/";

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        MustChange = TemporaryPasswords.MustChange(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        MustChange = TemporaryPasswords.MustChange(user);
        if (TemporaryPasswords.Expired(user, time.GetUtcNow()))
        {
            // Signed in before it expired, but an expired temporary password opens nothing any more.
            await signIn.SignOutAsync();
            Error = a["Login.TemporaryExpired", TemporaryPasswords.Lifetime.TotalHours];
            return Page();
        }

        if (string.IsNullOrEmpty(Current)) Add(nameof(Current), a["Password.Missing"]);
        else if (!await users.CheckPasswordAsync(user, Current)) Add(nameof(Current), a["Password.WrongCurrent"]);
        if (string.IsNullOrEmpty(New)) Add(nameof(New), a["Password.NewMissing"]);
        else
        {
            foreach (var validator in users.PasswordValidators)
            {
                var result = await validator.ValidateAsync(users, user, New);
                foreach (var e in result.Errors) Add(nameof(New), e.Description);
            }
            if (New == Current) Add(nameof(New), a["Password.SameAsOld"]);
            if (New != Again) Add(nameof(Again), a["Password.Mismatch"]);
        }

        if (Errors.Count == 0)
        {
            user.TemporaryPasswordExpiresAt = null;
            // Renews the security stamp too: the person's other sessions end within a minute.
            var changed = await users.ChangePasswordAsync(user, Current!, New!);
            if (changed.Succeeded)
            {
                // A fresh cookie without the "must change" mark, for this session.
                await signIn.RefreshSignInAsync(user);
                MustChange = false;
                Done = a["Password.Changed"];
                return Page();
            }
            foreach (var e in changed.Errors) Add(e.Code == "PasswordMismatch" ? nameof(Current) : nameof(New), e.Description);
        }
        Error = a["Password.FixBelow"];
        (Current, New, Again) = (null, null, null);
        return Page();
    }

    private void Add(string field, string message)
    {
        if (!Errors.TryGetValue(field, out var list)) Errors[field] = list = [];
        list.Add(message);
    }
}
