using Contest.Admin.Localization;
using Contest.Engine.Accounts;
using Contest.Web.Accounts;
using Contest.Web.Hardening;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Contest.Web.Pages.Account;

/// <summary>
/// Log-in. Failures are throttled per client address and delayed per user name (Throttles) instead of Identity's lockout,
/// which let anyone lock any account; a wrong user name and a wrong password get the same answer in about the same time.
/// </summary>
public sealed class LoginModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, IStringLocalizer<Ui> t, IStringLocalizer<AccountUi> a,
    Throttles throttles, DummyPassword dummy, TimeProvider time) : PageModel
{
    [BindProperty] public string UserName { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty] public bool Remember { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }

    public void OnGet() { }

    /// <summary>
    /// The account the name and password open, or null. The name is a user name or an e-mail; an e-mail may belong to
    /// several accounts (registration does not require unique ones, so anyone can register with another's address),
    /// and then the password picks the account.
    /// </summary>
    private async Task<AppUser?> MatchAsync(string name, string password)
    {
        List<AppUser> candidates;
        if (await users.FindByNameAsync(name) is { } byName) candidates = [byName];
        else
        {
            var email = users.NormalizeEmail(name);
            candidates = await users.Users.Where(u => u.NormalizedEmail == email).OrderBy(u => u.UserName).Take(MaxSharedEmail).ToListAsync();
        }
        if (candidates.Count == 0)
        {
            // The same hashing work as a real password check, so the response time does not tell which names exist.
            dummy.Verify(password);
            return null;
        }
        foreach (var user in candidates)
        {
            // An account an administrator locked answers like a wrong password: the lock is not news to strangers.
            if (await users.CheckPasswordAsync(user, password) && !await users.IsLockedOutAsync(user)) return user;
        }
        return null;
    }

    /// <summary>Accounts sharing one e-mail that a log-in tries; more would make each attempt a hashing burst.</summary>
    private const int MaxSharedEmail = 5;

    public async Task<IActionResult> OnPostAsync()
    {
        // A "Remember" that is not true/false ("maybe") reads as unticked; left in the model state, the check box
        // would try to show it again and throw while rendering the page.
        if (ModelState.TryGetValue(nameof(Remember), out var remember) && remember.Errors.Count > 0) ModelState.Remove(nameof(Remember));
        if (string.IsNullOrWhiteSpace(UserName) || string.IsNullOrEmpty(Password))
        {
            Error = t["Login.Missing"];
            return Page();
        }
        var name = UserName.Trim();
        var address = HttpContext.ClientAddress();
        if ((throttles.LoginPerAddress.Check(address) ?? throttles.AccountWait(name)) is { } wait)
        {
            Error = t["Login.Wait", wait];
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = wait.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Page();
        }
        var user = await MatchAsync(name, Password);
        if (user is not null)
        {
            // Only someone who knows the password learns that the account is disabled or the password expired.
            if (user.DisabledAt is not null) { Error = a["Login.Disabled"]; return Page(); }
            if (TemporaryPasswords.Expired(user, time.GetUtcNow())) { Error = a["Login.TemporaryExpired", TemporaryPasswords.Lifetime.TotalHours]; return Page(); }
            await signIn.SignInAsync(user, Remember);
            throttles.AccountSucceeded(name);
            var target = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";
            return TemporaryPasswords.MustChange(user)
                ? LocalRedirect(MustChangePassword.ChangePath + (target == "/" ? "" : "?returnUrl=" + Uri.EscapeDataString(target)))
                : LocalRedirect(target);
        }
        throttles.LoginPerAddress.Spend(address);
        throttles.AccountFailed(name);
        Error = t["Login.Failed"];
        return Page();
    }
}
