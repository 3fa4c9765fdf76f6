namespace Contest.Web.Hardening;

/// <summary>
/// The headers every response carries (docs/configuration.md, "Security headers"): a Content-Security-Policy that
/// allows only this site's own script files (no inline script, no inline style attribute, no eval), nosniff, a
/// referrer policy that keeps game PINs and tokens in URLs from leaking to other sites, and no framing by other
/// sites — except the projector screens, which event staff embed in their own stage pages
/// (Contest:Screen:FrameAncestors). The Hangfire dashboard gets its own relaxed policy: its pages are third-party
/// HTML with inline scripts and style attributes we cannot change, and only administrators can open them.
/// </summary>
public sealed class SecurityHeaders
{
    /// <summary>The pages meant to be shown on a projector or embedded in an event's stage page.</summary>
    public static readonly string[] ScreenPaths = ["/screen", "/live/screen", "/pitch/screen"];

    private readonly RequestDelegate _next;
    private readonly string _policy;
    private readonly string _screenPolicy;
    private readonly string _dashboardPolicy;
    private readonly bool _screenFramable;

    public SecurityHeaders(RequestDelegate next, IConfiguration config)
    {
        _next = next;
        var mediaHosts = MediaHosts.Allowed(config);
        var media = string.Concat(mediaHosts.Select(h => " https://" + h));
        // 'self' covers ws:/wss: to this host as well (CSP level 3), which is what SignalR opens.
        var common = "default-src 'self'; base-uri 'self'; object-src 'none'; form-action 'self'; " +
                     $"img-src 'self' data:{media}; media-src 'self'{media}; font-src 'self'; connect-src 'self'";
        _policy = $"{common}; script-src 'self'; style-src 'self'; frame-ancestors 'none'";
        var ancestors = (config.GetSection("Contest:Screen:FrameAncestors").Get<string[]>() ?? [])
            .Select(a => a.Trim())
            // Sources only ('self' or a scheme/host), so a setting can never end the directive and add another.
            .Where(a => a == "'self'" || (a.Length > 0 && !a.Any(c => c is ';' or ',' or '\'' or '"' || char.IsWhiteSpace(c)))).ToArray();
        _screenFramable = ancestors.Length > 0;
        _screenPolicy = $"{common}; script-src 'self'; style-src 'self'; frame-ancestors " + (_screenFramable ? string.Join(' ', ancestors) : "'none'");
        _dashboardPolicy = $"{common}; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'";
    }

    public Task InvokeAsync(HttpContext http)
    {
        var path = http.Request.Path;
        var screen = ScreenPaths.Any(p => path.StartsWithSegments(p));
        var policy = path.StartsWithSegments(Jobs.JobsSetup.DashboardPath) ? _dashboardPolicy : screen ? _screenPolicy : _policy;
        http.Response.OnStarting(() =>
        {
            var h = http.Response.Headers;
            h.ContentSecurityPolicy = policy;
            h.XContentTypeOptions = "nosniff";
            h["Referrer-Policy"] = "strict-origin-when-cross-origin";
            // For browsers without frame-ancestors; a screen page that may be embedded leaves it out, since
            // X-Frame-Options cannot name other sites.
            if (!(screen && _screenFramable)) h.XFrameOptions = "DENY";
            else h.Remove("X-Frame-Options");
            return Task.CompletedTask;
        });
        return _next(http);
    }
}
