using System.Net;
using Contest.Engine.Accounts;
using Contest.Engine.Units;
using Microsoft.EntityFrameworkCore;

namespace Contest.Admin.Tests.Forms;

/// <summary>/admin/users (create account) and /admin/units (add unit).</summary>
[Collection(AdminSite.Collection)]
public class UsersAndUnitsFormTests(AdminSite site) : IClassFixture<AdminSite>
{
    [Fact]
    public async Task An_account_with_no_full_name_and_no_unit_is_created_under_its_user_name()
    {
        var answer = await AdminSite.PostAsync(site.Admin, "/admin/users", "/admin/users?handler=Create",
            ("UserName", " giamkhao7 "), ("DisplayName", ""), ("Role", Roles.Judge), ("UnitId", ""));
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Contains("Đã tạo tài khoản giamkhao7. Mật khẩu tạm:", answer.Html);
        await using var ctx = site.Db.NewContext();
        var user = await ctx.Users.SingleAsync(u => u.UserName == "giamkhao7");
        Assert.Equal(("giamkhao7", (int?)null), (user.DisplayName, user.UnitId));
    }

    [Fact]
    public async Task Garbage_in_the_account_form_is_named_next_to_each_field_and_no_account_is_made()
    {
        await using (var ctx = site.Db.NewContext()) Assert.True(await ctx.Users.AnyAsync());
        var answer = await AdminSite.PostAsync(site.Admin, "/admin/users", "/admin/users?handler=Create",
            ("UserName", ""), ("DisplayName", new string('x', 201)), ("Role", "Superuser"), ("UnitId", "abc"));
        answer.ShowsErrors(
            ("UserName", "Hãy nhập tên đăng nhập."),
            ("DisplayName", "Quá dài: 201 ký tự, tối đa 200."),
            ("Role", "Hãy chọn vai trò."),
            ("UnitId", "Giá trị \"abc\" không hợp lệ ở đây."));
        var missingUnit = await AdminSite.PostAsync(site.Admin, "/admin/users", "/admin/users?handler=Create", ("UserName", "btc9"), ("Role", Roles.Organizer), ("UnitId", "999999"));
        missingUnit.ShowsErrors(("UnitId", "Đơn vị đã chọn không còn tồn tại; hãy chọn lại."));

        // Identity's own refusals (a name taken, a name with spaces) stand under the user name, never behind the import's prefix.
        foreach (var name in new[] { "admin", "giám khảo 1" })
        {
            var refused = await AdminSite.PostAsync(site.Admin, "/admin/users", "/admin/users?handler=Create", ("UserName", name), ("Role", Roles.Judge));
            Assert.Equal(HttpStatusCode.OK, refused.Status);
            Assert.NotEqual("", refused.FieldError("UserName"));
            Assert.DoesNotContain("Tệp có lỗi", refused.Html);
            Assert.DoesNotContain("Mật khẩu tạm", refused.Html);
        }
        await using var check = site.Db.NewContext();
        Assert.False(await check.Users.AnyAsync(u => u.UserName == "btc9" || u.UserName == "giám khảo 1" || u.UserName == ""));
    }

    [Fact]
    public async Task A_unit_with_no_member_count_is_added_with_zero()
    {
        int grassroots;
        await using (var ctx = site.Db.NewContext()) grassroots = await ctx.Set<Unit>().Where(u => u.Level == UnitLevel.Grassroots).Select(u => u.Id).FirstAsync();
        var answer = await AdminSite.PostAsync(site.Admin, "/admin/units", "/admin/units",
            ("Name", "Chi đoàn Kiểm thử"), ("Level", "Chapter"), ("ParentId", $"{grassroots}"), ("MemberCount", ""));
        answer.Saved();
        await using var check = site.Db.NewContext();
        var unit = await check.Set<Unit>().SingleAsync(u => u.Name == "Chi đoàn Kiểm thử");
        Assert.Equal((0, (int?)grassroots), (unit.MemberCount, unit.ParentId));
        var tree = await site.Admin.GetStringAsync("/admin/units");
        Assert.DoesNotContain(">Grassroots<", tree);
        Assert.Contains("Đoàn cơ sở", tree);
    }

    [Fact]
    public async Task Garbage_in_the_unit_form_is_named_next_to_each_field_and_nothing_is_added()
    {
        int chapter, count;
        await using (var ctx = site.Db.NewContext())
        {
            chapter = await ctx.Set<Unit>().Where(u => u.Level == UnitLevel.Chapter).Select(u => u.Id).FirstAsync();
            count = await ctx.Set<Unit>().CountAsync();
        }
        var answer = await AdminSite.PostAsync(site.Admin, "/admin/units", "/admin/units", ("Name", " "), ("Level", "Galaxy"), ("ParentId", "999999"), ("MemberCount", "ba mươi"));
        answer.ShowsErrors(
            ("Name", "Hãy nhập tên đơn vị."),
            ("Level", "Giá trị \"Galaxy\" không hợp lệ ở đây."),
            ("ParentId", "Đơn vị cấp trên đã chọn không còn tồn tại; hãy chọn lại."),
            ("MemberCount", "Giá trị \"ba mươi\" không hợp lệ ở đây."));
        var negative = await AdminSite.PostAsync(site.Admin, "/admin/units", "/admin/units", ("Name", "Huyện đoàn lạc chỗ"), ("Level", "District"), ("ParentId", $"{chapter}"), ("MemberCount", "-5"));
        negative.ShowsErrors(("MemberCount", "Số đoàn viên là số nguyên từ 0 trở lên."));
        var placement = await AdminSite.PostAsync(site.Admin, "/admin/units", "/admin/units", ("Name", "Huyện đoàn lạc chỗ"), ("Level", "District"), ("ParentId", $"{chapter}"), ("MemberCount", "5"));
        placement.ShowsErrors(("ParentId", "Không thể đặt đơn vị Huyện đoàn dưới đơn vị Chi đoàn."));
        await using var check = site.Db.NewContext();
        Assert.Equal(count, await check.Set<Unit>().CountAsync());
    }
}
