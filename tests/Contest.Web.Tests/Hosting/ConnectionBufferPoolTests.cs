using System.Net;
using System.Net.Sockets;
using Contest.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Contest.Web.Tests.Hosting;

public class ConnectionBufferPoolTests
{
    [Fact]
    public void Each_open_connection_adds_two_ready_blocks_and_renting_them_makes_none()
    {
        using var pool = new ConnectionBufferPool();
        for (var i = 0; i < 3; i++) pool.ConnectionOpened();
        Assert.Equal(6, pool.Created);
        Assert.Equal(6, pool.Free);

        var lent = Enumerable.Range(0, 6).Select(_ => pool.Rent()).ToList();
        Assert.Equal(6, pool.Created);
        Assert.Equal(0, pool.Free);
        Assert.All(lent, b => Assert.Equal(4096, b.Memory.Length));
        Assert.Equal(6, lent.Select(b => b.Memory).Distinct().Count());
    }

    [Fact]
    public void Blocks_come_back_for_reuse_up_to_the_reserve_and_beyond_it_are_let_go()
    {
        using var pool = new ConnectionBufferPool();
        pool.ConnectionOpened(); // reserve: 2 + 256 slack
        var lent = Enumerable.Range(0, 300).Select(_ => pool.Rent()).ToList();
        Assert.Equal(300, pool.Created);

        foreach (var b in lent) b.Dispose();
        Assert.Equal(258, pool.Free);
        Assert.Equal(258, pool.Created);

        var again = pool.Rent();
        Assert.Equal(258, pool.Created); // taken from the free blocks, not made
        again.Dispose();
        again.Dispose(); // a second Dispose of one loan must not free the block twice
        Assert.Equal(258, pool.Free);
    }

    [Fact]
    public void Closing_connections_gives_back_their_blocks_but_keeps_the_slack()
    {
        using var pool = new ConnectionBufferPool();
        for (var i = 0; i < 200; i++) pool.ConnectionOpened();
        Assert.Equal(400, pool.Created);
        for (var i = 0; i < 200; i++) pool.ConnectionClosed();
        Assert.Equal(0, pool.Connections);
        Assert.Equal(ConnectionBufferPool.Slack, pool.Free);
        Assert.Equal(ConnectionBufferPool.Slack, pool.Created);
    }

    [Fact]
    public void Blocks_are_pinned_so_socket_io_need_not_pin_them_and_larger_requests_are_refused()
    {
        using var pool = new ConnectionBufferPool();
        using var block = pool.Rent();
        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray<byte>(block.Memory, out var segment));
        Assert.Equal(2, GC.GetGeneration(segment.Array!)); // the pinned object heap is collected with generation 2
        Assert.Throws<ArgumentOutOfRangeException>(() => pool.Rent(4097));
    }

    [Fact]
    public async Task Kestrel_uses_the_pool_and_reports_real_connections_opening_and_closing()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddConnectionBuffers();
        await using var app = builder.Build();
        app.MapGet("/", () => "ok");
        await app.StartAsync();
        var pool = app.Services.GetRequiredService<ConnectionBufferPool>();
        Assert.Same(pool, app.Services.GetRequiredService<IMemoryPoolFactory<byte>>().Create());
        var port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()).Port;

        var sockets = new List<TcpClient>();
        for (var i = 0; i < 5; i++)
        {
            var c = new TcpClient();
            await c.ConnectAsync(IPAddress.Loopback, port);
            sockets.Add(c);
        }
        await WaitUntil(() => pool.Connections == 5);
        Assert.True(pool.Created >= 10, $"created {pool.Created}");

        using (var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") })
            Assert.Equal("ok", await http.GetStringAsync("/"));

        foreach (var s in sockets) s.Dispose();
        await WaitUntil(() => pool.Connections <= 1); // the HttpClient's own connection may still be closing
        await app.StopAsync();
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++) await Task.Delay(50);
        Assert.True(condition());
    }
}
