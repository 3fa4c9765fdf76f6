using System.Security.Cryptography;
using Contest.Admin.Localization;
using Contest.Admin.Units;
using Contest.Engine.Accounts;
using Contest.Engine.Storage;
using Contest.Engine.Text;
using Contest.Engine.Units;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Contest.Admin.Areas.Admin.Pages.Users;

/// <summary>
/// Accounts: admins create judge, organizer and admin accounts and reset passwords. Admin only: an organizer
/// who could reset an admin's password could become one.
/// </summary>
[Authorize(Policy = AdminRegistration.AdminOnlyPolicy)]
public sealed class IndexModel(UserManager<AppUser> users, ContestDb db, TimeProvider time, IStringLocalizer<UnitsUi> u, IStringLocalizer<Forms> f) : PageModel
{
    public static readonly string[] CreatableRoles = [Roles.Judge, Roles.Organizer, Roles.Admin];

    public List<(AppUser User, IList<string> Roles)> Accounts { get; } = [];
    public List<Unit> Units { get; private set; } = [];
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    [BindProperty] public string? UserName { get; set; }
    [BindProperty] public string? DisplayName { get; set; }
    [BindProperty] public string? Role { get; set; } = Roles.Judge;
    [BindProperty] public int? UnitId { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var userName = (UserName ?? "").Trim();
        var displayName = TextNormalizer.CollapseSpaces(TextNormalizer.Nfc(DisplayName ?? ""));
        if (userName.Length == 0) ModelState.AddModelError(nameof(UserName), u["Users.UserNameRequired"]);
        else if (userName.Length > 100) ModelState.AddModelError(nameof(UserName), u["Users.TooLong", userName.Length, 100]);
        if (displayName.Length > 200) ModelState.AddModelError(nameof(DisplayName), u["Users.TooLong", displayName.Length, 200]);
        if (Role is null || !CreatableRoles.Contains(Role)) ModelState.AddModelError(nameof(Role), u["Users.RoleRequired"]);
        if (UnitId is { } unit && !await db.Set<Unit>().AnyAsync(x => x.Id == unit, ct)) ModelState.AddModelError(nameof(UnitId), u["Users.UnitMissing"]);
        if (ModelState.IsValid)
        {
            var password = NewPassword();
            // The name shown on judges' and organizers' pages: the user name stands in when none is given.
            var user = new AppUser { UserName = userName, DisplayName = displayName.Length > 0 ? displayName : userName, UnitId = UnitId, CreatedAt = time.GetUtcNow() };
            var result = await users.CreateAsync(user, password);
            if (result.Succeeded)
            {
                result = await users.AddToRoleAsync(user, Role!);
                if (!result.Succeeded) await users.DeleteAsync(user); // nothing half-made stays behind
            }
            if (result.Succeeded)
            {
                Message = u["Users.Created", user.UserName, password];
                ModelState.Clear();
                (UserName, DisplayName, UnitId) = (null, null, null);
            }
            else AddIdentityErrors(result);
        }
        if (!ModelState.IsValid) Error = f["Form.FixBelow"];
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostResetAsync(string? id, CancellationToken ct)
    {
        var user = id is null ? null : await users.FindByIdAsync(id);
        if (user is null) return NotFound();
        var password = NewPassword();
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, password);
        if (result.Succeeded) Message = u["Users.ResetDone", user.UserName!, password];
        else Error = string.Join(" ", result.Errors.Select(e => e.Description));
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>Identity's messages (translated by the site's IdentityErrorDescriber) under the field they concern.</summary>
    private void AddIdentityErrors(IdentityResult result)
    {
        foreach (var e in result.Errors)
        {
            var field = e.Code.Contains("UserName", StringComparison.Ordinal) ? nameof(UserName)
                : e.Code.Contains("Role", StringComparison.Ordinal) ? nameof(Role)
                : "";
            ModelState.AddModelError(field, e.Description);
        }
    }

    /// <summary>12 characters from an alphabet without look-alikes (0/O, 1/l), plus the classes Identity requires.</summary>
    private static string NewPassword()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var chars = Enumerable.Range(0, 10).Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]);
        return new string([.. chars]) + "-" + RandomNumberGenerator.GetInt32(2, 10) + "aA"[RandomNumberGenerator.GetInt32(2)];
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Units = await db.Set<Unit>().OrderBy(x => x.Level).ThenBy(x => x.Name).ToListAsync(ct);
        foreach (var user in await db.Users.OrderBy(x => x.UserName).ToListAsync(ct))
            Accounts.Add((user, await users.GetRolesAsync(user)));
    }
}
