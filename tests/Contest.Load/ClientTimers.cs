using System.Reflection;
using Microsoft.AspNetCore.SignalR.Client;

namespace Contest.Load;

internal static class ClientTimers
{
    private static readonly PropertyInfo? TickRate =
        typeof(HubConnection).GetProperty("TickRate", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public);

    /// <summary>
    /// Every HubConnection wakes once a second to check its keep-alive and server time-out. A phone pays that for one
    /// connection; this process pays it for 10,000, and the runtime's timer queue walked its list of them for a tenth
    /// of the tool's CPU. A longer tick still sends the keep-alive (15 s) well inside the server's 30 s time-out.
    /// </summary>
    public static HubConnection WithTickRate(this HubConnection connection, TimeSpan tick)
    {
        if (tick != TimeSpan.FromSeconds(1))
        {
            if (TickRate is null) throw new InvalidOperationException("This SignalR client has no TickRate; run with --tick 1000.");
            TickRate.SetValue(connection, tick);
        }
        return connection;
    }
}
