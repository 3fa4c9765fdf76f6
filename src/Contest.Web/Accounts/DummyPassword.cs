using Contest.Engine.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Contest.Web.Accounts;

/// <summary>A hash of a random password, checked when a log-in names no account, so that answer costs the same hashing time as a wrong password.</summary>
public sealed class DummyPassword(IPasswordHasher<AppUser> hasher, DummyPassword.Hash hash)
{
    private static readonly AppUser Nobody = new();

    public void Verify(string password)
    {
        hash.Value ??= hasher.HashPassword(Nobody, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));
        hasher.VerifyHashedPassword(Nobody, hash.Value, password);
    }

    /// <summary>
    /// The dummy hash, made once per app rather than once per process: it is made with the app's own hashing options,
    /// so where an app's options differ (the test host lowers the iteration count) its check still costs what its users' checks cost.
    /// </summary>
    public sealed class Hash
    {
        public string? Value { get; set; }
    }
}
