using System.Diagnostics;
using System.Net;
using Contest.Engine.Cluster;
using Contest.Engine.Storage;
using Contest.Testing;
using Contest.Web.Cluster;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Xunit.Abstractions;

namespace Contest.Web.Tests.Cluster;

/// <summary>
/// Two silos in one process form one cluster through the ClusterMembers table on PostgreSQL, with the production
/// failure-detection timings; when one stops the other sees it leave, and when one dies without a word the
/// survivor itself declares it dead within a few seconds.
/// </summary>
public sealed class TwoSiloClusterTests(ITestOutputHelper output) : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private readonly string _clusterId = "two-silos-" + Guid.NewGuid().ToString("N");
    private readonly List<IHost> _hosts = [];

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync(StorageProvider.Postgres);

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            try
            {
                using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await host.StopAsync(quick.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException) { }
            host.Dispose();
        }
        await _db.DisposeAsync();
    }

    private async Task<IHost> StartSiloAsync(string name)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new OutputLogs(output, name));
        builder.Services.AddContestDb(_db.Settings);
        var siloPort = TestServers.FreePort();
        var gatewayPort = TestServers.FreePort();
        builder.UseOrleans(silo => silo
            .UseContestDbClustering()
            .Configure<ClusterOptions>(o => o.ClusterId = _clusterId)
            .Configure<SiloOptions>(o => o.SiloName = name)
            .ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort));
        var host = builder.Build();
        _hosts.Add(host);
        await host.StartAsync();
        return host;
    }

    private static ClusterMembershipSnapshot View(IHost host) => host.Services.GetRequiredService<IClusterMembershipService>().CurrentSnapshot;

    private static SiloAddress Address(IHost host) => host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;

    private static async Task<TimeSpan> WaitForAsync(Func<bool> condition, TimeSpan limit, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > limit) throw new TimeoutException($"{what}: not seen within {limit.TotalSeconds} s");
            await Task.Delay(50);
        }
        return clock.Elapsed;
    }

    private async Task<ClusterMemberRow> RowAsync(SiloAddress silo)
    {
        await using var ctx = _db.NewContext();
        var key = silo.ToParsableString();
        return await ctx.Set<ClusterMemberRow>().AsNoTracking().SingleAsync(r => r.ClusterId == _clusterId && r.Silo == key);
    }

    private static bool SeesActive(IHost observer, params SiloAddress[] silos) =>
        silos.All(s => View(observer).GetSiloStatus(s) == SiloStatus.Active);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_silo_in_another_process_that_is_killed_or_frozen_is_declared_dead_by_the_survivor_within_seconds(bool frozen)
    {
        var a = await StartSiloAsync("a");
        var addressA = Address(a);
        await using var b = await ClusterNodeProcess.StartAsync(_db.Settings.ConnectionString, _clusterId, "b", output);
        var addressB = b.Address;

        await WaitForAsync(() => SeesActive(a, addressA, addressB), TimeSpan.FromSeconds(30), "b active in a's view");
        Assert.Equal((int)SiloStatus.Active, (await RowAsync(addressB)).Status);

        var clock = Stopwatch.StartNew();
        if (frozen) b.Freeze(); else b.Kill();
        var declared = await WaitForAsync(() => View(a).GetSiloStatus(addressB) == SiloStatus.Dead, TimeSpan.FromSeconds(30), "b declared dead in a's view");
        output.WriteLine($"b {(frozen ? "frozen (SIGSTOP)" : "killed (SIGKILL)")}: declared dead in a's view after {clock.ElapsedMilliseconds} ms");

        var row = await RowAsync(addressB);
        Assert.Equal((int)SiloStatus.Dead, row.Status);
        // The vote in b's row is a's: the survivor detected the death; b wrote nothing.
        Assert.Contains(addressA.ToParsableString(), row.SuspectTimes ?? "");
        Assert.True(declared < TimeSpan.FromSeconds(frozen ? 15 : 10), $"declared dead after {declared.TotalSeconds:F1} s; the timings promise a few seconds");
        Assert.Equal(SiloStatus.Active, View(a).GetSiloStatus(addressA));
    }

    [Fact]
    public async Task A_silo_that_stops_gracefully_leaves_and_a_new_one_joins_the_same_cluster()
    {
        var a = await StartSiloAsync("a");
        var b = await StartSiloAsync("b");
        var (addressA, addressB) = (Address(a), Address(b));
        await WaitForAsync(() => SeesActive(a, addressA, addressB), TimeSpan.FromSeconds(30), "b active in a's view");

        await b.StopAsync();
        var left = await WaitForAsync(() => View(a).GetSiloStatus(addressB) == SiloStatus.Dead, TimeSpan.FromSeconds(10), "b gone from a's view");
        output.WriteLine($"b's graceful leave seen by a {left.TotalMilliseconds:F0} ms after StopAsync returned");
        Assert.Equal((int)SiloStatus.Dead, (await RowAsync(addressB)).Status);

        var c = await StartSiloAsync("c");
        var addressC = Address(c);
        await WaitForAsync(() => SeesActive(a, addressA, addressC) && SeesActive(c, addressA, addressC), TimeSpan.FromSeconds(30), "c active in both views");
        await using var ctx = _db.NewContext();
        var rows = await ctx.Set<ClusterMemberRow>().AsNoTracking().Where(r => r.ClusterId == _clusterId).ToListAsync();
        Assert.Equal(4, rows.Count); // the version row and one row per silo generation
        var version = rows.Single(r => r.Silo == ClusterMemberRow.VersionRow).Version;
        Assert.True(version >= 6, $"table version {version}: each silo's join takes at least two conditional writes");
    }

    private sealed class OutputLogs(ITestOutputHelper output, string silo) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(output, silo, categoryName);
        public void Dispose() { }

        private sealed class Logger(ITestOutputHelper output, string silo, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            // Membership decisions are logged at Information; everything else only when it goes wrong.
            public bool IsEnabled(LogLevel level) =>
                level >= LogLevel.Warning || (level >= LogLevel.Information && category.Contains("Membership", StringComparison.Ordinal));

            public void Log<TState>(LogLevel level, EventId id, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (!IsEnabled(level)) return;
                // Background threads may log after the test ended, when xunit refuses output.
                try { output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} [{silo}] {level} {category}: {formatter(state, exception)}"); }
                catch (InvalidOperationException) { }
            }
        }
    }
}
