using System.Net;
using System.Net.Sockets;

namespace Contest.Engine.Rounds.Integrity;

/// <summary>
/// Where a request came from, as integrity evidence: the device (a random id in a first-party cookie) and the network
/// (the client address the host resolved, trusting forwarded headers only from the configured proxy).
/// </summary>
public sealed record ClientOrigin(string? Device, string? Network)
{
    public const int DeviceMaxLength = 64;
    public const int NetworkMaxLength = 64;

    /// <summary>
    /// The network of an address: an IPv4 address as it is (a home router's NAT puts the household behind one), an
    /// IPv6 address as its /64 (one home or phone gets a /64 and picks addresses inside it). Null for no address.
    /// </summary>
    public static string? NetworkOf(IPAddress? ip)
    {
        if (ip is null) return null;
        if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
        if (ip.AddressFamily != AddressFamily.InterNetworkV6) return ip.ToString();
        var bytes = ip.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>Cuts values to the stored lengths, so a stray value can never fail a write.</summary>
    public ClientOrigin Bounded() => new(Cut(Device, DeviceMaxLength), Cut(Network, NetworkMaxLength));

    private static string? Cut(string? s, int max) => string.IsNullOrEmpty(s) ? null : s.Length <= max ? s : s[..max];
}
