using System.Net.Sockets;
using Contest.Engine.Storage;
using Contest.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Contest.Web.Storage;

public static class StorageSetup
{
    /// <summary>PostgreSQL when ConnectionStrings:Postgres is set, else an SQLite file in the data folder.</summary>
    public static StorageSettings AddContestStorage(this IHostApplicationBuilder builder)
    {
        var pg = builder.Configuration[StorageSettings.PostgresSetting];
        StorageSettings settings;
        if (string.IsNullOrWhiteSpace(pg))
        {
            settings = StorageSettings.Sqlite(ContestOptions.ResolveDataDirectory(builder.Configuration, builder.Environment));
        }
        else
        {
            try { _ = new NpgsqlConnectionStringBuilder(pg); }
            catch (Exception e) when (e is ArgumentException or FormatException)
            {
                throw new StartupException(StorageSettings.PostgresSetting, $"not a valid PostgreSQL connection string ({e.Message})");
            }
            settings = StorageSettings.Postgres(pg);
        }
        builder.Services.AddContestDb(settings);
        return settings;
    }

    /// <summary>Applies the provider's migrations; an unreachable server becomes one clear line naming the setting.</summary>
    public static async Task MigrateAsync(ContestDb db, StorageSettings settings, CancellationToken ct)
    {
        try
        {
            await db.Database.MigrateAsync(ct);
        }
        catch (Exception e) when (settings.Provider == StorageProvider.Postgres && IsConnectionProblem(e))
        {
            var b = new NpgsqlConnectionStringBuilder(settings.ConnectionString);
            throw new StartupException(StorageSettings.PostgresSetting, $"cannot use PostgreSQL at {b.Host}:{b.Port}, database '{b.Database}' ({Innermost(e).Message})");
        }
    }

    private static bool IsConnectionProblem(Exception e) =>
        e is NpgsqlException or SocketException or TimeoutException or InvalidOperationException
        || (e.InnerException is { } inner && IsConnectionProblem(inner));

    private static Exception Innermost(Exception e) => e.InnerException is null ? e : Innermost(e.InnerException);
}
