using Contest.Engine.Storage;
using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Hangfire.Storage.SQLite;

namespace Contest.Web.Jobs;

public static class JobsSetup
{
    public const string DashboardPath = "/admin/jobs";

    /// <summary>Hangfire on the same store as the system of record: a SQLite file beside contest.db, or PostgreSQL's "hangfire" schema.</summary>
    public static void AddContestJobs(this IHostApplicationBuilder builder, StorageSettings storage, string dataDirectory)
    {
        // The storage is this app's own singleton, registered before AddHangfire (which only adds one if missing),
        // instead of Hangfire's process-wide JobStorage.Current: two apps in one process (the web tests) then
        // never schedule jobs into each other's store.
        builder.Services.AddSingleton<JobStorage>(_ => storage.Provider == StorageProvider.Postgres
            ? new PostgreSqlStorage(new PostgresConnections(storage.ConnectionString),
                new PostgreSqlStorageOptions { SchemaName = "hangfire", PrepareSchemaIfNecessary = true, QueuePollInterval = TimeSpan.FromSeconds(1) })
            // Rounds open and close on the minute: poll the queue every second, not the storage's default.
            : new SQLiteStorage(Path.Combine(dataDirectory, "hangfire.db"), new SQLiteStorageOptions { QueuePollInterval = TimeSpan.FromSeconds(1) }));
        builder.Services.AddHangfire((services, config) => config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new GuardedLogProvider(services.GetRequiredService<ILoggerFactory>())));
        builder.Services.AddHangfireServer(o =>
        {
            o.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
            o.WorkerCount = Math.Max(2, Environment.ProcessorCount);
            o.SchedulePollingInterval = TimeSpan.FromSeconds(1);
        });
    }

    public static void MapContestJobsDashboard(this WebApplication app)
    {
        // The dashboard's stats are a POST of the live graph's metrics; a GET (a typed address, a crawler) made
        // Hangfire read a form that is not there and answer 500.
        app.Use((http, next) =>
        {
            if (!http.Request.Path.Equals(DashboardPath + "/stats", StringComparison.OrdinalIgnoreCase) || HttpMethods.IsPost(http.Request.Method)) return next(http);
            http.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            http.Response.Headers.Allow = "POST";
            return Task.CompletedTask;
        });
        app.UseHangfireDashboard(DashboardPath, new DashboardOptions
        {
            Authorization = [new AdminOnlyDashboardFilter()],
            DashboardTitle = "Contest — jobs",
            AppPath = "/admin",
        });
    }

    private sealed class AdminOnlyDashboardFilter : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) =>
            context.GetHttpContext().User.IsInRole(Contest.Engine.Accounts.Roles.Admin);
    }

    private sealed class PostgresConnections(string connectionString) : IConnectionFactory
    {
        public Npgsql.NpgsqlConnection GetOrCreateConnection() => new(connectionString);
    }
}
