using System.Net;
using Contest.Engine.Storage;
using Contest.Web.Cluster;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;

// Settings come as --Node:Postgres=… --Node:ClusterId=… --Node:Name=… --Node:SiloPort=… --Node:GatewayPort=…
var builder = Host.CreateApplicationBuilder(args);
var node = builder.Configuration.GetSection("Node");
string Setting(string key) => node[key] is { Length: > 0 } v ? v : throw new ArgumentException($"--Node:{key}=… is required");

builder.Logging.ClearProviders();
builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; });
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Logging.AddFilter("Orleans.Runtime.MembershipService", LogLevel.Information);

builder.Services.AddContestDb(StorageSettings.Postgres(Setting("Postgres")));
builder.UseOrleans(silo => silo
    .UseContestDbClustering()
    .Configure<ClusterOptions>(o => o.ClusterId = Setting("ClusterId"))
    .Configure<SiloOptions>(o => o.SiloName = Setting("Name"))
    .ConfigureEndpoints(IPAddress.Loopback, int.Parse(Setting("SiloPort")), int.Parse(Setting("GatewayPort"))));

using var host = builder.Build();
await host.StartAsync();
// The test's fence: the silo is active in the cluster and this is its address.
Console.WriteLine("silo-active " + host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToParsableString());
await host.WaitForShutdownAsync();
