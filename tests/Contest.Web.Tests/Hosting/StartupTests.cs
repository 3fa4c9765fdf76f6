using System.Net;
using System.Text.RegularExpressions;
using Contest.Engine.Storage;
using Contest.Testing;

namespace Contest.Web.Tests.Hosting;

/// <summary>Runs the real program as a process: what an operator sees on the console.</summary>
public partial class StartupTests
{
    [Theory]
    [InlineData("ConnectionStrings__Postgres", "Host=127.0.0.1;Port=1;Username=x;Database=x;Timeout=2", "ConnectionStrings:Postgres: cannot use PostgreSQL at 127.0.0.1:1")]
    [InlineData("ConnectionStrings__Postgres", "Hots=nowhere;;Port=abc", "ConnectionStrings:Postgres: not a valid PostgreSQL connection string")]
    // connectTimeout: a refused Redis is otherwise retried for the default 3 s before start-up gives up.
    [InlineData("ConnectionStrings__Redis", "127.0.0.1:1,connectTimeout=500", "ConnectionStrings:Redis: cannot connect to Redis")]
    public async Task A_bad_connection_string_stops_startup_with_one_line_naming_the_setting(string variable, string value, string expected)
    {
        var dir = Directory.CreateTempSubdirectory("contest-bad-").FullName;
        await using var process = ContestProcess.Start(new Dictionary<string, string> { ["Contest__DataDirectory"] = dir, [variable] = value });
        var code = await process.WaitExitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(1, code);
        var lines = process.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var line = Assert.Single(lines, l => l.StartsWith("Contest cannot start:"));
        Assert.Contains(expected, line);
        Assert.DoesNotContain(lines, l => l.StartsWith("at ") || l.Contains("Unhandled exception"));
    }

    [Fact]
    public async Task First_run_prints_a_random_admin_password_once_and_it_logs_in()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        string password;
        await using (var first = ContestProcess.Start(new Dictionary<string, string> { ["Contest__DataDirectory"] = db.DataDirectory }))
        {
            await first.WaitReadyAsync(TimeSpan.FromSeconds(60));
            var m = PasswordLine().Match(first.Output);
            Assert.True(m.Success, first.Output);
            password = m.Groups[1].Value;
            Assert.True(password.Length >= 12);

            using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true };
            using var client = new HttpClient(handler) { BaseAddress = new Uri(first.BaseUrl) };
            await AccountFlows.LoginAsync(client, "admin", password);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin")).StatusCode);
        }

        await using var second = ContestProcess.Start(new Dictionary<string, string> { ["Contest__DataDirectory"] = db.DataDirectory });
        await second.WaitReadyAsync(TimeSpan.FromSeconds(60));
        Assert.DoesNotContain(password, second.Output);
        Assert.DoesNotMatch(PasswordLine(), second.Output);
    }

    [Fact]
    public async Task Seed_demo_switch_fills_an_empty_postgres_once()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Postgres, migrate: false);
        var env = new Dictionary<string, string>
        {
            ["Contest__DataDirectory"] = db.DataDirectory,
            ["Contest__AdminPassword"] = ContestApp.AdminPassword,
            ["ConnectionStrings__Postgres"] = db.Settings.ConnectionString,
        };
        await using (var first = ContestProcess.Start(env, null, "--seed-demo"))
        {
            await first.WaitReadyAsync(TimeSpan.FromSeconds(60));
            using var http = new HttpClient();
            Assert.Contains("Rung chuông vàng — Lịch sử Đoàn", await http.GetStringAsync(first.BaseUrl + "/"));
        }
        await using (var second = ContestProcess.Start(env, null, "--seed-demo"))
        {
            await second.WaitReadyAsync(TimeSpan.FromSeconds(60));
            Assert.Contains("--seed-demo ignored: the database already has content.", second.Output);
        }
        await using var ctx = db.NewContext();
        Assert.Equal(4, await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(ctx.Contests));
    }

    [GeneratedRegex("Admin account created: user 'admin', password '([^']+)'")]
    private static partial Regex PasswordLine();
}
