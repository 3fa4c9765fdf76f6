using Hangfire.AspNetCore;
using Hangfire.Logging;

namespace Contest.Web.Jobs;

/// <summary>
/// Hangfire's logging, which Hangfire keeps in a process-wide static: with several apps in one process (the web and
/// admin tests) the static may hold the logger factory of an app already disposed, and a page that builds a job
/// client then answered 500. A logger asked of a disposed factory logs nothing instead. One app per process in
/// production, so there it is Hangfire's usual ASP.NET Core logging.
/// </summary>
internal sealed class GuardedLogProvider(ILoggerFactory factory) : ILogProvider
{
    private readonly AspNetCoreLogProvider _inner = new(factory);

    public ILog GetLogger(string name)
    {
        try
        {
            return _inner.GetLogger(name);
        }
        catch (ObjectDisposedException)
        {
            return Silent.Instance;
        }
    }

    private sealed class Silent : ILog
    {
        public static readonly Silent Instance = new();

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
