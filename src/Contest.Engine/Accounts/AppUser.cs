using Microsoft.AspNetCore.Identity;

namespace Contest.Engine.Accounts;

public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public int? UnitId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// Set while the password is one an administrator handed out (account created, imported or reset): until then the
    /// person must choose their own before doing anything else, and after it the temporary password no longer signs in.
    /// Null once the person has chosen their own.
    /// </summary>
    public DateTimeOffset? TemporaryPasswordExpiresAt { get; set; }

    /// <summary>When an administrator disabled the account; null while it may sign in.</summary>
    public DateTimeOffset? DisabledAt { get; set; }
}
