namespace Contest.Web.Admission;

/// <summary>
/// The node's count of open hub connections against its limit, shared by the middleware, Kestrel's hard limit and /healthz.
/// The limit is worked out on first use (when Kestrel starts), once start-up has opened what it keeps open.
/// </summary>
public sealed class ConnectionGate(AdmissionOptions options)
{
    private readonly Lazy<(int Limit, int Hard, int OpenAtStart, long? FileLimit)> _limits = new(() =>
    {
        var files = Admission.FileLimit.Current();
        var openAtStart = Admission.FileLimit.OpenNow();
        var limit = options.MaxConnections > 0 ? options.MaxConnections : Admission.FileLimit.DefaultConnections(files, openAtStart);
        // Kestrel's last guard counts every connection, a page's keep-alive ones too (a phone that loaded /play keeps one
        // open for up to two minutes beside its WebSocket), so it takes all the descriptors left rather than a margin
        // over the hub limit: a refusal then normally comes from the counter, as a message, and accept() never fails.
        var hard = files is { } f ? (int)Math.Max(limit + 20, Math.Min(int.MaxValue, f - openAtStart - Admission.FileLimit.Headroom)) : limit * 2;
        return (limit, hard, openAtStart, files);
    });
    private int _open;
    private long _refused;

    public int Limit => _limits.Value.Limit;
    public int HardLimit => _limits.Value.Hard;
    public int OpenAtStart => _limits.Value.OpenAtStart;
    public long? FileLimit => _limits.Value.FileLimit;
    public int Open => Volatile.Read(ref _open);
    public long Refused => Interlocked.Read(ref _refused);

    public bool TryEnter()
    {
        var limit = Limit;
        if (Interlocked.Increment(ref _open) <= limit) return true;
        Interlocked.Decrement(ref _open);
        Interlocked.Increment(ref _refused);
        return false;
    }

    public void Leave() => Interlocked.Decrement(ref _open);
}

/// <summary>
/// Refuses a hub request at once with 503 and code "server-busy" when the node holds its limit of connections, so the
/// phone can say "the server is busy" and the players already connected lose nothing. A WebSocket request lasts as long
/// as its connection, so counting requests in flight counts connections; negotiate requests pass through in a moment.
/// </summary>
public sealed class AdmissionMiddleware(RequestDelegate next, ConnectionGate gate, ILogger<AdmissionMiddleware> log)
{
    private long _lastLogged;

    public async Task InvokeAsync(HttpContext http)
    {
        if (!http.Request.Path.StartsWithSegments("/hubs"))
        {
            await next(http);
            return;
        }
        if (!gate.TryEnter())
        {
            // One line a minute at most: a refused crowd would otherwise flood the log of a node that is already full.
            var now = Environment.TickCount64;
            var last = Interlocked.Read(ref _lastLogged);
            if (now - last > 60_000 && Interlocked.CompareExchange(ref _lastLogged, now, last) == last)
                log.LogWarning("Hub connection refused: {Open} of {Limit} open ({Refused} refused so far)", gate.Open, gate.Limit, gate.Refused);
            http.Response.Headers.RetryAfter = "60";
            await new Admin.Errors.ApiProblem(new Engine.Errors.ContestError(Engine.Errors.ErrorKind.Unavailable, "server-busy", "The server is busy; try again in a few minutes.")).ExecuteAsync(http);
            return;
        }
        try
        {
            await next(http);
        }
        finally
        {
            gate.Leave();
        }
    }
}
