using System.Security.Cryptography;

namespace Contest.Engine.Accounts;

/// <summary>The passwords an administrator hands out: how they look and how long they stay usable.</summary>
public static class TemporaryPasswords
{
    /// <summary>Unused for this long, a temporary password no longer signs in; the administrator has to reset it.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(72);

    /// <summary>
    /// 10 characters from an alphabet without look-alikes (0/O, 1/l), then one of each class Identity requires
    /// (symbol, digit, lower, upper): the random part alone may lack a class (about 1 in 200 had no capital, and
    /// the account was then refused at creation).
    /// </summary>
    public static string New()
    {
        const string lower = "abcdefghijkmnpqrstuvwxyz", upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", alphabet = lower + upper + "23456789";
        var chars = Enumerable.Range(0, 10).Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]);
        return new string([.. chars]) + "-" + RandomNumberGenerator.GetInt32(2, 10)
            + lower[RandomNumberGenerator.GetInt32(lower.Length)] + upper[RandomNumberGenerator.GetInt32(upper.Length)];
    }

    /// <summary>Marks the account's current password as handed out now.</summary>
    public static void MarkTemporary(AppUser user, DateTimeOffset now) => user.TemporaryPasswordExpiresAt = now + Lifetime;

    public static bool MustChange(AppUser user) => user.TemporaryPasswordExpiresAt is not null;

    public static bool Expired(AppUser user, DateTimeOffset now) => user.TemporaryPasswordExpiresAt is { } until && now >= until;
}
