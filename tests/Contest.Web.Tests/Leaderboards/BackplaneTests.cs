using Contest.Testing;
using Contest.Web.Leaderboards;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Contest.Web.Tests.Leaderboards;

public class BackplaneTests
{
    [Fact]
    public void With_Redis_configured_hubs_fan_out_through_the_Redis_backplane()
    {
        using var services = Build(new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = TestServers.Redis });
        Assert.IsType<RedisHubLifetimeManager<ProbeHub>>(services.GetRequiredService<HubLifetimeManager<ProbeHub>>());
        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<RedisOptions>>().Value;
        Assert.Equal("contest:signalr", options.Configuration.ChannelPrefix.ToString());
    }

    [Fact]
    public void Embedded_mode_keeps_the_single_node_hub_manager()
    {
        using var services = Build(new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = "" });
        Assert.IsType<DefaultHubLifetimeManager<ProbeHub>>(services.GetRequiredService<HubLifetimeManager<ProbeHub>>());
    }

    [Fact]
    public async Task A_message_sent_on_one_node_reaches_a_client_connected_to_the_other()
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = TestServers.Redis,
            ["Contest:RedisPrefix"] = $"test:{Guid.NewGuid():N}:",
        };
        await using var node1 = await StartNodeAsync(settings);
        await using var node2 = await StartNodeAsync(settings);

        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var player = new HubConnectionBuilder().WithUrl(node2.Urls.First() + "/probe").Build();
        player.On<string>(nameof(ProbeHub), m => received.TrySetResult(m));
        await player.StartAsync();

        // Node 1 has no connection at all: only the backplane can carry this to the player on node 2.
        // Resent until it arrives, because node 2 subscribes to the channel asynchronously after connecting.
        var hub = node1.Services.GetRequiredService<IHubContext<ProbeHub>>();
        for (var i = 0; i < 50 && !received.Task.IsCompleted; i++)
        {
            await hub.Clients.All.SendAsync(nameof(ProbeHub), "xin chào");
            await Task.WhenAny(received.Task, Task.Delay(200));
        }
        Assert.Equal("xin chào", await received.Task.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    /// <summary>
    /// Only this node's backplane subscription connections are cut (CLIENT KILL by the name it gives them on the shared
    /// test Redis): the monitor must report the recovery once they are back and re-subscribed, and a single message
    /// published right after it — not resent — must reach the node's client, which it could not if the recovery were
    /// reported before the channels were subscribed again.
    /// </summary>
    [Fact]
    public async Task A_node_reports_its_backplane_back_only_once_a_message_published_then_reaches_its_clients()
    {
        var prefix = $"test:{Guid.NewGuid():N}:";
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = TestServers.Redis, ["Contest:RedisPrefix"] = prefix };
        await using var node = await StartNodeAsync(settings);
        var recovered = new TaskCompletionSource<BackplaneRecovery>(TaskCreationOptions.RunContinuationsAsynchronously);
        node.Services.GetRequiredService<BackplaneMonitor>().Recovered += r =>
        {
            recovered.TrySetResult(r);
            return Task.CompletedTask;
        };

        var received = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var arrived = new SemaphoreSlim(0);
        await using var player = new HubConnectionBuilder().WithUrl(node.Urls.First() + "/probe").Build();
        player.On<string>(nameof(ProbeHub), m => { received.Enqueue(m); arrived.Release(); });
        await player.StartAsync();
        var hub = node.Services.GetRequiredService<IHubContext<ProbeHub>>();
        // The node subscribes to its channels asynchronously after connecting: resent until the path works.
        for (var i = 0; i < 50 && received.IsEmpty; i++)
        {
            await hub.Clients.All.SendAsync(nameof(ProbeHub), "trước");
            await Task.WhenAny(arrived.WaitAsync(), Task.Delay(200));
        }
        Assert.Contains("trước", received);

        using (var admin = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(TestServers.Redis + ",allowAdmin=true"))
        {
            var server = admin.GetServers().First();
            var ours = (await server.ClientListAsync()).Where(c => c.Name == prefix + "signalr" && c.SubscriptionCount + c.PatternSubscriptionCount > 0).ToList();
            Assert.NotEmpty(ours);
            foreach (var c in ours) await server.ClientKillAsync(id: c.Id);
        }

        var recovery = await recovered.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.False(recovery.SendsFailed);
        await hub.Clients.All.SendAsync(nameof(ProbeHub), "sau");
        var deadline = DateTimeOffset.UtcNow.AddSeconds(5);
        while (!received.Contains("sau") && DateTimeOffset.UtcNow < deadline) await Task.WhenAny(arrived.WaitAsync(), Task.Delay(100));
        Assert.True(received.Contains("sau"), $"sent once after the recovery was reported, not received: {string.Join(", ", received)}");
    }

    private static async Task<WebApplication> StartNodeAsync(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSignalR().AddContestBackplane(builder.Configuration);
        var app = builder.Build();
        app.MapHub<ProbeHub>("/probe");
        await app.StartAsync();
        return app;
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSignalR().AddContestBackplane(configuration);
        return services.BuildServiceProvider();
    }

    public sealed class ProbeHub : Hub;
}
