using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Contest.Web.Hardening;

/// <summary>Throttles, the client address behind the proxy, and the Origin check (docs/configuration.md, "Throttles and origins").</summary>
public static class HardeningSetup
{
    public static void AddContestHardening(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<ThrottleOptions>(builder.Configuration.GetSection(ThrottleOptions.Section));
        builder.Services.AddSingleton<Throttles>();
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the configured proxy may name the client; anyone else's X-Forwarded-For is ignored. The defaults
            // (loopback) fit nginx on the same host, as deploy/cluster.sh runs it.
            var proxies = builder.Configuration.GetSection("Contest:Proxy:KnownProxies").Get<string[]>() ?? [];
            var networks = builder.Configuration.GetSection("Contest:Proxy:KnownNetworks").Get<string[]>() ?? [];
            foreach (var p in proxies)
            {
                if (!IPAddress.TryParse(p.Trim(), out var ip)) throw new Hosting.StartupException("Contest:Proxy:KnownProxies", $"'{p}' is not an IP address.");
                o.KnownProxies.Add(ip);
            }
            foreach (var n in networks)
            {
                if (!System.Net.IPNetwork.TryParse(n.Trim(), out var net)) throw new Hosting.StartupException("Contest:Proxy:KnownNetworks", $"'{n}' is not a network like 10.0.0.0/8.");
                o.KnownIPNetworks.Add(net);
            }
        });
    }

    public static void UseContestHardening(this IApplicationBuilder app)
    {
        app.UseForwardedHeaders();
        app.UseMiddleware<OriginCheck>();
    }

    /// <summary>The client's address as a throttle key (after the forwarded headers were applied).</summary>
    public static string ClientAddress(this HttpContext? http) =>
        http?.Connection.RemoteIpAddress is { } ip ? (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString() : "unknown";
}
