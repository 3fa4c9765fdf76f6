namespace Contest.Web.Hardening;

/// <summary>
/// Refuses cross-site use of the signed-in cookie: a state-changing /api request or any /hubs request (negotiate and
/// the WebSocket upgrade) whose browser Origin is neither this site (same scheme, host and port as the request) nor in
/// Contest:AllowedOrigins gets a 403 ProblemDetails with code "origin". SameSite=Lax alone lets another port of the same host
/// through. No Origin means no browser page behind the request (the .NET SignalR client, curl, the load tool): allowed.
/// Razor forms keep their antiforgery tokens.
/// </summary>
public sealed class OriginCheck(RequestDelegate next, IConfiguration config)
{
    private readonly HashSet<string> _allowed = (config.GetSection("Contest:AllowedOrigins").Get<string[]>() ?? [])
        .Select(o => Uri.TryCreate(o.Trim(), UriKind.Absolute, out var u) ? u.GetLeftPart(UriPartial.Authority) : "").Where(o => o.Length > 0)
        .ToHashSet(StringComparer.OrdinalIgnoreCase);

    public Task InvokeAsync(HttpContext http)
    {
        var request = http.Request;
        var guarded = request.Path.StartsWithSegments("/hubs")
            || (request.Path.StartsWithSegments("/api") && !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !HttpMethods.IsOptions(request.Method));
        if (!guarded || !request.Headers.TryGetValue("Origin", out var values) || Allowed(request, values.ToString())) return next(http);
        return new Admin.Errors.ApiProblem(Engine.Errors.ContestError.Forbidden("origin", "This request came from a page of another site; open Contest itself and try again.")).ExecuteAsync(http);
    }

    private bool Allowed(HttpRequest request, string origin)
    {
        // "null" (sandboxed frames, file pages) never names this site.
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.AbsolutePath != "/" || !request.Host.HasValue) return false;
        // A test server's WebSocket request may carry ws/wss; a browser's Origin always names http/https.
        var scheme = request.Scheme switch { "ws" => "http", "wss" => "https", var s => s };
        var own = Uri.TryCreate($"{scheme}://{request.Host.Value}", UriKind.Absolute, out var self)
            && string.Equals(uri.Scheme, self.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(uri.IdnHost, self.IdnHost, StringComparison.OrdinalIgnoreCase)
            && uri.Port == self.Port;
        return own || _allowed.Contains(uri.GetLeftPart(UriPartial.Authority));
    }
}
