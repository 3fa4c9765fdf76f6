using Contest.Web.Hosting;
using StackExchange.Redis;

namespace Contest.Web.Redis;

public static class RedisSetup
{
    public const string Setting = "ConnectionStrings:Redis";

    /// <summary>Connects when ConnectionStrings:Redis is set; returns false in embedded mode.</summary>
    public static bool AddContestRedis(this IHostApplicationBuilder builder)
    {
        var cs = builder.Configuration[Setting];
        if (string.IsNullOrWhiteSpace(cs)) return false;

        ConfigurationOptions options;
        try { options = ConfigurationOptions.Parse(cs); }
        catch (ArgumentException e) { throw new StartupException(Setting, $"not a valid Redis connection string ({e.Message})"); }
        options.AbortOnConnectFail = true;
        ConnectTimeout(options, cs);

        IConnectionMultiplexer mux;
        try { mux = ConnectionMultiplexer.Connect(options); }
        catch (RedisConnectionException e) { throw new StartupException(Setting, $"cannot connect to Redis at {string.Join(",", options.EndPoints)} ({e.FailureType})"); }
        builder.Services.AddSingleton(mux);
        return true;
    }

    /// <summary>3 s to reach Redis at start-up (a clear stop rather than a long hang), unless the connection string sets its own connectTimeout.</summary>
    public static void ConnectTimeout(ConfigurationOptions options, string connectionString)
    {
        if (!connectionString.Contains("connectTimeout", StringComparison.OrdinalIgnoreCase)) options.ConnectTimeout = 3000;
    }
}
