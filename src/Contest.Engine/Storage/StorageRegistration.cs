using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Contest.Engine.Storage;

public static class StorageRegistration
{
    /// <summary>Request-scoped contexts that retry transient PostgreSQL failures, and <see cref="NoRetryContexts"/> for the writers.</summary>
    /// <remarks>
    /// The options are built once (singleton), not per request: they depend only on <paramref name="settings"/>, and
    /// rebuilding them (warnings, logging, provider extensions) was a visible share of each answer save's CPU.
    /// </remarks>
    public static IServiceCollection AddContestDb(this IServiceCollection services, StorageSettings settings)
    {
        services.AddSingleton(settings);
        services.AddSingleton<NoRetryContexts>();
        return settings.Provider switch
        {
            StorageProvider.Postgres => services.AddDbContext<ContestDb, PostgresContestDb>(o => Configure(o, settings, retryOnFailure: true), ServiceLifetime.Scoped, ServiceLifetime.Singleton),
            _ => services.AddDbContext<ContestDb, SqliteContestDb>(o => Configure(o, settings, retryOnFailure: true), ServiceLifetime.Scoped, ServiceLifetime.Singleton),
        };
    }

    /// <param name="retryOnFailure">PostgreSQL only: retry transient failures (3 times). Code that opens its own transactions needs false.</param>
    public static void Configure(DbContextOptionsBuilder options, StorageSettings settings, bool retryOnFailure)
    {
        if (settings.Provider == StorageProvider.Postgres)
            options.UseNpgsql(settings.ConnectionString, n => { if (retryOnFailure) n.EnableRetryOnFailure(3); });
        else
            options.UseSqlite(settings.ConnectionString);
    }

    /// <summary>A context outside DI, without retries (see <see cref="NoRetryContexts"/>): writers, tools, tests, the load generator.</summary>
    public static ContestDb Create(StorageSettings settings)
    {
        if (settings.Provider == StorageProvider.Postgres)
        {
            var postgres = new DbContextOptionsBuilder<PostgresContestDb>();
            Configure(postgres, settings, retryOnFailure: false);
            return new PostgresContestDb(postgres.Options);
        }
        var sqlite = new DbContextOptionsBuilder<SqliteContestDb>();
        Configure(sqlite, settings, retryOnFailure: false);
        return new SqliteContestDb(sqlite.Options);
    }
}
