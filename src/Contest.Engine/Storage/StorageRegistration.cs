using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Contest.Engine.Storage;

public static class StorageRegistration
{
    public static IServiceCollection AddContestDb(this IServiceCollection services, StorageSettings settings)
    {
        services.AddSingleton(settings);
        return settings.Provider switch
        {
            StorageProvider.Postgres => services.AddDbContext<ContestDb, PostgresContestDb>(o => Configure(o, settings)),
            _ => services.AddDbContext<ContestDb, SqliteContestDb>(o => Configure(o, settings)),
        };
    }

    public static void Configure(DbContextOptionsBuilder options, StorageSettings settings)
    {
        if (settings.Provider == StorageProvider.Postgres)
            options.UseNpgsql(settings.ConnectionString, n => n.EnableRetryOnFailure(3));
        else
            options.UseSqlite(settings.ConnectionString);
    }

    /// <summary>Builds a context outside DI (tools, tests, the load generator).</summary>
    public static ContestDb Create(StorageSettings settings) => settings.Provider switch
    {
        StorageProvider.Postgres => new PostgresContestDb(new DbContextOptionsBuilder<PostgresContestDb>().UseNpgsql(settings.ConnectionString).Options),
        _ => new SqliteContestDb(new DbContextOptionsBuilder<SqliteContestDb>().UseSqlite(settings.ConnectionString).Options),
    };
}
