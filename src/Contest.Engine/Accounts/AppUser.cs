using Microsoft.AspNetCore.Identity;

namespace Contest.Engine.Accounts;

public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public int? UnitId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
