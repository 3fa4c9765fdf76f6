using System.Runtime.InteropServices;

namespace Contest.Web.Admission;

/// <summary>
/// The process's open-file limit, which bounds its sockets: past it accept() fails with EMFILE and the runtime aborted the
/// node ("Out of memory.") with every game on it (issue 18). Connections are therefore refused well before it.
/// </summary>
public static class FileLimit
{
    private const int RlimitNofile = 7; // Linux, every architecture .NET runs on

    /// <summary>Files the node keeps open besides its hub connections: assemblies, logs, database and Redis pools, Hangfire,
    /// static files, page and API requests, Kestrel's own. Measured at about 60 on an idle node; doubled and more.</summary>
    public const int FixedHeadroom = 150;

    /// <summary>The soft RLIMIT_NOFILE, or null where it cannot be read (not Linux).</summary>
    public static long? Current()
    {
        if (!OperatingSystem.IsLinux()) return null;
        try
        {
            return GetRlimit(RlimitNofile, out var r) == 0 ? (long)Math.Min(r.Current, long.MaxValue) : null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// 85 % of the limit less <see cref="FixedHeadroom"/>: page requests and keep-alive connections use descriptors the
    /// hub counter does not see, so they get the other 15 %. Without a readable limit, 10,000 (the tested scale of one node).
    /// </summary>
    public static int DefaultConnections(long? limit) =>
        limit is { } n ? (int)Math.Clamp(n * 85 / 100 - FixedHeadroom, 10, 1_000_000) : 10_000;

    [StructLayout(LayoutKind.Sequential)]
    private struct Rlimit
    {
        public ulong Current;
        public ulong Max;
    }

    [DllImport("libc", EntryPoint = "getrlimit")]
    private static extern int GetRlimit(int resource, out Rlimit limit);
}
