using Contest.Engine.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Contest.Web.Accounts;

/// <summary>A hash of a random password, checked when a log-in names no account, so that answer costs the same hashing time as a wrong password.</summary>
public sealed class DummyPassword(IPasswordHasher<AppUser> hasher)
{
    private static readonly AppUser Nobody = new();
    private static string? _hash;

    public void Verify(string password)
    {
        _hash ??= hasher.HashPassword(Nobody, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));
        hasher.VerifyHashedPassword(Nobody, _hash, password);
    }
}
