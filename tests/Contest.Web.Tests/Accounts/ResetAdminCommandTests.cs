using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Contest.Engine.Accounts;
using Contest.Engine.Storage;
using Contest.Testing;
using Contest.Web.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Contest.Web.Tests.Accounts;

/// <summary>The <c>reset-admin</c> command as a real process: the password from standard input, its refusals, and the web app afterwards.</summary>
public partial class ResetAdminCommandTests
{
    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task A_typed_password_replaces_the_lost_one_re_enables_the_admin_and_ends_its_sessions(StorageProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, migrate: false);
        await using (var first = new ContestApp(db))
        {
            var session = await first.LoginAsync();
            using var scope = first.Services.CreateScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var admin = (await users.FindByNameAsync(ContestApp.AdminUser))!;
            // As if someone had locked the admin out: the reset lets them back in.
            admin.DisabledAt = DateTimeOffset.UtcNow;
            await users.UpdateAsync(admin);
        }

        var (code, output) = await RunAsync(db, "Mat-khau-moi-9\n");
        Assert.True(code == 0, output);
        Assert.Contains($"Reset the password of administrator 'admin' in the {(provider == StorageProvider.Sqlite ? "SQLite" : "PostgreSQL")} database", output);
        Assert.DoesNotContain("Mat-khau-moi-9", output);
        Assert.DoesNotContain("Now listening", output);

        await using var app = new ContestApp(db);
        // The configured Contest:AdminPassword (the lost one) no longer opens it; the typed one does, with nothing to change first.
        Assert.Equal(HttpStatusCode.OK, (await AccountFlows.PostLoginAsync(app.NewClient(), ContestApp.AdminUser, ContestApp.AdminPassword)).StatusCode);
        var client = app.NewClient();
        var signIn = await AccountFlows.PostLoginAsync(client, ContestApp.AdminUser, "Mat-khau-moi-9");
        Assert.Equal("/", signIn.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/users")).StatusCode);
    }

    [Fact]
    public async Task An_empty_password_makes_a_temporary_one_and_bad_input_changes_nothing()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        string stampBefore;
        await using (var first = new ContestApp(db))
        {
            _ = first.Server;
            using var scope = first.Services.CreateScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var organizer = new AppUser { UserName = "btc-tinh", DisplayName = "BTC" };
            Assert.True((await users.CreateAsync(organizer, "Btc-tinh-pass-1")).Succeeded);
            Assert.True((await users.AddToRoleAsync(organizer, Roles.Organizer)).Succeeded);
            stampBefore = (await users.FindByNameAsync(ContestApp.AdminUser))!.SecurityStamp!;
        }

        // The three refusals at once (none of them writes; each is checked on its own exit code and output).
        var refusals = await Task.WhenAll(
            // A weak password: every rule it breaks, exit 2.
            RunAsync(db, "abc\n"),
            // Only administrators are reset: this would make an organizer's password known to the operator for nothing.
            RunAsync(db, "Mat-khau-moi-9\n", "--user", "btc-tinh"),
            RunAsync(db, "", "--user"));
        var (code, output) = refusals[0];
        Assert.Equal(2, code);
        Assert.Contains("reset-admin: the password was refused: Passwords must be at least 8 characters.", output);
        Assert.Contains("Passwords must have at least one digit ('0'-'9').", output);
        Assert.Contains("reset-admin: nothing was changed.", output);
        (code, output) = refusals[1];
        Assert.Equal(2, code);
        Assert.Contains("reset-admin: 'btc-tinh' is not an administrator", output);
        (code, output) = refusals[2];
        Assert.Equal(2, code);
        Assert.Contains("reset-admin: --user needs a user name", output);

        // The admin's security stamp, read straight from the database (a whole app started only to read it cost seconds).
        await using (var check = db.NewContext())
            Assert.Equal(stampBefore, (await check.Users.AsNoTracking().SingleAsync(u => u.UserName == ContestApp.AdminUser)).SecurityStamp);

        // Nothing typed (end of input): a random temporary password, printed once, to be changed at first sign-in.
        (code, output) = await RunAsync(db, "");
        Assert.True(code == 0, output);
        var temporary = TemporaryLine().Match(output);
        Assert.True(temporary.Success, output);
        Assert.Contains("it must be changed at first sign-in, within 72 hours", output);
        await using var app = new ContestApp(db);
        var signIn = await AccountFlows.PostLoginAsync(app.NewClient(), ContestApp.AdminUser, temporary.Groups[1].Value);
        Assert.Equal("/account/password", signIn.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_named_admin_that_does_not_exist_is_created_and_a_missing_database_is_refused()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using (var first = new ContestApp(db)) _ = first.Server;

        var (code, output) = await RunAsync(db, "Quan-tri-2-moi\n", "--user", "quantri2");
        Assert.True(code == 0, output);
        Assert.Contains("Created administrator 'quantri2'", output);
        await using (var app = new ContestApp(db))
        {
            var client = app.NewClient();
            await AccountFlows.LoginAsync(client, "quantri2", "Quan-tri-2-moi");
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/users")).StatusCode);
        }

        // The two refusals at once, each checked on its own.
        var empty = Path.Combine(Path.GetTempPath(), "contest-no-db-" + Guid.NewGuid().ToString("N"));
        var deadPort = TestServers.FreePort();
        var refusals = await Task.WhenAll(
            RunAsync(null, "Mat-khau-moi-9\n", env: new() { ["Contest__DataDirectory"] = empty, ["ConnectionStrings__Postgres"] = "" }),
            RunAsync(null, "Mat-khau-moi-9\n", env: new() { ["ConnectionStrings__Postgres"] = $"Host=127.0.0.1;Port={deadPort};Username=postgres;Database=contest" }));
        (code, output) = refusals[0];
        Assert.Equal(3, code);
        Assert.Contains($"reset-admin: no database at {Path.Combine(empty, "contest.db")}", output);
        Assert.False(Directory.Exists(empty) && File.Exists(Path.Combine(empty, "contest.db")));

        (code, output) = refusals[1];
        Assert.Equal(3, code);
        Assert.Contains($"reset-admin: ConnectionStrings:Postgres: cannot use the PostgreSQL database 'contest' at 127.0.0.1:{deadPort}", output);
    }

    /// <summary>Runs <c>Contest.Web reset-admin</c> with the given standard input; returns its exit code and output.</summary>
    private static async Task<(int Code, string Output)> RunAsync(TestDatabase? db, string input, params string[] args) => await RunAsync(db, input, null, args);

    private static async Task<(int Code, string Output)> RunAsync(TestDatabase? db, string input, Dictionary<string, string>? env, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = Path.Combine(TestServers.RepositoryRoot, "src", "Contest.Web"),
        };
        info.ArgumentList.Add(ContestProcess.WebDll);
        info.ArgumentList.Add(ResetAdminCommand.Name);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        if (db is not null)
        {
            info.Environment["Contest__DataDirectory"] = db.DataDirectory;
            info.Environment["ConnectionStrings__Postgres"] = db.Settings.Provider == StorageProvider.Postgres ? db.Settings.ConnectionString : "";
        }
        foreach (var (k, v) in env ?? []) info.Environment[k] = v;
        using var p = Process.Start(info)!;
        await p.StandardInput.WriteAsync(input);
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await p.WaitForExitAsync(timeout.Token);
        return (p.ExitCode, await stdout + await stderr);
    }

    [GeneratedRegex(@"Temporary password: (\S+)")]
    private static partial Regex TemporaryLine();
}
