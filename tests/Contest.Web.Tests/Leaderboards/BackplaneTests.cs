using Contest.Testing;
using Contest.Web.Leaderboards;
using Microsoft.AspNetCore.SignalR;
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

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSignalR().AddContestBackplane(configuration);
        return services.BuildServiceProvider();
    }

    public sealed class ProbeHub : Hub;
}
