using System.Net;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;

namespace Contest.Web.Hardening;

/// <summary>Throttles, the client address behind the proxy, the Origin check (docs/configuration.md, "Throttles and origins"), security headers and Secure cookies.</summary>
public static class HardeningSetup
{
    public static void AddContestHardening(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<ThrottleOptions>(builder.Configuration.GetSection(ThrottleOptions.Section));
        builder.Services.AddSingleton<Throttles>();
        builder.Services.AddHttpContextAccessor();
        // Refused hub calls: one information line per connection and a counter (HubRefusalLog), not SignalR's error
        // with a stack for each one. HubRefusalLog logs every real failure itself.
        builder.Services.AddSingleton<HubRefusalLog>();
        builder.Services.Configure<HubOptions>(o => o.AddFilter<HubRefusalLog>());
        builder.Logging.AddFilter("Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher", LogLevel.Critical);
        // Every cookie (sign-in, antiforgery, language, anything later) is Secure when the request came over HTTPS,
        // which behind nginx the forwarded X-Forwarded-Proto says. Over plain HTTP (a laptop at an event) they still work.
        builder.Services.Configure<CookiePolicyOptions>(o => o.Secure = CookieSecurePolicy.SameAsRequest);
        builder.Services.Configure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        // The antiforgery X-Frame-Options came only with a fresh token cookie; SecurityHeaders sends it on every response.
        builder.Services.AddAntiforgery(o => { o.SuppressXFrameOptionsHeader = true; o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest; });
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
        app.UseMiddleware<SecurityHeaders>();
        app.UseCookiePolicy();
        app.UseMiddleware<OriginCheck>();
    }

    /// <summary>The client's address as a throttle key (after the forwarded headers were applied).</summary>
    public static string ClientAddress(this HttpContext? http) =>
        http?.Connection.RemoteIpAddress is { } ip ? (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString() : "unknown";
}
