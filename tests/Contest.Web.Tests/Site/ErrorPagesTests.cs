using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Contest.Engine.Accounts;
using Contest.Engine.Storage;
using Contest.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Contest.Web.Tests.Site;

public partial class ErrorPagesTests
{
    private const string Boom = "Boom from the error-page test 7f3a";

    /// <summary>The app plus a route that fails the way a bug would (appended after the app's own pipeline) and a log it can read.</summary>
    private static WebApplicationFactory<Program> Failing(ContestApp app, CollectingLogs logs, bool developerErrors = false) =>
        app.WithWebHostBuilder(b =>
        {
            if (developerErrors) b.UseSetting("Contest:DeveloperErrors", "true");
            b.ConfigureLogging(l => l.AddProvider(logs));
            b.ConfigureServices(s => s.AddTransient<IStartupFilter, ThrowingRoute>());
        });

    [Fact]
    public async Task An_unexpected_exception_shows_the_friendly_page_with_a_reference_found_in_the_log_and_no_stack_trace()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var app = new ContestApp(db);
        var logs = new CollectingLogs();
        await using var failing = Failing(app, logs);
        var client = failing.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/test-failure");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"vi\"", html);
        Assert.Contains("Đã có lỗi xảy ra", html);
        Assert.Contains("Mã tham chiếu", html);
        Assert.DoesNotContain(Boom, html);
        Assert.DoesNotContain("InvalidOperationException", html);
        Assert.DoesNotContain("ThrowingRoute", html);
        Assert.DoesNotMatch(@"\bat Contest\.", html);

        var reference = ReferencePattern().Match(html).Groups[1].Value;
        Assert.Matches("^[0-9a-f]{32}$|^[0-9A-Z]+:[0-9A-F]+$", reference);
        var entry = Assert.Single(logs.Entries, e => e.Exception?.Message == Boom);
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.Contains(reference, entry.Message);
        Assert.Contains("/test-failure", entry.Message);

        // In English too, and a second failure gets its own reference.
        var again = await client.GetAsync("/test-failure?culture=en");
        var englishHtml = await again.Content.ReadAsStringAsync();
        Assert.Contains("Something went wrong", englishHtml);
        Assert.NotEqual(reference, ReferencePattern().Match(englishHtml).Groups[1].Value);
    }

    [Fact]
    public async Task A_failing_form_post_also_gets_the_friendly_page()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var app = new ContestApp(db);
        var logs = new CollectingLogs();
        await using var failing = Failing(app, logs);
        var client = failing.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.PostAsync("/test-failure", new FormUrlEncodedContent(new Dictionary<string, string> { ["x"] = "1" }));
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Đã có lỗi xảy ra", html);
        Assert.Contains(ReferencePattern().Match(html).Groups[1].Value, Assert.Single(logs.Entries, e => e.Exception?.Message == Boom).Message);
    }

    [Fact]
    public async Task Api_failures_answer_json_with_the_reference_not_a_page()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var app = new ContestApp(db);
        var logs = new CollectingLogs();
        await using var failing = Failing(app, logs);
        var client = failing.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.GetAsync("/api/test-failure");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        // ProblemDetails (issue 18): the one error shape, its detail in Vietnamese, and the reference.
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("server-error", doc.RootElement.GetProperty("code").GetString());
        var reference = doc.RootElement.GetProperty("reference").GetString()!;
        Assert.Equal($"Lỗi ngoài dự kiến. Mã tham chiếu: {reference}", doc.RootElement.GetProperty("detail").GetString());
        Assert.Contains(reference, Assert.Single(logs.Entries, e => e.Exception?.Message == Boom).Message);

        var missing = await client.GetAsync("/api/no-such-endpoint");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.DoesNotContain("<html", await missing.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Developer_errors_setting_shows_the_developer_page()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var app = new ContestApp(db);
        await using var failing = Failing(app, new CollectingLogs(), developerErrors: true);
        var response = await failing.CreateClient().GetAsync("/test-failure", HttpCompletionOption.ResponseContentRead);
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains(Boom, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("vi", "Không tìm thấy trang", "Về trang chủ")]
    [InlineData("en", "Page not found", "Go to the home page")]
    public async Task Unknown_urls_get_the_sites_own_not_found_page(string culture, string title, string home)
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var app = new ContestApp(db);
        var response = await app.NewClient().GetAsync($"/no/such/page?culture={culture}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains($"<html lang=\"{culture}\"", html);
        Assert.Contains(title, html);
        Assert.Contains(home, html);
        Assert.Contains("class=\"topbar\"", html);
    }

    [Fact]
    public async Task A_judge_gets_the_sites_forbidden_page_for_the_jobs_dashboard_and_the_admin_area()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var app = new ContestApp(db);
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var judge = new AppUser { UserName = "judge1", DisplayName = "Giám khảo Một" };
            Assert.True((await users.CreateAsync(judge, "Secret-pass-1")).Succeeded);
            Assert.True((await users.AddToRoleAsync(judge, Roles.Judge)).Succeeded);
        }
        var client = await app.LoginAsync("judge1", "Secret-pass-1");

        var jobs = await client.GetAsync("/admin/jobs");
        Assert.Equal(HttpStatusCode.Forbidden, jobs.StatusCode);
        var html = await jobs.Content.ReadAsStringAsync();
        Assert.Contains("Không có quyền truy cập", html);
        Assert.Contains("class=\"topbar\"", html);

        var admin = await client.GetAsync("/admin/banks");
        Assert.Equal(HttpStatusCode.Redirect, admin.StatusCode);
        var denied = await client.GetAsync(admin.Headers.Location!);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Contains("Không có quyền truy cập", await denied.Content.ReadAsStringAsync());

        var english = await client.GetAsync("/admin/jobs?culture=en");
        Assert.Contains("Access denied", await english.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Anonymous_visitors_of_the_jobs_dashboard_are_offered_the_login()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var app = new ContestApp(db);
        var response = await app.NewClient().GetAsync("/admin/jobs");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Cần đăng nhập", html);
        Assert.Contains("/account/login?ReturnUrl=%2Fadmin%2Fjobs", html);
    }

    [GeneratedRegex("data-testid=\"error-reference\">([^<]+)<")]
    private static partial Regex ReferencePattern();

    private sealed class ThrowingRoute : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            // Reached only by paths no page or endpoint claims, inside the app's error handling.
            app.Use((ctx, nextMiddleware) => ctx.Request.Path.Value!.EndsWith("/test-failure")
                ? throw new InvalidOperationException(Boom)
                : nextMiddleware(ctx));
        };
    }

    public sealed record LogEntry(LogLevel Level, string Category, string Message, Exception? Exception);

    public sealed class CollectingLogs : ILoggerProvider
    {
        public ConcurrentQueue<LogEntry> Entries { get; } = new();
        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);
        public void Dispose() { }

        private sealed class Logger(CollectingLogs owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Entries.Enqueue(new LogEntry(logLevel, category, formatter(state, exception), exception));
        }
    }
}
