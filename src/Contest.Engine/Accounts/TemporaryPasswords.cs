using System.Security.Cryptography;

namespace Contest.Engine.Accounts;

/// <summary>The passwords an administrator hands out: how they look and how long they stay usable.</summary>
public static class TemporaryPasswords
{
    /// <summary>Unused for this long, a temporary password no longer signs in; the administrator has to reset it.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(72);

    /// <summary>12 characters from an alphabet without look-alikes (0/O, 1/l), plus the classes Identity requires.</summary>
    public static string New()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var chars = Enumerable.Range(0, 10).Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]);
        return new string([.. chars]) + "-" + RandomNumberGenerator.GetInt32(2, 10) + "aA"[RandomNumberGenerator.GetInt32(2)];
    }

    /// <summary>Marks the account's current password as handed out now.</summary>
    public static void MarkTemporary(AppUser user, DateTimeOffset now) => user.TemporaryPasswordExpiresAt = now + Lifetime;

    public static bool MustChange(AppUser user) => user.TemporaryPasswordExpiresAt is not null;

    public static bool Expired(AppUser user, DateTimeOffset now) => user.TemporaryPasswordExpiresAt is { } until && now >= until;
}
