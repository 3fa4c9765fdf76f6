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

        var seedAsked = args.Contains("--seed-demo");
        if (settings.Provider == StorageProvider.Sqlite || seedAsked)
        {
            if (await DemoData.IsEmptyAsync(db, ct))
            {
                await DemoData.SeedAsync(db, sp.GetRequiredService<TimeProvider>(), ct);
                log.LogInformation("Demo data added: units of {Province}, two question banks, three contests.", DemoData.ProvinceName);
            }
            else if (seedAsked)
            {
                log.LogWarning("--seed-demo ignored: the database already has content.");
            }
        }
    }
}
