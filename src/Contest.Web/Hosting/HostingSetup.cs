using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.WebEncoders;

namespace Contest.Web.Hosting;

public static class HostingSetup
{
    public static void AddContestHosting(this IHostApplicationBuilder builder, string dataDirectory)
    {
        builder.Services.Configure<ContestOptions>(builder.Configuration.GetSection(ContestOptions.Section));
        builder.Services.AddSingleton(TimeProvider.System);
        // Vietnamese letters stay letters in the HTML (readable source, smaller pages); <, >, & and quotes are still encoded.
        builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        // Keys on disk so log-ins survive a restart.
        builder.Services.AddDataProtection()
            .SetApplicationName("Contest")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "keys")));
    }
}
