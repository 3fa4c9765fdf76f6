using System.Net;
using System.Net.Http.Json;
using System.Text;
using Contest.Engine.Accounts;
using Contest.Engine.Storage;
using Contest.Engine.Units;
using Contest.Testing;
using Contest.Testing.Units;
using Contest.Web.Units;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Contest.Web.Tests.Units;

/// <summary>GET /api/units/search: diacritic-insensitive, each match with its path, limited, and member counts for staff only.</summary>
public class UnitSearchApiTests
{
    private static async Task<UnitHits> SearchAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/units/search?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<UnitHits>())!;
    }

    [Fact]
    public async Task Words_without_accents_find_the_unit_then_the_units_under_it_each_with_its_path()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        var seed = await UnitTreeSeed.CreateAsync(db);
        await using var app = new ContestApp(db);
        var client = app.NewClient();

        var hits = await SearchAsync(client, "q=duc+lieu");
        // The unit named so first, then its chapters (matched through their path); the only province is left out of paths.
        Assert.Equal(
            ["Huyện Đoàn Bù Đăng › Xã Đoàn Đức Liễu", "Huyện Đoàn Bù Đăng › Xã Đoàn Đức Liễu › Chi đoàn 1A", "Huyện Đoàn Bù Đăng › Xã Đoàn Đức Liễu › Chi đoàn 2B"],
            hits.Items.Select(h => h.PathText).ToArray());
        Assert.Equal(3, hits.Total);
        Assert.Equal((seed.DucLieu, "Đoàn cơ sở", 2), (hits.Items[0].Id, hits.Items[0].LevelName, hits.Items[0].Level));
        Assert.Equal(["Huyện Đoàn Bù Đăng", "Xã Đoàn Đức Liễu", "Chi đoàn 1A"], hits.Items[1].Path.ToArray());

        // Typed with accents, in capitals, with a decomposed "Đức Liễu" from another keyboard: the same three.
        var typed = await SearchAsync(client, "q=" + Uri.EscapeDataString("XÃ ĐOÀN " + "Đức Liễu".Normalize(NormalizationForm.FormD)));
        Assert.Equal([seed.DucLieu, seed.DucLieu1A, seed.DucLieu2B], typed.Items.Select(h => h.Id).ToArray());
    }

    [Fact]
    public async Task A_repeated_chapter_name_lists_every_one_told_apart_by_its_path_and_more_words_narrow_to_one()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        var seed = await UnitTreeSeed.CreateAsync(db);
        await using var app = new ContestApp(db);
        var client = app.NewClient();

        var all = await SearchAsync(client, "q=chi+doan+1a");
        Assert.Equal(
            [
                "Huyện Đoàn Bù Đăng › Đoàn Trường THPT Bù Đăng › Chi đoàn 1A",
                "Huyện Đoàn Bù Đăng › Xã Đoàn Đức Liễu › Chi đoàn 1A",
                "Thành Đoàn Đồng Xoài › Đoàn Phường Tân Phú › Chi đoàn 1A",
            ],
            all.Items.Select(h => h.PathText).ToArray());
        Assert.Equal([seed.School1A, seed.DucLieu1A, seed.TanPhu1A], all.Items.Select(h => h.Id).ToArray());

        var one = await SearchAsync(client, "q=" + Uri.EscapeDataString("1a đức liễu"));
        Assert.Equal(seed.DucLieu1A, Assert.Single(one.Items).Id);
        // A path copied from the picker, separators and all, names that one unit too.
        var path = await SearchAsync(client, "q=" + Uri.EscapeDataString("Bù Đăng › Đức Liễu › Chi đoàn 1A"));
        Assert.Equal(seed.DucLieu1A, Assert.Single(path.Items).Id);
        Assert.Empty((await SearchAsync(client, "q=khong+co+don+vi+nay")).Items);
    }

    [Fact]
    public async Task Results_are_limited_with_the_total_told_and_bad_parameters_get_a_vietnamese_reason()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await UnitTreeSeed.CreateAsync(db);
        await using var app = new ContestApp(db);
        var client = app.NewClient();

        var first = await SearchAsync(client, "q=khu+pho");
        Assert.Equal((10, 25), (first.Items.Count, first.Total));
        // Ordered by path: "Khu phố 1", "Khu phố 10", "Khu phố 11"… (text order, as the names are written).
        Assert.Equal(["Chi đoàn Khu phố 1", "Chi đoàn Khu phố 10", "Chi đoàn Khu phố 11"], first.Items.Take(3).Select(h => h.Name).ToArray());
        Assert.Equal((20, 25), ((await SearchAsync(client, "q=khu+pho&limit=20")).Items.Count, 25));

        // An empty query lists the top of the tree (the province and its districts) so the list is never blank.
        Assert.Equal(["Tỉnh Đoàn Bình Phước", "Huyện Đoàn Bù Đăng", "Thành Đoàn Đồng Xoài"], (await SearchAsync(client, "q=")).Items.Select(h => h.Name).ToArray());
        Assert.Equal(["Huyện Đoàn Bù Đăng", "Thành Đoàn Đồng Xoài"], (await SearchAsync(client, "q=doan&levels=1")).Items.Select(h => h.Name).ToArray());

        foreach (var (query, message) in new[]
        {
            ("q=a&limit=21", "Số kết quả (limit) phải từ 1 đến 20."),
            ("q=a&limit=abc", "Số kết quả (limit) phải từ 1 đến 20."),
            ("q=" + new string('x', 101), "Từ khoá tìm kiếm dài quá 100 ký tự."),
            ("q=a&levels=1,9", "Cấp đơn vị “9” không hợp lệ; dùng 0 (tỉnh), 1 (huyện), 2 (cơ sở) hoặc 3 (chi đoàn)."),
        })
        {
            var response = await client.GetAsync("/api/units/search?" + query);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(message, (await response.Content.ReadFromJsonAsync<ProblemBody>())!.Detail);
        }
        var english = await client.GetAsync("/api/units/search?q=a&limit=0&culture=en");
        Assert.Equal("The number of results (limit) must be between 1 and 20.", (await english.Content.ReadFromJsonAsync<ProblemBody>())!.Detail);
    }

    [Fact]
    public async Task Anyone_may_search_but_member_counts_are_for_organizers_and_admins()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await UnitTreeSeed.CreateAsync(db);
        await using var app = new ContestApp(db);
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            foreach (var (name, role) in new[] { ("btc1", Roles.Organizer), ("gk1", Roles.Judge) })
            {
                var u = new AppUser { UserName = name, DisplayName = name, CreatedAt = DateTimeOffset.UtcNow };
                Assert.True((await users.CreateAsync(u, "Doan-Vien-2023")).Succeeded);
                await users.AddToRoleAsync(u, role);
            }
        }
        async Task<int?> MembersOfBuDang(HttpClient c) => (await SearchAsync(c, "q=bu+dang&levels=1")).Items.Single().Members;

        Assert.Null(await MembersOfBuDang(app.NewClient()));
        Assert.Null(await MembersOfBuDang(await app.LoginAsync("gk1", "Doan-Vien-2023")));
        Assert.Equal(500, await MembersOfBuDang(await app.LoginAsync("btc1", "Doan-Vien-2023")));
        Assert.Equal(500, await MembersOfBuDang(await app.LoginAsync()));
    }

    [Fact]
    public async Task A_unit_added_or_moved_is_found_at_once_not_after_the_cache_expires()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        var seed = await UnitTreeSeed.CreateAsync(db);
        await using var app = new ContestApp(db);
        var client = app.NewClient();
        Assert.Empty((await SearchAsync(client, "q=minh+hung")).Items);

        await using (var ctx = db.NewContext())
        {
            ctx.Units.Add(new Unit { Name = "Xã Đoàn Minh Hưng", Level = UnitLevel.Grassroots, ParentId = seed.BuDang });
            await ctx.SaveChangesAsync();
        }
        Assert.Equal("Huyện Đoàn Bù Đăng › Xã Đoàn Minh Hưng", Assert.Single((await SearchAsync(client, "q=minh+hung")).Items).PathText);

        await using (var ctx = db.NewContext())
        {
            var school = await ctx.Units.FindAsync(seed.School);
            school!.ParentId = seed.DongXoai;
            await ctx.SaveChangesAsync();
        }
        Assert.Equal("Thành Đoàn Đồng Xoài › Đoàn Trường THPT Bù Đăng", Assert.Single((await SearchAsync(client, "q=thpt&levels=2")).Items).PathText);
    }
}
