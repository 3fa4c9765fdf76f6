using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Contest.Engine.Storage;

// Used only by `dotnet ef migrations add`; the connection strings are never opened.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteContestDb>
{
    public SqliteContestDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteContestDb>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresContestDb>
{
    public PostgresContestDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresContestDb>().UseNpgsql("Host=localhost;Database=design").Options);
}
