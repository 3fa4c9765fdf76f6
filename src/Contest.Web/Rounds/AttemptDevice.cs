using System.Security.Cryptography;
using Contest.Engine.Rounds.Integrity;
using Microsoft.AspNetCore.DataProtection;

namespace Contest.Web.Rounds;

/// <summary>
/// Names the browser that registers, starts or submits an online-round attempt, as integrity evidence: a random id
/// in a first-party cookie (HttpOnly, Secure over HTTPS, SameSite=Lax), protected with Data Protection so it cannot
/// be made up to pin someone else's device, and readable on every node sharing the key ring. Clearing cookies makes
/// a new device: evidence only, never a verdict; the network and the answers speak too.
/// </summary>
public sealed class AttemptDevice(IDataProtectionProvider protection)
{
    public const string Cookie = "contest.device";
    private readonly IDataProtector _protector = protection.CreateProtector("Contest.Rounds.AttemptDevice.v1");

    /// <summary>The device and network of the request, issuing the device cookie first when it has none.</summary>
    public ClientOrigin Origin(HttpContext http) => new(Ensure(http), ClientOrigin.NetworkOf(http.Connection.RemoteIpAddress));

    private string? Read(HttpContext http)
    {
        if (!http.Request.Cookies.TryGetValue(Cookie, out var token) || string.IsNullOrEmpty(token)) return null;
        try
        {
            var id = _protector.Unprotect(token);
            return id.Length is > 0 and <= 32 ? id : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private string Ensure(HttpContext http)
    {
        if (http.Items[Cookie] is string issued) return issued;
        if (Read(http) is { } id) return id;
        id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        http.Response.Cookies.Append(Cookie, _protector.Protect(id), new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            IsEssential = true,
            MaxAge = TimeSpan.FromDays(400),
        });
        // A second call in the same request must see the same id, not issue another.
        http.Items[Cookie] = id;
        return id;
    }
}
