using Contest.Engine.Rounds.Integrity;
using Microsoft.AspNetCore.DataProtection;

namespace Contest.Web.Rounds;

/// <summary>
/// Names the browser that registers, starts or submits an online-round attempt, as integrity evidence (a
/// <see cref="Hardening.DeviceCookie"/>, so it cannot be made up to pin someone else's device). Clearing cookies makes
/// a new device: evidence only, never a verdict; the network and the answers speak too.
/// </summary>
public sealed class AttemptDevice(IDataProtectionProvider protection)
{
    public const string Cookie = "contest.device";
    private readonly Hardening.DeviceCookie _cookie = new(protection.CreateProtector("Contest.Rounds.AttemptDevice.v1"), Cookie, TimeSpan.FromDays(400), maxLength: 32);

    /// <summary>The device and network of the request, issuing the device cookie first when it has none.</summary>
    public ClientOrigin Origin(HttpContext http) => new(_cookie.Ensure(http), ClientOrigin.NetworkOf(http.Connection.RemoteIpAddress));
}
