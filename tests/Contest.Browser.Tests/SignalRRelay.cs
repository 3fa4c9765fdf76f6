using Microsoft.Playwright;

namespace Contest.Browser.Tests;

/// <summary>
/// A page's hub WebSocket through the test: SignalR's JSON messages (each ended by 0x1E) are relayed both ways; each
/// message from the server is shown to <paramref name="keep"/>, which may drop it (a push lost on the way) or note it,
/// and each message from the page to <paramref name="sent"/>.
/// </summary>
public static class SignalRRelay
{
    private const char End = '\u001e';

    public static Action<IWebSocketRoute> Through(Func<string, bool> keep, Action<string>? sent = null) => client =>
    {
        var server = client.ConnectToServer();
        client.OnMessage(frame =>
        {
            if (frame.Text is not { } text)
            {
                server.Send(frame.Binary!);
                return;
            }
            if (sent is not null) foreach (var m in Messages(text)) sent(m);
            server.Send(text);
        });
        server.OnMessage(frame =>
        {
            if (frame.Text is not { } text)
            {
                client.Send(frame.Binary!);
                return;
            }
            var kept = Messages(text).Where(keep).ToList();
            if (kept.Count > 0) client.Send(string.Concat(kept.Select(m => m + End)));
        });
    };

    private static IEnumerable<string> Messages(string frame) => frame.Split(End, StringSplitOptions.RemoveEmptyEntries);
}
