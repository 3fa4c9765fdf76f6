using System.Net;
using Contest.Engine.Storage;
using Contest.Testing;

namespace Contest.Web.Tests.Site;

public class LoginTests
{
    [Fact]
    public async Task Wrong_password_shows_an_error_and_grants_nothing()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var app = new ContestApp(db);
        var client = app.NewClient();
        var response = await AccountFlows.PostLoginAsync(client, ContestApp.AdminUser, "wrong-password");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Sai tên đăng nhập hoặc mật khẩu.", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task Empty_fields_are_reported()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var app = new ContestApp(db);
        var response = await AccountFlows.PostLoginAsync(app.NewClient(), "", "");
        Assert.Contains("Vui lòng nhập tên đăng nhập và mật khẩu.", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task Configured_admin_logs_in_reaches_admin_and_logs_out(StorageProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, migrate: false);
        await using var app = new ContestApp(db);
        var client = await app.LoginAsync();
        var admin = await client.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Contains("Quản trị", await admin.Content.ReadAsStringAsync());

        var token = await AccountFlows.AntiforgeryTokenAsync(client, "/");
        var logout = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/admin")).StatusCode);
    }
}
