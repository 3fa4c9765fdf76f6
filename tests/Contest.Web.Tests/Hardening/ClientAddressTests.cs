using System.Net;
using Contest.Engine.Storage;
using Contest.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;

namespace Contest.Web.Tests.Hardening;

/// <summary>X-Forwarded-For names the client only when the request comes from the configured proxy (loopback by default).</summary>
public class ClientAddressTests
{
    private const string Unknown = "Không có trò chơi nào với mã PIN này.";
    private const string TooMany = "Thử quá nhiều lần, vui lòng đợi";

    private static async Task<string> PlayAsync(TestServer server, string remote, string forwardedFor)
    {
        var ctx = await server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = "/play";
            c.Request.QueryString = new QueryString("?pin=999999");
            c.Connection.RemoteIpAddress = IPAddress.Parse(remote);
            c.Request.Headers["X-Forwarded-For"] = forwardedFor;
        });
        return await new StreamReader(ctx.Response.Body).ReadToEndAsync();
    }

    [Fact]
    public async Task Wrong_pins_count_per_forwarded_client_behind_the_proxy_and_per_sender_otherwise()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var app = new ContestApp(db, new Dictionary<string, string>
        {
            ["Contest:Throttle:PinFailuresPerAddress"] = "2",
            ["Contest:Proxy:KnownProxies:0"] = "10.9.8.7",
        });
        _ = app.Server;

        // From the configured proxy (and from loopback, the default): each forwarded client has its own allowance.
        Assert.Contains(Unknown, await PlayAsync(app.Server, "10.9.8.7", "203.0.113.5"));
        Assert.Contains(Unknown, await PlayAsync(app.Server, "10.9.8.7", "203.0.113.5"));
        Assert.Contains(TooMany, await PlayAsync(app.Server, "10.9.8.7", "203.0.113.5"));
        Assert.Contains(Unknown, await PlayAsync(app.Server, "10.9.8.7", "203.0.113.6"));
        Assert.Contains(Unknown, await PlayAsync(app.Server, "127.0.0.1", "203.0.113.7"));

        // From anyone else the header is ignored: a new made-up address each time does not buy new tries.
        Assert.Contains(Unknown, await PlayAsync(app.Server, "198.51.100.7", "192.0.2.1"));
        Assert.Contains(Unknown, await PlayAsync(app.Server, "198.51.100.7", "192.0.2.2"));
        Assert.Contains(TooMany, await PlayAsync(app.Server, "198.51.100.7", "192.0.2.3"));
    }
}
