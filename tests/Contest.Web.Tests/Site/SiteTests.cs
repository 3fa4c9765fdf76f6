using System.Net;
using System.Text.Json;
using Contest.Engine.Storage;
using Contest.Testing;

namespace Contest.Web.Tests.Site;

public class SiteTests
{
    public static TheoryData<StorageProvider> Providers => [StorageProvider.Sqlite, StorageProvider.Postgres];

    [Fact]
    public async Task Home_page_in_embedded_mode_shows_the_demo_contests_in_vietnamese()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var app = new ContestApp(db);
        var html = await app.NewClient().GetStringAsync("/");
        Assert.Contains("<html lang=\"vi\"", html);
        Assert.Contains("Vào trò chơi", html);
        Assert.Contains("Rung chuông vàng — Lịch sử Đoàn", html);
        Assert.Contains("English Challenge — Youth Month", html);
        Assert.Contains("Cuộc thi Khởi nghiệp đổi mới sáng tạo tỉnh Bình Phước", html);
    }

    [Fact]
    public async Task Postgres_is_not_seeded_unless_asked()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Postgres, migrate: false);
        await using var app = new ContestApp(db);
        var html = await app.NewClient().GetStringAsync("/");
        Assert.Contains("Chưa có cuộc thi nào.", html);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Healthz_reports_database_hangfire_and_redis(StorageProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, migrate: false);
        await using var app = new ContestApp(db);
        var response = await app.NewClient().GetAsync("/healthz");
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var checks = doc.RootElement.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
        Assert.Equal(provider.ToString(), checks.GetProperty("database").GetProperty("data").GetProperty("provider").GetString());
        Assert.Equal("NotConfigured", checks.GetProperty("redis").GetProperty("status").GetString());
        Assert.True(checks.TryGetProperty("hangfire", out _));
    }

    [Fact]
    public async Task Healthz_reports_a_configured_redis()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Postgres, migrate: false);
        await using var app = new ContestApp(db, new Dictionary<string, string> { ["ConnectionStrings:Redis"] = TestServers.Redis });
        using var doc = JsonDocument.Parse(await app.NewClient().GetStringAsync("/healthz"));
        Assert.Equal("Healthy", doc.RootElement.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString());
    }

    [Fact]
    public async Task OpenApi_document_lists_the_http_endpoints()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var app = new ContestApp(db);
        using var doc = JsonDocument.Parse(await app.NewClient().GetStringAsync("/openapi/v1.json"));
        Assert.StartsWith("3.", doc.RootElement.GetProperty("openapi").GetString());
        Assert.True(doc.RootElement.GetProperty("paths").TryGetProperty("/culture/{code}", out _));
    }

    [Fact]
    public async Task Language_switch_remembers_english_and_rejects_unknown_languages_and_foreign_redirects()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var app = new ContestApp(db);
        var client = app.NewClient();

        var switched = await client.GetAsync("/culture/en?returnUrl=%2F%3Fx%3D1");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/?x=1", switched.Headers.Location?.OriginalString);
        var html = await client.GetStringAsync("/");
        Assert.Contains("<html lang=\"en\"", html);
        Assert.Contains("Join a game", html);

        var unknown = await client.GetAsync("/culture/fr");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("Unknown language 'fr'", await unknown.Content.ReadAsStringAsync());

        var foreign = await client.GetAsync("/culture/vi?returnUrl=%2F%2Fevil.example");
        Assert.Equal("/", foreign.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task User_text_is_html_encoded()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using (var ctx = db.NewContext())
        {
            ctx.Contests.Add(new Engine.Contests.ContestInfo { Name = "<script>alert(1)</script>" });
            await ctx.SaveChangesAsync();
        }
        await using var app = new ContestApp(db);
        var html = await app.NewClient().GetStringAsync("/");
        Assert.DoesNotContain("<script>alert(1)</script>", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
    }
}
