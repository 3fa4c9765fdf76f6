using Contest.Admin.Localization;
using Contest.Engine.Accounts;
using Contest.Web.Accounts;
using Contest.Web.Hardening;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Contest.Web.Pages.Account;

/// <summary>
/// Log-in. Failures are throttled per client address and delayed per user name (Throttles) instead of Identity's lockout,
/// which let anyone lock any account; a wrong user name and a wrong password get the same answer in about the same time.
/// </summary>
public sealed class LoginModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, IStringLocalizer<Ui> t, Throttles throttles, DummyPassword dummy) : PageModel
{
    [BindProperty] public string UserName { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty] public bool Remember { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }

    public void OnGet() { }

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
        var user = await users.FindByNameAsync(name) ?? await users.FindByEmailAsync(name);
        if (user is not null)
        {
            // An account an administrator locked answers like a wrong password: the lock is not news to strangers.
            var result = await signIn.PasswordSignInAsync(user, Password, Remember, lockoutOnFailure: false);
            if (result.Succeeded)
            {
                throttles.AccountSucceeded(name);
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
            }
        }
        else
        {
            // The same hashing work as a real password check, so the response time does not tell which names exist.
            dummy.Verify(Password);
        }
        throttles.LoginPerAddress.Spend(address);
        throttles.AccountFailed(name);
        Error = t["Login.Failed"];
        return Page();
    }
}
