using System.Net.Sockets;
using Contest.Engine.Accounts;
using Contest.Engine.Storage;
using Contest.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Contest.Web.Accounts;

/// <summary>
/// <c>Contest.Web reset-admin [--user NAME]</c>: sets a new password for an administrator from the console, for when
/// the admin password is lost (<c>Contest:AdminPassword</c> is only used when the first admin is created). The new
/// password is read from standard input (typed without echo at a terminal, or piped), so it never shows in the shell
/// history or the process list; an empty one makes a random temporary password that is printed once and must be
/// changed at first sign-in. The account is also re-enabled and its open sessions end (security stamp). A missing
/// account of that name is created as an administrator. Runs against the configured database without starting the
/// web server. Exit codes: 0 done, 2 bad arguments or password, 3 database unreachable or not migrated, 1 failed.
/// </summary>
public static class ResetAdminCommand
{
    public const string Name = "reset-admin";

    public static bool Requested(string[] args) => args.Contains(Name, StringComparer.Ordinal);

    public static async Task<int> RunAsync(string[] args, IConfiguration config, IHostEnvironment env, TextReader input, bool interactive, TextWriter output, TextWriter error)
    {
        int Fail(int code, string message)
        {
            error.WriteLine($"{Name}: {message}");
            error.WriteLine($"{Name}: nothing was changed.");
            return code;
        }

        var userName = config[$"{ContestOptions.Section}:{nameof(ContestOptions.AdminUserName)}"] is { Length: > 0 } configured ? configured : "admin";
        var at = Array.IndexOf(args, "--user");
        if (at >= 0)
        {
            if (at + 1 >= args.Length || args[at + 1].StartsWith("--", StringComparison.Ordinal) || string.IsNullOrWhiteSpace(args[at + 1]))
                return Fail(2, "--user needs a user name, e.g. reset-admin --user admin");
            userName = args[at + 1].Trim();
        }

        StorageSettings settings;
        string where;
        var pg = config[StorageSettings.PostgresSetting];
        if (string.IsNullOrWhiteSpace(pg))
        {
            var dir = ContestOptions.ResolveDataDirectory(config, env);
            where = $"SQLite database {Path.Combine(dir, "contest.db")}";
            // Opening a missing SQLite file would create an empty one; say where it was looked for instead.
            if (!File.Exists(Path.Combine(dir, "contest.db")))
                return Fail(3, $"no database at {Path.Combine(dir, "contest.db")}: set Contest:DataDirectory (or {StorageSettings.PostgresSetting}) as for the web server, or start Contest.Web once.");
            settings = StorageSettings.Sqlite(dir);
        }
        else
        {
            NpgsqlConnectionStringBuilder b;
            try { b = new NpgsqlConnectionStringBuilder(pg); }
            catch (Exception e) when (e is ArgumentException or FormatException)
            {
                return Fail(2, $"{StorageSettings.PostgresSetting}: not a valid PostgreSQL connection string ({e.Message})");
            }
            where = $"PostgreSQL database '{b.Database}' at {b.Host}:{b.Port}";
            settings = StorageSettings.Postgres(pg);
        }

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddContestDb(settings);
        services.AddIdentityCore<AppUser>(AccountsSetup.IdentityRules).AddRoles<IdentityRole>().AddEntityFrameworkStores<ContestDb>();
        await using var sp = services.BuildServiceProvider();
        await using var scope = sp.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ContestDb>();
        try
        {
            var pending = (await db.Database.GetPendingMigrationsAsync()).Count();
            if (pending > 0) return Fail(3, $"the {where} lacks {pending} migration(s): start Contest.Web once (it migrates at start-up), then run {Name} again.");
        }
        catch (Exception e) when (IsConnectionProblem(e))
        {
            return Fail(3, $"{StorageSettings.PostgresSetting}: cannot use the {where} ({Innermost(e).Message})");
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByNameAsync(userName);
        if (user is not null && !await users.IsInRoleAsync(user, Roles.Admin))
            return Fail(2, $"'{userName}' is not an administrator; {Name} only resets administrators (make someone an administrator on the Accounts page).");

        if (interactive) output.Write($"New password for '{userName}' (leave empty for a random temporary one): ");
        var password = ReadPassword(input, interactive);
        if (interactive)
        {
            output.WriteLine();
            // Typed blind, so typed twice.
            if (password.Length > 0)
            {
                output.Write("Again: ");
                var again = ReadPassword(input, interactive);
                output.WriteLine();
                if (again != password) return Fail(2, "the two passwords typed differ.");
            }
        }
        var temporary = string.IsNullOrEmpty(password);
        if (temporary) password = TemporaryPasswords.New();

        var candidate = user ?? new AppUser { UserName = userName };
        var problems = new List<string>();
        foreach (var validator in users.PasswordValidators)
            problems.AddRange((await validator.ValidateAsync(users, candidate, password!)).Errors.Select(e => e.Description));
        if (problems.Count > 0) return Fail(2, "the password was refused: " + string.Join(" ", problems));

        var now = TimeProvider.System.GetUtcNow();
        try
        {
            var created = user is null;
            if (user is null)
            {
                user = new AppUser { UserName = userName, DisplayName = "Quản trị viên", EmailConfirmed = true, CreatedAt = now };
                Check(await users.CreateAsync(user));
                Check(await users.AddToRoleAsync(user, Roles.Admin));
            }
            user.PasswordHash = users.PasswordHasher.HashPassword(user, password!);
            user.TemporaryPasswordExpiresAt = temporary ? now + TemporaryPasswords.Lifetime : null;
            user.DisabledAt = null;
            user.LockoutEnd = null;
            user.AccessFailedCount = 0;
            // Saves the above and ends every session opened with the old password within a minute.
            Check(await users.UpdateSecurityStampAsync(user));

            output.WriteLine(created
                ? $"Created administrator '{userName}' in the {where}."
                : $"Reset the password of administrator '{userName}' in the {where}; its open sessions end within a minute.");
            if (temporary)
                output.WriteLine($"Temporary password: {password}  (shown only now; it must be changed at first sign-in, within {TemporaryPasswords.Lifetime.TotalHours:0} hours)");
            return 0;
        }
        catch (Exception e) when (e is InvalidOperationException or DbUpdateException or NpgsqlException)
        {
            error.WriteLine($"{Name}: failed ({Innermost(e).Message}); run it again.");
            return 1;
        }
    }

    /// <summary>At a terminal, read without echo; from a pipe, the first line.</summary>
    private static string ReadPassword(TextReader input, bool interactive)
    {
        if (!interactive) return input.ReadLine()?.TrimEnd('\r') ?? "";
        var chars = new List<char>();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter) return new string([.. chars]);
            if (key.Key == ConsoleKey.Backspace) { if (chars.Count > 0) chars.RemoveAt(chars.Count - 1); }
            else if (!char.IsControl(key.KeyChar)) chars.Add(key.KeyChar);
        }
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    private static bool IsConnectionProblem(Exception e) =>
        e is NpgsqlException or SocketException or TimeoutException or InvalidOperationException
        || (e.InnerException is { } inner && IsConnectionProblem(inner));

    private static Exception Innermost(Exception e) => e.InnerException is null ? e : Innermost(e.InnerException);
}
