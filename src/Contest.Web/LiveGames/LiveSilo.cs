using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Contest.Engine.Storage;
using Contest.Web.Cluster;
using Contest.Web.Redis;
using Orleans.Configuration;
using Orleans.Serialization;

namespace Contest.Web.LiveGames;

/// <summary>
/// The Orleans silo every web node hosts, in process, for the live games' grains (docs/architecture.md, "How a live
/// game lives on the cluster"). Embedded (SQLite, or no Redis): a one-silo localhost cluster. With PostgreSQL and
/// Redis (the multi-node configuration): one cluster of all nodes, its membership in PostgreSQL.
/// </summary>
public static class LiveSilo
{
    public const string Section = "Orleans";

    /// <summary>
    /// With several nodes, a grain call that gets no answer in this time fails (and <see cref="LivePlay"/> tries it again): the backstop
    /// for a silo that is frozen rather than dead, whose connections stay open. Above the slowest honest call (a podium
    /// of 10,000 players, an answer waiting for its group commit), well below the default 30 s.
    /// </summary>
    public static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(5);

    public static void AddLiveSilo(this IHostApplicationBuilder builder, StorageSettings storage)
    {
        var config = builder.Configuration;
        var clustered = storage.Provider == StorageProvider.Postgres && !string.IsNullOrWhiteSpace(config[RedisSetup.Setting]);
        // Orleans refuses port 0: without a configured port a free one is taken, so several apps (tests) run side by side.
        var siloPort = config.GetValue<int?>($"{Section}:SiloPort") ?? FreePort();
        var advertised = Advertised(config[$"{Section}:AdvertisedAddress"]);
        // Orleans and its placement pipeline log every activation and placement at Information: kept to warnings, so a
        // crowd of calls does not write a line each.
        builder.Logging.AddFilter("Orleans", LogLevel.Warning);
        builder.Logging.AddFilter("Polly", LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            if (clustered)
            {
                silo.UseContestDbClustering();
                // No gateway: the web nodes are the silos; nothing outside the cluster calls grains.
                silo.ConfigureEndpoints(advertised, siloPort, gatewayPort: 0, listenOnAnyHostAddress: config.GetValue<bool>($"{Section}:ListenOnAnyAddress"));
                // Tests run clusters side by side in one database: each names its own.
                if (config[$"{Section}:ClusterId"] is { Length: > 0 } clusterId) silo.Configure<ClusterOptions>(o => o.ClusterId = clusterId);
            }
            else
            {
                silo.UseLocalhostClustering(siloPort, FreePort(), serviceId: "contest", clusterId: "contest-embedded");
            }
            // One silo (embedded) has no frozen peer to give up on: a short timeout there would only turn a slow moment
            // of a busy machine (first activations, a starved CPU) into a refused call, so it keeps Orleans' default.
            if (clustered) silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = ResponseTimeout);
            // Engine types (states, answers, acknowledgements) cross silos as JSON, as they already travel to the screens;
            // the engine itself knows nothing of Orleans.
            silo.Services.AddSerializer(s => s.AddJsonSerializer(
                isSupported: t => t.Namespace?.StartsWith("Contest.Engine", StringComparison.Ordinal) == true,
                new JsonSerializerOptions(JsonSerializerDefaults.Web)));
        });
    }

    /// <summary>An address, or a host name (a container's service name) resolved to its first IPv4 address; loopback by default.</summary>
    private static IPAddress Advertised(string? setting)
    {
        if (string.IsNullOrWhiteSpace(setting)) return IPAddress.Loopback;
        if (IPAddress.TryParse(setting, out var ip)) return ip;
        try
        {
            return Dns.GetHostAddresses(setting).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
                ?? throw new Hosting.StartupException($"{Section}:AdvertisedAddress", $"{setting} has no IPv4 address");
        }
        catch (SocketException e)
        {
            throw new Hosting.StartupException($"{Section}:AdvertisedAddress", $"cannot resolve {setting} ({e.Message})");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
