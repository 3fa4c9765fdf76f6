using System.Runtime.InteropServices;

namespace Contest.Web.Admission;

/// <summary>
/// The process's open-file limit, which bounds its sockets: past it accept() fails with EMFILE and the runtime aborted the
/// node ("Out of memory.") with every game on it (issue 18). Connections are therefore refused well before it.
/// </summary>
public static class FileLimit
{
    private const int RlimitNofile = 7; // Linux, every architecture .NET runs on

    /// <summary>
    /// Descriptors kept for what opens after start-up besides hub connections: assemblies loaded on first use, database
    /// and Redis pools, Hangfire, static files, page and API requests. Measured: about 290 open when Kestrel starts,
    /// about 430 once a game has been played (Debug build, SQLite).
    /// </summary>
    public const int Headroom = 200;

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

    /// <summary>Descriptors this process has open now (/proc/self/fd), or 0 where that cannot be read.</summary>
    public static int OpenNow()
    {
        try
        {
            return Directory.Exists("/proc/self/fd") ? Directory.EnumerateFileSystemEntries("/proc/self/fd").Count() : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>
    /// 85 % of what is left of the limit after the descriptors open at start-up (about 290: the runtime keeps every
    /// assembly open) and <see cref="Headroom"/>; the other 15 % are for page requests and keep-alive connections, which
    /// the hub counter does not see, and Kestrel's hard limit. Without a readable limit, 10,000 (the tested scale of one node).
    /// </summary>
    public static int DefaultConnections(long? limit, int openAtStart) =>
        limit is { } n ? (int)Math.Clamp((n - openAtStart - Headroom) * 85 / 100, 10, 1_000_000) : 10_000;

    [StructLayout(LayoutKind.Sequential)]
    private struct Rlimit
    {
        public ulong Current;
        public ulong Max;
    }

    [DllImport("libc", EntryPoint = "getrlimit")]
    private static extern int GetRlimit(int resource, out Rlimit limit);
}
