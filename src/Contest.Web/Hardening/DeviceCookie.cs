using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Contest.Web.Hardening;

/// <summary>
/// A browser named by a random id in a first-party cookie (HttpOnly, Secure over HTTPS, SameSite=Lax), protected with
/// Data Protection so it cannot be made up or edited, and readable on every node sharing the key ring. Clearing cookies
/// makes a new device: it is evidence or a soft limit, never proof. Used by the audience vote and the online rounds,
/// each with its own cookie name and purpose.
/// </summary>
public sealed class DeviceCookie(IDataProtector protector, string name, TimeSpan maxAge, int maxLength)
{
    /// <summary>The device's id from its cookie, or null when it has none or it was tampered with.</summary>
    public string? Read(HttpContext http)
    {
        if (!http.Request.Cookies.TryGetValue(name, out var token) || string.IsNullOrEmpty(token)) return null;
        try
        {
            var id = protector.Unprotect(token);
            return id.Length > 0 && id.Length <= maxLength ? id : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>The device's id, issuing the cookie first when it has none.</summary>
    public string Ensure(HttpContext http)
    {
        // A second call in the same request must see the id just issued, not issue another.
        if (http.Items[name] is string issued) return issued;
        if (Read(http) is { } id) return id;
        id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        http.Response.Cookies.Append(name, protector.Protect(id), new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            IsEssential = true,
            MaxAge = maxAge,
        });
        http.Items[name] = id;
        return id;
    }
}
