using Contest.Engine.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Contest.Testing;

/// <summary>
/// The whole web app in-process over a <see cref="TestDatabase"/>, with a known admin password. Given a
/// <paramref name="clock"/> (a FakeTimeProvider), the app's business clock is that one: round times, attempt
/// limits, throttles and password ages follow the test's Advance instead of the wall clock. Only the
/// <see cref="TimeProvider"/> the app resolves from DI is replaced; Hangfire's scheduler, Kestrel and SignalR
/// keep-alives run on real time, so a job due at a faked time only runs when the test enqueues it.
/// Passwords are hashed with <see cref="TestHashIterations"/> rounds unless <paramref name="productionPasswordHashing"/>
/// asks for Identity's own (a test of how long a check takes).
/// </summary>
public sealed class ContestApp(TestDatabase database, IReadOnlyDictionary<string, string>? settings = null, TimeProvider? clock = null, bool productionPasswordHashing = false) : WebApplicationFactory<Program>
{
    public const string AdminUser = "admin";
    public const string AdminPassword = "Test-Admin-123";

    /// <summary>PBKDF2 rounds of the in-process apps' password hashes (Identity's default is 100,000).</summary>
    public const int TestHashIterations = 1_000;

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
        builder.ConfigureTestServices(s =>
        {
            if (clock is not null) s.AddSingleton(clock);
            // Identity's 100,000 PBKDF2 rounds cost every hash and every log-in a tenth of a second of CPU, hundreds of
            // times a run; these tests check which password is accepted, not its cost against a stolen database, which
            // production keeps (nothing in src/ lowers it). A stored hash carries its own count, so hashes made by a
            // separate process (reset-admin, ContestProcess) still verify here.
            if (!productionPasswordHashing) s.Configure<PasswordHasherOptions>(o => o.IterationCount = TestHashIterations);
        });
    }

    protected override IHost CreateHost(IHostBuilder builder) => new StoppedByItsProgram(base.CreateHost(builder));

    /// <summary>A client that keeps cookies and does not follow redirects, so tests see where they would go.</summary>
    public HttpClient NewClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public async Task<HttpClient> LoginAsync(string user = AdminUser, string password = AdminPassword)
    {
        var client = NewClient();
        await AccountFlows.LoginAsync(client, user, password);
        return client;
    }

    /// <summary>
    /// The host as the factory sees it, stopped the way the program's own <c>app.RunAsync()</c> stops it. The factory's
    /// StopAsync made the program's RunAsync stop the host too, so the Orleans silo got a second StopAsync while the
    /// first was running, and that one waits a whole second before looking again: a second on every test's dispose.
    /// Asking the program to stop (StopApplication) leaves one StopAsync, the program's; this waits for it to finish.
    /// </summary>
    private sealed class StoppedByItsProgram(IHost host) : IHost, IAsyncDisposable
    {
        public IServiceProvider Services => host.Services;

        public Task StartAsync(CancellationToken cancellationToken = default) => host.StartAsync(cancellationToken);

        public async Task StopAsync(CancellationToken cancellationToken = default)
        {
            var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
            if (lifetime.ApplicationStarted.IsCancellationRequested)
            {
                var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                using (lifetime.ApplicationStopped.Register(() => stopped.TrySetResult()))
                {
                    lifetime.StopApplication();
                    // The program's RunAsync stops the host and then raises ApplicationStopped; a program that never got there
                    // (a start-up failure) is stopped here instead.
                    if (await Task.WhenAny(stopped.Task, Task.Delay(TimeSpan.FromSeconds(30), cancellationToken)) == stopped.Task) return;
                }
            }
            await host.StopAsync(cancellationToken);
        }

        public void Dispose() => host.Dispose();

        public ValueTask DisposeAsync()
        {
            if (host is IAsyncDisposable d) return d.DisposeAsync();
            host.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
