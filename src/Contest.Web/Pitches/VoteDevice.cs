using Microsoft.AspNetCore.DataProtection;

namespace Contest.Web.Pitches;

/// <summary>
/// Names a phone for the audience vote without an account: a random id in a cookie signed and encrypted with Data
/// Protection (so it cannot be made up or edited, and works on every node sharing the key ring). The vote page hands
/// it out; the vote API only accepts a vote carrying one. Clearing cookies makes a new phone: the per-address cap and
/// the optional ticket codes are the answer to that, not this cookie.
/// </summary>
public sealed class VoteDevice(IDataProtectionProvider protection)
{
    public const string Cookie = "contest.vote";
    private readonly Hardening.DeviceCookie _cookie = new(protection.CreateProtector("Contest.Pitches.VoteDevice.v1"), Cookie, TimeSpan.FromDays(60), maxLength: 64);

    /// <summary>The phone's id from its cookie, or null when it has none or it was tampered with.</summary>
    public string? Read(HttpContext http) => _cookie.Read(http);

    /// <summary>The phone's id, issuing a cookie first when it has none.</summary>
    public string Ensure(HttpContext http) => _cookie.Ensure(http);

    /// <summary>The client address as the forwarded-headers middleware resolved it (the proxy's X-Forwarded-For when trusted).</summary>
    public static string Address(HttpContext http)
    {
        var ip = http.Connection.RemoteIpAddress;
        if (ip is null) return "?";
        return (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString();
    }
}
