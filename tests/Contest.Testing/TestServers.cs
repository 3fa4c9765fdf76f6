namespace Contest.Testing;

/// <summary>
/// The real servers that ./test.sh starts. A test that needs one and does not find it fails:
/// a skipped Postgres test would hide exactly the bugs it exists to catch.
/// </summary>
public static class TestServers
{
    public const string PostgresVariable = "CONTEST_TEST_POSTGRES";
    public const string RedisVariable = "CONTEST_TEST_REDIS";

    public static string PostgresAdmin => Require(PostgresVariable, "PostgreSQL");
    public static string Redis => Require(RedisVariable, "Redis");

    private static string Require(string variable, string what) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{what} is needed for this test: run ./test.sh, or set {variable}.");

    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Contest.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("Contest.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public static int FreePort()
    {
        var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        var port = ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }
}
