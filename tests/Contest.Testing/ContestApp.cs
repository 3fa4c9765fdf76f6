using Contest.Engine.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Contest.Testing;

/// <summary>The whole web app in-process over a <see cref="TestDatabase"/>, with a known admin password.</summary>
public sealed class ContestApp(TestDatabase database, IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    public const string AdminUser = "admin";
    public const string AdminPassword = "Test-Admin-123";

    public TestDatabase Database { get; } = database;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Contest:DataDirectory", Database.DataDirectory);
        builder.UseSetting("Contest:AdminPassword", AdminPassword);
        builder.UseSetting(StorageSettings.PostgresSetting, Database.Settings.Provider == StorageProvider.Postgres ? Database.Settings.ConnectionString : "");
        foreach (var (k, v) in settings ?? new Dictionary<string, string>()) builder.UseSetting(k, v);
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
