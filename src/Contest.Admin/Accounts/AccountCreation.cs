using Contest.Engine.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Contest.Admin.Accounts;

/// <summary>Accounts an administrator makes or resets get a temporary password the person must replace at first sign-in.</summary>
public static class AccountCreation
{
    /// <summary>Creates the account in its role with a fresh temporary password; nothing half-made stays behind on failure.</summary>
    public static async Task<(string? Password, IdentityResult Result)> CreateAsync(UserManager<AppUser> users, AppUser user, string role, DateTimeOffset now)
    {
        var password = TemporaryPasswords.New();
        user.CreatedAt = now;
        TemporaryPasswords.MarkTemporary(user, now);
        var result = await users.CreateAsync(user, password);
        if (result.Succeeded)
        {
            result = await users.AddToRoleAsync(user, role);
            if (!result.Succeeded) await users.DeleteAsync(user);
        }
        return (result.Succeeded ? password : null, result);
    }

    /// <summary>A new temporary password; the old one and every open session (security stamp) stop working.</summary>
    public static async Task<(string? Password, IdentityResult Result)> ResetAsync(UserManager<AppUser> users, AppUser user, DateTimeOffset now)
    {
        var password = TemporaryPasswords.New();
        TemporaryPasswords.MarkTemporary(user, now);
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, password);
        return (result.Succeeded ? password : null, result);
    }

    /// <summary>Disabled: it cannot sign in, and the renewed security stamp ends its open sessions within a minute.</summary>
    public static async Task<IdentityResult> SetDisabledAsync(UserManager<AppUser> users, AppUser user, bool disabled, DateTimeOffset now)
    {
        user.DisabledAt = disabled ? now : null;
        return await users.UpdateSecurityStampAsync(user);
    }
}
