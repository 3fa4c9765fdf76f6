using System.Net;
using System.Text.RegularExpressions;
using Contest.Admin.Accounts;
using Contest.Engine.Accounts;
using Contest.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Contest.Web.Tests.Accounts;

/// <summary>The app over its database with a clock the test moves, and ways to make accounts and post forms.</summary>
internal sealed partial class AccountKit(WebApplicationFactory<Program> app, FakeTimeProvider clock)
{
    public WebApplicationFactory<Program> App { get; } = app;
    public FakeTimeProvider Clock { get; } = clock;

    public static AccountKit Start(ContestApp app)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        return new(app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(new DatesOnly(clock)))), clock);
    }

    /// <summary>
    /// The test's clock for what the app reads as the date (password ages, throttles: <see cref="TimeProvider.GetUtcNow"/>),
    /// the real one for timers and timestamps. With the fake clock behind every timer, advancing it 72 h ran each periodic
    /// timer once per period in the test's thread — Orleans' thread-pool stall detector alone 2.6 million times, every
    /// 100 ms of the 72 h: about 7 s of a test that checks a date comparison. No account test waits on a timer.
    /// </summary>
    private sealed class DatesOnly(FakeTimeProvider clock) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => clock.GetUtcNow();

        public override TimeZoneInfo LocalTimeZone => clock.LocalTimeZone;
    }

    public HttpClient NewClient() => App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public async Task<HttpClient> LoginAsync(string user, string password)
    {
        var client = NewClient();
        await AccountFlows.LoginAsync(client, user, password);
        return client;
    }

    /// <summary>An account as an admin would make it: in a role, with a temporary password (returned).</summary>
    public async Task<string> CreateTemporaryAsync(string userName, string role, string? email = null)
    {
        using var scope = App.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var (password, result) = await AccountCreation.CreateAsync(users, new AppUser { UserName = userName, DisplayName = userName, Email = email }, role, Clock.GetUtcNow());
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
        return password!;
    }

    /// <summary>An account with a password its owner chose (a participant's, say).</summary>
    public async Task CreateAsync(string userName, string password, string role, string? email = null)
    {
        using var scope = App.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = userName, DisplayName = userName, Email = email, CreatedAt = Clock.GetUtcNow() };
        Assert.True((await users.CreateAsync(user, password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
    }

    public async Task<AppUser> FindAsync(string userName)
    {
        using var scope = App.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByNameAsync(userName))!;
    }

    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string page, string action, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await AccountFlows.AntiforgeryTokenAsync(client, page);
        return await client.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    public static Task<HttpResponseMessage> ChangeAsync(HttpClient client, string current, string next, string? again = null) =>
        PostFormAsync(client, "/account/password", "/account/password", new() { ["Current"] = current, ["New"] = next, ["Again"] = again ?? next });

    public static string Location(HttpResponseMessage r) => r.Headers.Location?.OriginalString ?? "";

    public static string Text(string html) => WebUtility.HtmlDecode(Tags().Replace(html, " "));

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();
}
