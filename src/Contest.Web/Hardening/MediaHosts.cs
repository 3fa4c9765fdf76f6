namespace Contest.Web.Hardening;

/// <summary>
/// The other sites a question's picture or sound may come from (Contest:Media:AllowedHosts, host names such as
/// "cdn.tinhdoan.vn"). Media on this site itself (a path like /media/x.png) is always allowed. The same list feeds the
/// question rules (a URL elsewhere is refused when saved or imported) and the Content-Security-Policy.
/// </summary>
public static class MediaHosts
{
    public const string Section = "Contest:Media:AllowedHosts";

    public static string[] Allowed(IConfiguration config) =>
        (config.GetSection(Section).Get<string[]>() ?? [])
            .Select(h => h.Trim().ToLowerInvariant())
            .Where(h => h.Length > 0 && Uri.CheckHostName(h) != UriHostNameType.Unknown)
            .Distinct().ToArray();
}
