using Contest.Engine.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Contest.Testing;

/// <summary>
/// The whole web app in-process over a <see cref="TestDatabase"/>, with a known admin password. Given a
/// <paramref name="clock"/> (a FakeTimeProvider), the app's business clock is that one: round times, attempt
/// limits, throttles and password ages follow the test's Advance instead of the wall clock. Only the
/// <see cref="TimeProvider"/> the app resolves from DI is replaced; Hangfire's scheduler, Kestrel and SignalR
/// keep-alives run on real time, so a job due at a faked time only runs when the test enqueues it.
/// </summary>
public sealed class ContestApp(TestDatabase database, IReadOnlyDictionary<string, string>? settings = null, TimeProvider? clock = null) : WebApplicationFactory<Program>
{
    public const string AdminUser = "admin";
    public const string AdminPassword = "Test-Admin-123";

    public TestDatabase Database { get; } = database;

    /// <summary>The app's business clock: the one given, else the wall clock.</summary>
    public TimeProvider Clock { get; } = clock ?? TimeProvider.System;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Contest:DataDirectory", Database.DataDirectory);
        builder.UseSetting("Contest:AdminPassword", AdminPassword);
        builder.UseSetting(StorageSettings.PostgresSetting, Database.Settings.Provider == StorageProvider.Postgres ? Database.Settings.ConnectionString : "");
        foreach (var (k, v) in settings ?? new Dictionary<string, string>()) builder.UseSetting(k, v);
        if (clock is not null) builder.ConfigureTestServices(s => s.AddSingleton(clock));
    }

    /// <summary>A client that keeps cookies and does not follow redirects, so tests see where they would go.</summary>
    public HttpClient NewClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public async Task<HttpClient> LoginAsync(string user = AdminUser, string password = AdminPassword)
    {
        var client = NewClient();
        await AccountFlows.LoginAsync(client, user, password);
        return client;
    }
}
