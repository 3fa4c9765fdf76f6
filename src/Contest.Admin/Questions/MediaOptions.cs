namespace Contest.Admin.Questions;

/// <summary>Uploaded question media (images, listening audio): configuration section <c>Contest:Media</c>.</summary>
public sealed class MediaOptions
{
    public const string Section = "Contest:Media";

    /// <summary>Where files are kept; defaults to <c>media</c> in the data directory.</summary>
    public string Directory { get; set; } = "";

    /// <summary>Largest image or audio file, in bytes (default 5 MB: a minute of listening audio at 128 kbit/s is about 1 MB).</summary>
    public long MaxBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>
    /// Other sites a question's picture or sound may come from, as host names ("cdn.tinhdoan.vn"); media on this site
    /// (a path such as /media/x.png) is always allowed. A URL elsewhere is refused when a question is saved or imported,
    /// and the Content-Security-Policy allows exactly these hosts.
    /// </summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>The configured hosts, trimmed, lower case, without the ones that are not host names.</summary>
    public static string[] Hosts(IEnumerable<string>? configured) =>
        (configured ?? []).Select(h => h.Trim().ToLowerInvariant())
            .Where(h => h.Length > 0 && Uri.CheckHostName(h) != UriHostNameType.Unknown).Distinct().ToArray();
}
