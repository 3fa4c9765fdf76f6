using System.Net;
using Contest.Engine.Accounts;
using Contest.Engine.Storage;
using Contest.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Contest.Admin.Tests.Security;

public class AdminAccessTests
{
    private const string Password = "Secret-pass-1";

    private static async Task CreateUserAsync(ContestApp app, string name, string role)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = name, DisplayName = name };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_login()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var app = new ContestApp(db);
        var response = await app.NewClient().GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/account/login?ReturnUrl=%2Fadmin", response.Headers.Location!.ToString());
    }

    [Theory]
    [InlineData(Roles.Participant, HttpStatusCode.Redirect, HttpStatusCode.Forbidden)]
    [InlineData(Roles.Judge, HttpStatusCode.Redirect, HttpStatusCode.Forbidden)]
    [InlineData(Roles.Organizer, HttpStatusCode.OK, HttpStatusCode.Forbidden)]
    [InlineData(Roles.Admin, HttpStatusCode.OK, HttpStatusCode.OK)]
    public async Task Admin_area_and_jobs_dashboard_follow_the_roles(string role, HttpStatusCode admin, HttpStatusCode jobs)
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var app = new ContestApp(db);
        _ = app.Server;
        await CreateUserAsync(app, "user1", role);
        var client = await app.LoginAsync("user1", Password);

        var page = await client.GetAsync("/admin");
        Assert.Equal(admin, page.StatusCode);
        if (admin == HttpStatusCode.Redirect) Assert.Contains("/account/denied", page.Headers.Location!.ToString());

        Assert.Equal(jobs, (await client.GetAsync("/admin/jobs")).StatusCode);
    }

    [Fact]
    public async Task Jobs_dashboard_refuses_anonymous_visitors()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var app = new ContestApp(db);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.NewClient().GetAsync("/admin/jobs")).StatusCode);
    }

    [Fact]
    public async Task Admin_overview_counts_the_demo_data()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var app = new ContestApp(db);
        var html = await (await app.LoginAsync()).GetStringAsync("/admin");
        // Demo: 25 units, 2 banks, 4 contests, 1 account (the admin).
        Assert.Contains("<h2>25</h2><p>đơn vị</p>", html);
        Assert.Contains("<h2>2</h2><p>ngân hàng câu hỏi</p>", html);
        Assert.Contains("<h2>4</h2><p>cuộc thi</p>", html);
        Assert.Contains("<h2>1</h2><p>tài khoản</p>", html);
    }
}
