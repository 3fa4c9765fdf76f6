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
