using Contest.Admin.Accounts;
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
using Contest.Engine.Time;

namespace Contest.Admin.Areas.Admin.Pages.Users;

/// <summary>
/// Accounts: admins create judge, organizer and admin accounts (one at a time here, many from Excel on Import), reset
/// passwords (both hand out temporary passwords, see AccountCreation) and disable accounts. Admin only: an organizer
/// who could reset an admin's password could become one.
/// </summary>
[Authorize(Policy = AdminRegistration.AdminOnlyPolicy)]
public sealed class IndexModel(UserManager<AppUser> users, ContestDb db, TimeProvider time, IStringLocalizer<UnitsUi> u, IStringLocalizer<Forms> f,
    IStringLocalizer<AccountsUi> acc) : PageModel
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
            // The name shown on judges' and organizers' pages: the user name stands in when none is given.
            var user = new AppUser { UserName = userName, DisplayName = displayName.Length > 0 ? displayName : userName, UnitId = UnitId };
            var (password, result) = await AccountCreation.CreateAsync(users, user, Role!, time.GetUtcNow());
            if (result.Succeeded)
            {
                Message = u["Users.Created", user.UserName!, password!];
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
        var (password, result) = await AccountCreation.ResetAsync(users, user, time.GetUtcNow());
        if (result.Succeeded) Message = u["Users.ResetDone", user.UserName!, password!];
        else Error = string.Join(" ", result.Errors.Select(e => e.Description));
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>Disables or re-enables an account; never the admin's own, nor the last active administrator.</summary>
    public async Task<IActionResult> OnPostDisableAsync(string? id, bool disable, CancellationToken ct)
    {
        var user = id is null ? null : await users.FindByIdAsync(id);
        if (user is null) Error = acc["Users.Missing"];
        else if (disable && user.Id == users.GetUserId(User)) Error = acc["Users.NotSelf"];
        else if (disable && await users.IsInRoleAsync(user, Roles.Admin)
                 && (await users.GetUsersInRoleAsync(Roles.Admin)).Count(x => x.DisabledAt is null && x.Id != user.Id) == 0) Error = acc["Users.LastAdmin"];
        else
        {
            var result = await AccountCreation.SetDisabledAsync(users, user, disable, time.GetUtcNow());
            if (result.Succeeded) Message = acc[disable ? "Users.Disabled" : "Users.Enabled", user.UserName!];
            else Error = string.Join(" ", result.Errors.Select(e => e.Description));
        }
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>What the status column says, in Vietnam time.</summary>
    public string StatusOf(AppUser user)
    {
        if (user.DisabledAt is { } since) return acc["Status.Disabled", VietnamTime.Format(since)];
        if (TemporaryPasswords.Expired(user, time.GetUtcNow())) return acc["Status.TemporaryExpired"];
        if (user.TemporaryPasswordExpiresAt is { } until) return acc["Status.Temporary", VietnamTime.Format(until)];
        return acc["Status.Active"];
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

    private async Task LoadAsync(CancellationToken ct)
    {
        Units = await db.Set<Unit>().OrderBy(x => x.Level).ThenBy(x => x.Name).ToListAsync(ct);
        foreach (var user in await db.Users.OrderBy(x => x.UserName).ToListAsync(ct))
            Accounts.Add((user, await users.GetRolesAsync(user)));
    }
}
