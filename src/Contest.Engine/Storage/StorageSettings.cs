namespace Contest.Engine.Storage;

public enum StorageProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Where the system of record lives. Postgres when its connection string is set, else an SQLite file.</summary>
public sealed record StorageSettings(StorageProvider Provider, string ConnectionString)
{
    public const string PostgresSetting = "ConnectionStrings:Postgres";

    public static StorageSettings Sqlite(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        return new(StorageProvider.Sqlite, $"Data Source={Path.Combine(dataDirectory, "contest.db")};Cache=Shared;Foreign Keys=True");
    }

    public static StorageSettings Postgres(string connectionString) => new(StorageProvider.Postgres, connectionString);
}
