using System.Text.Encodings.Web;
using System.Text.Unicode;
using Contest.Web.Redis;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.WebEncoders;
using StackExchange.Redis;

namespace Contest.Web.Hosting;

public static class HostingSetup
{
    public static void AddContestHosting(this IHostApplicationBuilder builder, string dataDirectory)
    {
        builder.Services.Configure<ContestOptions>(builder.Configuration.GetSection(ContestOptions.Section));
        builder.Services.AddSingleton(TimeProvider.System);
        // Vietnamese letters stay letters in the HTML (readable source, smaller pages); <, >, & and quotes are still encoded.
        builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("Contest");
        if (!string.IsNullOrWhiteSpace(builder.Configuration[Engine.Storage.StorageSettings.PostgresSetting]))
        {
            // PostgreSQL is the system of record: the key ring lives there, so neither a Redis FLUSHALL nor a Redis
            // restart signs anyone out, and every node reads the same keys.
            dataProtection.PersistKeysToDbContext<Engine.Storage.ContestDb>();
        }
        else if (string.IsNullOrWhiteSpace(builder.Configuration[RedisSetup.Setting]))
        {
            // Keys on disk so log-ins survive a restart.
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "keys")));
        }
        else
        {
            // Several nodes: a cookie or antiforgery token made on one must open on the others, so the key
            // ring lives in Redis. The multiplexer is registered later (RedisSetup), hence resolved lazily.
            var key = new RedisKey(ContestOptions.ResolveRedisPrefix(builder.Configuration) + "dataprotection-keys");
            builder.Services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider>((o, sp) =>
                o.XmlRepository = new RedisXmlRepository(() => sp.GetRequiredService<IConnectionMultiplexer>().GetDatabase(), key));
        }
        builder.Services.AddTransient<IStartupFilter, NodeHeaderFilter>();
        builder.Services.AddConnectionBuffers();
    }

    /// <summary>First in the pipeline, so even errors and static files say which node answered.</summary>
    private sealed class NodeHeaderFilter(IOptions<ContestOptions> options) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            var node = options.Value.NodeName;
            if (!string.IsNullOrWhiteSpace(node))
            {
                app.Use((ctx, nextMiddleware) =>
                {
                    ctx.Response.Headers["X-Contest-Node"] = node;
                    return nextMiddleware(ctx);
                });
            }
            next(app);
        };
    }
}
