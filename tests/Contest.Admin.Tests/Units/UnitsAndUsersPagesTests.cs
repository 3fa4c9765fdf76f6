using System.Net;
using System.Text.RegularExpressions;
using Contest.Engine.Accounts;
using Contest.Engine.Storage;
using Contest.Engine.Units;
using Contest.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Contest.Admin.Tests.Units;

public partial class UnitsAndUsersPagesTests
{
    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string page, string action, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await AccountFlows.AntiforgeryTokenAsync(client, page);
        return await client.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    [Fact]
    public async Task A_chapter_goes_under_a_district_but_a_district_not_under_a_chapter()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var app = new ContestApp(db);
        var client = await app.LoginAsync();
        int district, chapter;
        await using (var ctx = db.NewContext())
        {
            district = await ctx.Set<Unit>().Where(u => u.Level == UnitLevel.District).Select(u => u.Id).FirstAsync();
            chapter = await ctx.Set<Unit>().Where(u => u.Level == UnitLevel.Chapter).Select(u => u.Id).FirstAsync();
        }
        var ok = await PostAsync(client, "/admin/units", "/admin/units", new() { ["Name"] = "Chi đoàn Thanh niên  Công an", ["Level"] = "Chapter", ["ParentId"] = $"{district}", ["MemberCount"] = "35" });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var bad = await PostAsync(client, "/admin/units", "/admin/units", new() { ["Name"] = "Huyện đoàn lạc chỗ", ["Level"] = "District", ["ParentId"] = $"{chapter}", ["MemberCount"] = "0" });
        Assert.Contains("Không thể đặt đơn vị Huyện đoàn dưới đơn vị Chi đoàn.", await bad.Content.ReadAsStringAsync());
        await using var check = db.NewContext();
        Assert.True(await check.Set<Unit>().AnyAsync(u => u.Name == "Chi đoàn Thanh niên Công an" && u.ParentId == district));
        Assert.False(await check.Set<Unit>().AnyAsync(u => u.Name == "Huyện đoàn lạc chỗ"));
    }

    [Fact]
    public async Task Admin_creates_a_judge_who_can_log_in_and_resets_the_password()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var app = new ContestApp(db);
        var client = await app.LoginAsync();
        var created = await PostAsync(client, "/admin/users", "/admin/users?handler=Create", new() { ["UserName"] = "giamkhao1", ["DisplayName"] = "Nguyễn Văn A", ["Role"] = Roles.Judge });
        var html = await created.Content.ReadAsStringAsync();
        var password = Password().Match(html).Groups[1].Value;
        await app.LoginAsync("giamkhao1", password);

        string id;
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var judge = (await users.FindByNameAsync("giamkhao1"))!;
            Assert.Equal([Roles.Judge], await users.GetRolesAsync(judge));
            id = judge.Id;
        }
        var reset = await (await PostAsync(client, "/admin/users", $"/admin/users?handler=Reset&id={id}", [])).Content.ReadAsStringAsync();
        var fresh = NewPassword().Match(reset).Groups[1].Value;
        Assert.NotEqual(password, fresh);
        await app.LoginAsync("giamkhao1", fresh);
        Assert.NotEqual(HttpStatusCode.Redirect, (await AccountFlows.PostLoginAsync(app.NewClient(), "giamkhao1", password)).StatusCode);
    }

    [Fact]
    public async Task Organizers_cannot_manage_accounts()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var app = new ContestApp(db);
        _ = app.Server;
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var org = new AppUser { UserName = "btc", DisplayName = "BTC" };
            Assert.True((await users.CreateAsync(org, "Secret-pass-1")).Succeeded);
            Assert.True((await users.AddToRoleAsync(org, Roles.Organizer)).Succeeded);
        }
        var client = await app.LoginAsync("btc", "Secret-pass-1");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/units")).StatusCode);
        var users1 = await client.GetAsync("/admin/users");
        Assert.Equal(HttpStatusCode.Redirect, users1.StatusCode);
        Assert.Contains("/account/denied", users1.Headers.Location!.ToString());
    }

    [GeneratedRegex("Mật khẩu tạm: ([^<\\s]+)")]
    private static partial Regex Password();

    [GeneratedRegex("Mật khẩu mới của giamkhao1: ([^<\\s]+)")]
    private static partial Regex NewPassword();
}
