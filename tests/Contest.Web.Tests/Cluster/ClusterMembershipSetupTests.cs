using Contest.Engine.Storage;
using Contest.Web.Cluster;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Contest.Web.Tests.Cluster;

/// <summary>What UseContestDbClustering registers, read from a built (not started) silo host.</summary>
public class ClusterMembershipSetupTests
{
    private static IHost Build(Action<ISiloBuilder> silo)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddContestDb(StorageSettings.Postgres("Host=127.0.0.1;Database=never-opened"));
        builder.UseOrleans(silo);
        return builder.Build();
    }

    [Fact]
    public void The_table_is_ContestDb_the_ids_default_to_contest_and_the_timings_are_the_documented_ones()
    {
        using var host = Build(s => s.UseContestDbClustering());
        Assert.IsType<ContestDbMembershipTable>(host.Services.GetRequiredService<IMembershipTable>());
        var ids = host.Services.GetRequiredService<IOptions<ClusterOptions>>().Value;
        Assert.Equal(("contest", "contest"), (ids.ClusterId, ids.ServiceId));
        var m = host.Services.GetRequiredService<IOptions<ClusterMembershipOptions>>().Value;
        Assert.Equal(TimeSpan.FromSeconds(1), m.ProbeTimeout);
        Assert.Equal(TimeSpan.FromSeconds(2), m.MaxProbeTimeout);
        Assert.Equal(2, m.NumMissedProbesLimit);
        Assert.Equal(2, m.NumVotesForDeathDeclaration);
        Assert.Equal(TimeSpan.FromSeconds(20), m.DeathVoteExpirationTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), m.TableRefreshTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), m.IAmAliveTablePublishTimeout);
    }

    [Fact]
    public void A_hosts_own_ids_and_tuning_win_whether_configured_before_or_after()
    {
        using var before = Build(s => s
            .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = ("blue", "quiz"))
            .UseContestDbClustering(m => m.NumMissedProbesLimit = 5));
        var ids = before.Services.GetRequiredService<IOptions<ClusterOptions>>().Value;
        Assert.Equal(("blue", "quiz"), (ids.ClusterId, ids.ServiceId));
        Assert.Equal(5, before.Services.GetRequiredService<IOptions<ClusterMembershipOptions>>().Value.NumMissedProbesLimit);

        using var after = Build(s => s
            .UseContestDbClustering()
            .Configure<ClusterOptions>(o => o.ClusterId = "green"));
        ids = after.Services.GetRequiredService<IOptions<ClusterOptions>>().Value;
        Assert.Equal(("green", "contest"), (ids.ClusterId, ids.ServiceId));
    }
}
