using Contest.Engine.Storage;
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

        await BackplaneCut.CutAsync(prefix);

        var recovery = await recovered.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.False(recovery.SendsFailed);
        await hub.Clients.All.SendAsync(nameof(ProbeHub), "sau");
        var deadline = DateTimeOffset.UtcNow.AddSeconds(5);
        while (!received.Contains("sau") && DateTimeOffset.UtcNow < deadline) await Task.WhenAny(arrived.WaitAsync(), Task.Delay(100));
        Assert.True(received.Contains("sau"), $"sent once after the recovery was reported, not received: {string.Join(", ", received)}");
    }

    /// <summary>
    /// After the node's backplane comes back, the clients of a hub registered for re-sync are told once with the spread
    /// for their number (one client: ¼ s); a hub not registered is told nothing — checked with a fence message sent to its
    /// client after the re-sync reached the other one (messages to one connection keep their order).
    /// </summary>
    [Fact]
    public async Task After_a_backplane_outage_clients_of_registered_hubs_are_told_to_re_sync_and_others_are_not()
    {
        var prefix = $"test:{Guid.NewGuid():N}:";
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = TestServers.Redis, ["Contest:RedisPrefix"] = prefix };
        await using var node = await StartNodeAsync(settings, resync: true);

        var told = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var judge = new HubConnectionBuilder().WithUrl(node.Urls.First() + "/probe").Build();
        judge.On<int>(BackplaneResync.Method, ms => told.TrySetResult(ms));
        await judge.StartAsync();
        var quietHeard = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var fence = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var other = new HubConnectionBuilder().WithUrl(node.Urls.First() + "/quiet").Build();
        other.On<int>(BackplaneResync.Method, _ => quietHeard.Enqueue(BackplaneResync.Method));
        other.On<string>("Fence", _ => fence.TrySetResult());
        await other.StartAsync();
        var otherId = await other.InvokeAsync<string>(nameof(QuietHub.Me));

        await BackplaneCut.CutAsync(prefix);

        Assert.Equal((int)BackplaneResync.Spread(1).TotalMilliseconds, await told.Task.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal(250, (int)BackplaneResync.Spread(1).TotalMilliseconds);
        await node.Services.GetRequiredService<IHubContext<QuietHub>>().Clients.Client(otherId).SendAsync("Fence", "x");
        await fence.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Empty(quietHeard);
    }

    /// <summary>The whole app registers its live, projector and pitch hubs for re-sync, and nothing else.</summary>
    [Fact]
    public async Task The_app_re_syncs_live_players_hosts_projectors_and_pitch_judges()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = new ContestApp(db);
        var hubs = app.Services.GetServices<IResyncTarget>().Select(t => t.Hub.Name).Order().ToList();
        Assert.Equal(["LiveHub", "PitchHub", "ProjectorHub"], hubs);
        Assert.Single(app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<BackplaneResync>());
        // Registering a hub for re-sync leaves what its feature set for it: the live hub's refusals reach the phone as
        // "code: reason" (detailed errors; a second per-hub setup had reset them to the global "off").
        Assert.True(app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<HubOptions<Contest.Web.LiveGames.LiveHub>>>().Value.EnableDetailedErrors);
    }

    private static async Task<WebApplication> StartNodeAsync(Dictionary<string, string?> settings, bool resync = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var signalR = builder.Services.AddSignalR().AddContestBackplane(builder.Configuration);
        if (resync) signalR.AddResync<ProbeHub>();
        var app = builder.Build();
        app.MapHub<ProbeHub>("/probe");
        app.MapHub<QuietHub>("/quiet");
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

    /// <summary>A hub not registered for re-sync.</summary>
    public sealed class QuietHub : Hub
    {
        public string Me() => Context.ConnectionId;
    }
}
