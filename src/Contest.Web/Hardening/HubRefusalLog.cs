using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.SignalR;

namespace Contest.Web.Hardening;

/// <summary>
/// Every hub's refused calls, counted instead of logged one by one: SignalR logged each HubException as a 1 KB error
/// with its stack, so an anonymous client could flood the log with wrong PINs. The first refusal of a connection is
/// one information line (address, method, reason); later ones only count — in the <c>contest.hub.refused</c> metric
/// and in one line when the connection closes. A failure that is not a refusal is still an error with its stack.
/// (SignalR's own "Failed invoking hub method" entries are turned off in <see cref="HardeningSetup"/>.)
/// </summary>
public sealed partial class HubRefusalLog(ILogger<HubRefusalLog> log, IMeterFactory meters) : IHubFilter
{
    private const string CountKey = "hardening.refused";
    private readonly Counter<long> _refused = meters.Create("Contest.Web").CreateCounter<long>("contest.hub.refused", description: "Hub calls refused (bad input, wrong state, throttles)");

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(context);
        }
        catch (HubException e)
        {
            var code = e.Message.Split(':', 2)[0];
            _refused.Add(1, new KeyValuePair<string, object?>("hub", context.Hub.GetType().Name), new KeyValuePair<string, object?>("code", code.Length <= 32 ? code : "other"));
            var items = context.Context.Items;
            var count = (items.TryGetValue(CountKey, out var c) && c is int n ? n : 0) + 1;
            items[CountKey] = count;
            if (count == 1)
                LogFirstRefusal(log, context.Context.ConnectionId, context.Context.GetHttpContext().ClientAddress(), context.Hub.GetType().Name, context.HubMethodName, Shorten(e.Message));
            throw;
        }
        catch (Exception e)
        {
            LogFailure(log, e, context.Hub.GetType().Name, context.HubMethodName);
            throw;
        }
    }

    public Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        if (context.Context.Items.TryGetValue(CountKey, out var c) && c is int n and > 1)
            LogRefusalCount(log, context.Context.ConnectionId, context.Context.GetHttpContext().ClientAddress(), n);
        return next(context, exception);
    }

    private static string Shorten(string s) => s.Length <= 160 ? s : s[..160] + "…";

    [LoggerMessage(Level = LogLevel.Information, Message = "Hub connection {ConnectionId} from {Address}: {Hub}.{Method} refused ({Reason}); further refusals on this connection are only counted")]
    private static partial void LogFirstRefusal(ILogger logger, string connectionId, string address, string hub, string method, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Hub connection {ConnectionId} from {Address} closed after {Count} refused calls")]
    private static partial void LogRefusalCount(ILogger logger, string connectionId, string address, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Hub method {Hub}.{Method} failed")]
    private static partial void LogFailure(ILogger logger, Exception exception, string hub, string method);
}
