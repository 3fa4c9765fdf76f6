using Contest.Admin.Localization;
using Contest.Engine.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Contest.Web.Pages.Account;

public sealed class LoginModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, IStringLocalizer<Ui> t) : PageModel
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
        var user = await users.FindByNameAsync(UserName.Trim()) ?? await users.FindByEmailAsync(UserName.Trim());
        if (user is not null)
        {
            var result = await signIn.PasswordSignInAsync(user, Password, Remember, lockoutOnFailure: true);
            if (result.Succeeded) return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
            if (result.IsLockedOut) { Error = t["Login.LockedOut"]; return Page(); }
        }
        Error = t["Login.Failed"];
        return Page();
    }
}
