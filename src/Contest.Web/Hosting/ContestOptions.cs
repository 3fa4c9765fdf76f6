namespace Contest.Web.Hosting;

/// <summary>The "Contest" configuration section.</summary>
public sealed class ContestOptions
{
    public const string Section = "Contest";

    /// <summary>Folder for the SQLite files and uploads; defaults to App_Data under the content root.</summary>
    public string DataDirectory { get; set; } = "";

    public string AdminUserName { get; set; } = "admin";

    /// <summary>When empty, the first run makes a random password and prints it once.</summary>
    public string AdminPassword { get; set; } = "";

    /// <summary>This node's name, sent as the X-Contest-Node response header when set (tells operators and tests which node answered behind nginx).</summary>
    public string NodeName { get; set; } = "";

    /// <summary>Start of every Redis key and channel Contest uses, so several deployments can share one Redis.</summary>
    public string RedisPrefix { get; set; } = DefaultRedisPrefix;

    public const string DefaultRedisPrefix = "contest:";

    /// <summary>Show the developer exception page (stack traces) instead of the friendly error page; for developers only (docs/errors.md).</summary>
    public bool DeveloperErrors { get; set; }

    public static string ResolveRedisPrefix(IConfiguration config) =>
        config[$"{Section}:{nameof(RedisPrefix)}"] is { Length: > 0 } prefix ? prefix : DefaultRedisPrefix;

    public static string ResolveDataDirectory(IConfiguration config, IHostEnvironment env)
    {
        var dir = config[$"{Section}:{nameof(DataDirectory)}"];
        return string.IsNullOrWhiteSpace(dir) ? Path.Combine(env.ContentRootPath, "App_Data") : Path.GetFullPath(dir, env.ContentRootPath);
    }
}
