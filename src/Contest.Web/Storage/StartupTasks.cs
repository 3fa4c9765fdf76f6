using Contest.Engine.Demo;
using Contest.Engine.Storage;
using Contest.Web.Accounts;

namespace Contest.Web.Storage;

public static class StartupTasks
{
    /// <summary>
    /// Migrates, creates roles and the first admin, and seeds the demo: always on an empty embedded
    /// database, on PostgreSQL only when asked with --seed-demo (production data is never touched unasked).
    /// </summary>
    public static async Task PrepareAsync(this WebApplication app, string[] args)
    {
        using var scope = app.Services.CreateScope();
        var sp = scope.ServiceProvider;
        var settings = sp.GetRequiredService<StorageSettings>();
        var db = sp.GetRequiredService<ContestDb>();
        var log = sp.GetRequiredService<ILoggerFactory>().CreateLogger("Contest.Startup");
        var ct = app.Lifetime.ApplicationStopping;

        await StorageSetup.MigrateAsync(db, settings, ct);
        await AdminBootstrap.EnsureAsync(sp, ct);

        // Contest:Demo decides when set (false: an empty database stays empty, as an end-to-end test from nothing needs);
        // unset, the embedded database gets the demo and PostgreSQL only with --seed-demo.
        var demo = app.Configuration.GetValue<bool?>("Contest:Demo");
        var seedAsked = args.Contains("--seed-demo") || demo == true;
        if (demo != false && (settings.Provider == StorageProvider.Sqlite || seedAsked))
        {
            if (await DemoData.IsEmptyAsync(db, ct))
            {
                await DemoData.SeedAsync(db, sp.GetRequiredService<TimeProvider>(), ct);
                log.LogInformation("Demo data added: units of {Province}, two question banks, four contests.", DemoData.ProvinceName);
            }
            else if (seedAsked)
            {
                log.LogWarning("--seed-demo ignored: the database already has content.");
            }
        }
    }
}
