using Contest.Engine.Storage;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Contest.Testing;

/// <summary>A fresh, migrated database for one test: an SQLite file in a temp folder, or a new database on the test PostgreSQL server.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _pgName;
    private readonly string? _dir;

    private TestDatabase(StorageSettings settings, string? pgName, string? dir)
    {
        Settings = settings;
        _pgName = pgName;
        _dir = dir;
    }

    public StorageSettings Settings { get; }

    /// <summary>Folder for files beside the database (Hangfire, keys); always set.</summary>
    public string DataDirectory => _dir!;

    public static async Task<TestDatabase> CreateAsync(StorageProvider provider, bool migrate = true)
    {
        var dir = Directory.CreateTempSubdirectory("contest-test-").FullName;
        TestDatabase db;
        if (provider == StorageProvider.Postgres)
        {
            var admin = TestServers.PostgresAdmin;
            var name = "t_" + Guid.NewGuid().ToString("N");
            // A migrated database is a copy of the run's template (see PostgresTemplate); an empty one comes from template1.
            var template = migrate ? $" TEMPLATE \"{await PostgresTemplate.Value}\"" : "";
            await using (var conn = new NpgsqlConnection(admin))
            {
                await conn.OpenAsync();
                await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"{template}", conn);
                await cmd.ExecuteNonQueryAsync();
            }
            var cs = new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = true }.ConnectionString;
            db = new TestDatabase(StorageSettings.Postgres(cs), name, dir);
        }
        else
        {
            db = new TestDatabase(StorageSettings.Sqlite(dir), null, dir);
        }
        if (migrate && provider == StorageProvider.Sqlite)
        {
            File.Copy(await SqliteTemplate.Value, Path.Combine(dir, "contest.db"));
        }
        return db;
    }

    /// <summary>
    /// One migrated, empty SQLite file per test run, copied for each test that asks for a migrated database: the same
    /// schema the migrations make, without running them (a fifth of a second each) a hundred times. A test that leaves
    /// the migrating to the app (migrate: false) still gets an empty folder.
    /// </summary>
    private static readonly Lazy<Task<string>> SqliteTemplate = new(async () =>
    {
        var dir = Directory.CreateTempSubdirectory("contest-template-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { Directory.Delete(dir, recursive: true); } catch (IOException) { } };
        var settings = StorageSettings.Sqlite(dir);
        await using (var ctx = StorageRegistration.Create(settings))
        {
            await ctx.Database.MigrateAsync();
        }
        // Closes the pooled handle so the file is complete and no longer open when it is copied.
        Microsoft.Data.Sqlite.SqliteConnection.ClearPool(new Microsoft.Data.Sqlite.SqliteConnection(settings.ConnectionString));
        return Path.Combine(dir, "contest.db");
    });

    /// <summary>
    /// One migrated PostgreSQL database per test run, which CREATE DATABASE … TEMPLATE copies for each test that asks
    /// for a migrated database: running the migrations and Hangfire's schema script for every such test cost about a
    /// second each (the app's own start-up still checks both and finds them current, as on any restart). A fresh,
    /// never-migrated database (migrate: false) is still what start-up tests get. No connection to the template may stay
    /// open (PostgreSQL refuses to copy a database in use): it is prepared without pooling.
    /// </summary>
    private static readonly Lazy<Task<string>> PostgresTemplate = new(async () =>
    {
        var admin = TestServers.PostgresAdmin;
        var name = "t_tpl_" + Guid.NewGuid().ToString("N");
        await using (var conn = new NpgsqlConnection(admin))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                using var conn = new NpgsqlConnection(admin);
                conn.Open();
                using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", conn);
                cmd.ExecuteNonQuery();
            }
            catch (NpgsqlException) { }
        };
        var cs = new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = false }.ConnectionString;
        await using (var ctx = StorageRegistration.Create(StorageSettings.Postgres(cs)))
        {
            await ctx.Database.MigrateAsync();
        }
        // The same script, schema and options as the app's PostgreSqlStorage (PrepareSchemaIfNecessary, schema "hangfire").
        await using (var conn = new NpgsqlConnection(cs))
        {
            await conn.OpenAsync();
            Hangfire.PostgreSql.PostgreSqlObjectsInstaller.Install(conn, "hangfire");
        }
        return name;
    });

    public ContestDb NewContext() => StorageRegistration.Create(Settings);

    public async ValueTask DisposeAsync()
    {
        if (_pgName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var conn = new NpgsqlConnection(TestServers.PostgresAdmin);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_pgName}\" WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        else
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
        try { if (_dir is not null) Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
