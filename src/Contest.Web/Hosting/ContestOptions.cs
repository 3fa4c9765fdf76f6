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

    public static string ResolveDataDirectory(IConfiguration config, IHostEnvironment env)
    {
        var dir = config[$"{Section}:{nameof(DataDirectory)}"];
        return string.IsNullOrWhiteSpace(dir) ? Path.Combine(env.ContentRootPath, "App_Data") : Path.GetFullPath(dir, env.ContentRootPath);
    }
}
