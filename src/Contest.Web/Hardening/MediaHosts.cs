using Contest.Admin.Questions;

namespace Contest.Web.Hardening;

/// <summary>The media hosts of Contest:Media:AllowedHosts (<see cref="MediaOptions.AllowedHosts"/>), for the Content-Security-Policy.</summary>
public static class MediaHosts
{
    public static string[] Allowed(IConfiguration config) =>
        MediaOptions.Hosts(config.GetSection(MediaOptions.Section + ":" + nameof(MediaOptions.AllowedHosts)).Get<string[]>());
}
