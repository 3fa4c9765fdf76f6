using System.Security.Claims;
using Contest.Engine.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Contest.Web.Accounts;

/// <summary>
/// Puts the person's display name (a participant's full name) in the sign-in cookie, so the nav greets them by name
/// instead of by their user name, which for a participant is their phone number.
/// </summary>
public sealed class DisplayNameClaims(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    public const string ClaimType = "contest:display_name";

    /// <summary>Present while the account's password is a temporary one the person has to replace (<see cref="MustChangePassword"/>).</summary>
    public const string MustChangeType = "contest:must_change_password";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (!string.IsNullOrWhiteSpace(user.DisplayName)) identity.AddClaim(new Claim(ClaimType, user.DisplayName.Trim()));
        if (TemporaryPasswords.MustChange(user)) identity.AddClaim(new Claim(MustChangeType, "1"));
        return identity;
    }

    public static bool MustChangePassword(ClaimsPrincipal user) => user.HasClaim(c => c.Type == MustChangeType);

    /// <summary>What the nav shows: the display name, else (older cookies, accounts without one) the user name.</summary>
    public static string? NameOf(ClaimsPrincipal user) => user.FindFirst(ClaimType)?.Value ?? user.Identity?.Name;
}
