using System.Security.Cryptography;
using Contest.Engine.Accounts;
using Contest.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Contest.Web.Accounts;

public static class AdminBootstrap
{
    public static async Task EnsureAsync(IServiceProvider sp, CancellationToken ct)
    {
        var roles = sp.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
                Check(await roles.CreateAsync(new IdentityRole(role)), "role " + role);
        }

        var users = sp.GetRequiredService<UserManager<AppUser>>();
        if ((await users.GetUsersInRoleAsync(Roles.Admin)).Count > 0) return;

        var options = sp.GetRequiredService<IOptions<ContestOptions>>().Value;
        var configured = !string.IsNullOrEmpty(options.AdminPassword);
        var password = configured ? options.AdminPassword : RandomPassword();
        var admin = new AppUser
        {
            UserName = options.AdminUserName,
            DisplayName = "Quản trị viên",
            EmailConfirmed = true,
            CreatedAt = sp.GetRequiredService<TimeProvider>().GetUtcNow(),
        };
        var created = await users.CreateAsync(admin, password);
        if (!created.Succeeded)
            throw new StartupException("Contest:AdminPassword", string.Join(" ", created.Errors.Select(e => e.Description)));
        Check(await users.AddToRoleAsync(admin, Roles.Admin), "admin role");

        if (!configured)
        {
            // Printed once, on the console only (never logged to a file sink): it is the only way in on a fresh install.
            Console.WriteLine($"Admin account created: user '{admin.UserName}', password '{password}'. It is shown only this once; set Contest:AdminPassword to choose it.");
        }
    }

    private static string RandomPassword()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var chars = RandomNumberGenerator.GetItems<char>(alphabet, 14);
        // Identity's default rules want a digit, an upper and a lower case letter and a symbol.
        return new string(chars) + "-7aA";
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"Could not create {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
    }
}
