using System.Net;
using System.Text;
using Contest.Admin.Tests.Forms;
using Contest.Engine.Accounts;
using Contest.Engine.Units;
using Microsoft.EntityFrameworkCore;
using static Contest.Admin.Tests.Units.UnitWorkbooks;

namespace Contest.Admin.Tests.Units;

/// <summary>/admin/units/{id} (edit, move, delete) and /admin/units/import, through HTTP as the organizer's browser posts them.</summary>
[Collection(AdminSite.Collection)]
public class UnitPagesTests(AdminSite site) : IClassFixture<AdminSite>
{
    /// <summary>A branch of its own under the demo province: district → grassroots → chapter, names made unique by <paramref name="tag"/>.</summary>
    private async Task<(int District, int Grassroots, int Chapter)> BranchAsync(string tag)
    {
        await using var db = site.Db.NewContext();
        var province = await db.Set<Unit>().Where(u => u.Level == UnitLevel.Province).Select(u => u.Id).FirstAsync();
        var district = new Unit { Name = $"Huyện đoàn {tag}", Level = UnitLevel.District, ParentId = province, MemberCount = 500 };
        var grassroots = new Unit { Name = $"Đoàn xã {tag}", Level = UnitLevel.Grassroots, Parent = district, MemberCount = 100 };
        var chapter = new Unit { Name = "Chi đoàn 1A", Level = UnitLevel.Chapter, Parent = grassroots, MemberCount = 30 };
        db.AddRange(district, grassroots, chapter);
        await db.SaveChangesAsync();
        return (district.Id, grassroots.Id, chapter.Id);
    }

    [Fact]
    public async Task Editing_a_unit_saves_name_code_and_members_and_names_each_mistake()
    {
        var (district, _, _) = await BranchAsync("Sửa");
        var page = $"/admin/units/{district}";
        var ok = await AdminSite.PostAsync(site.Admin, page, $"{page}?handler=Save", ("Name", " Huyện đoàn  Sửa Mới "), ("Code", " hd-sua "), ("Level", "District"), ("MemberCount", "640"));
        ok.Saved();
        await using (var db = site.Db.NewContext())
        {
            var u = await db.Set<Unit>().SingleAsync(x => x.Id == district);
            Assert.Equal(("Huyện đoàn Sửa Mới", "HD-SUA", 640), (u.Name, u.Code, u.MemberCount));
        }
        Assert.Contains("Đã lưu thay đổi.", await site.Admin.GetStringAsync(ok.Location));

        var (other, _, _) = await BranchAsync("Trùng mã");
        var otherPage = $"/admin/units/{other}";
        var bad = await AdminSite.PostAsync(site.Admin, otherPage, $"{otherPage}?handler=Save", ("Name", ""), ("Code", "HD SUA"), ("Level", "Chapter"), ("MemberCount", "-1"));
        bad.ShowsErrors(
            ("Name", "Hãy nhập tên đơn vị."),
            ("Code", "Mã chỉ gồm chữ cái không dấu A–Z, chữ số và . _ -, tối đa 40 ký tự."),
            ("MemberCount", "Số đoàn viên là số nguyên từ 0 trở lên."));
        var taken = await AdminSite.PostAsync(site.Admin, otherPage, $"{otherPage}?handler=Save", ("Name", "Huyện đoàn Trùng mã"), ("Code", "hd-sua"), ("Level", "District"), ("MemberCount", "1"));
        taken.ShowsErrors(("Code", "Mã HD-SUA đã dùng cho đơn vị «Huyện đoàn Sửa Mới»."));
        // A district with a grassroots Union under it cannot become a chapter.
        var level = await AdminSite.PostAsync(site.Admin, otherPage, $"{otherPage}?handler=Save", ("Name", "Huyện đoàn Trùng mã"), ("Code", ""), ("Level", "Chapter"), ("MemberCount", "1"));
        level.ShowsErrors(("Level", "Đơn vị con «Đoàn xã Trùng mã» (Đoàn cơ sở) không thể nằm dưới đơn vị cấp Chi đoàn; hãy chuyển đơn vị con trước."));
        await using var check = site.Db.NewContext();
        var unchanged = await check.Set<Unit>().SingleAsync(x => x.Id == other);
        Assert.Equal(("Huyện đoàn Trùng mã", null, UnitLevel.District, 500), (unchanged.Name, unchanged.Code, unchanged.Level, unchanged.MemberCount));
    }

    [Fact]
    public async Task A_unit_added_by_hand_can_carry_a_code_which_no_other_unit_may_take()
    {
        var (_, grassroots, _) = await BranchAsync("Mã mới");
        var ok = await AdminSite.PostAsync(site.Admin, "/admin/units", "/admin/units",
            ("Name", "Chi đoàn 9C"), ("Code", "cd-9c-moi"), ("Level", "Chapter"), ("ParentId", $"{grassroots}"), ("MemberCount", "12"));
        ok.Saved();
        var again = await AdminSite.PostAsync(site.Admin, "/admin/units", "/admin/units",
            ("Name", "Chi đoàn 9D"), ("Code", "CD-9C-MOI"), ("Level", "Chapter"), ("ParentId", $"{grassroots}"), ("MemberCount", "12"));
        again.ShowsErrors(("Code", "Mã CD-9C-MOI đã dùng cho đơn vị «Chi đoàn 9C»."));
        await using var db = site.Db.NewContext();
        Assert.Equal("CD-9C-MOI", (await db.Set<Unit>().SingleAsync(u => u.Name == "Chi đoàn 9C")).Code);
        Assert.False(await db.Set<Unit>().AnyAsync(u => u.Name == "Chi đoàn 9D"));
    }

    [Fact]
    public async Task Moving_lists_valid_parents_by_path_and_keeps_the_tree_rule()
    {
        var (districtA, grassrootsA, chapterA) = await BranchAsync("Chuyển A");
        var (_, grassrootsB, _) = await BranchAsync("Chuyển B");
        var page = $"/admin/units/{chapterA}";
        var html = await site.Admin.GetStringAsync(page);
        // Both "Chi đoàn 1A" are told apart by their paths; the new parent list holds the other grassroots Union by path.
        Assert.Contains("Huyện đoàn Chuyển A › Đoàn xã Chuyển A › Chi đoàn 1A", html);
        Assert.Contains($"<option value=\"{grassrootsB}\">", html);
        Assert.Contains("Huyện đoàn Chuyển B › Đoàn xã Chuyển B</option>", html);
        Assert.DoesNotContain($"<option value=\"{grassrootsA}\"", html);

        // Đoàn xã B already has a "Chi đoàn 1A".
        var taken = await AdminSite.PostAsync(site.Admin, page, $"{page}?handler=Move", ("ParentId", $"{grassrootsB}"));
        taken.ShowsErrors(("ParentId", "Dưới «Đoàn xã Chuyển B» đã có đơn vị tên «Chi đoàn 1A»."));
        var empty = await AdminSite.PostAsync(site.Admin, page, $"{page}?handler=Move", ("ParentId", ""));
        empty.ShowsErrors(("ParentId", "Hãy chọn đơn vị cấp trên mới."));

        // The district A cannot go under its own grassroots Union (a loop, and a lower level).
        var districtPage = $"/admin/units/{districtA}";
        var loop = await AdminSite.PostAsync(site.Admin, districtPage, $"{districtPage}?handler=Move", ("ParentId", $"{grassrootsA}"));
        loop.ShowsErrors(("ParentId", "Không thể đặt đơn vị Huyện đoàn dưới đơn vị Đoàn cơ sở."));

        // A chapter may sit directly under a district Union.
        var moved = await AdminSite.PostAsync(site.Admin, page, $"{page}?handler=Move", ("ParentId", $"{districtA}"));
        moved.Saved();
        await using var db = site.Db.NewContext();
        Assert.Equal(districtA, (await db.Set<Unit>().SingleAsync(u => u.Id == chapterA)).ParentId);
    }

    [Fact]
    public async Task A_unit_in_use_says_what_uses_it_and_an_unused_one_is_deleted_once_confirmed()
    {
        var (district, grassroots, chapter) = await BranchAsync("Xóa");
        await using (var db = site.Db.NewContext())
        {
            db.Add(new RosterEntry { UnitId = chapter, FullName = "Nguyễn Văn An", DateOfBirth = new(2004, 3, 26) });
            db.Add(new RosterEntry { UnitId = chapter, FullName = "Trần Thị Bình", DateOfBirth = new(2005, 1, 2) });
            db.Add(new AppUser { UserName = "btc-xoa", NormalizedUserName = "BTC-XOA", DisplayName = "BTC", UnitId = chapter, SecurityStamp = "x" });
            await db.SaveChangesAsync();
        }
        var page = $"/admin/units/{chapter}";
        var html = await site.Admin.GetStringAsync(page);
        Assert.Contains("Chưa xóa được vì đơn vị đang được dùng:", html);
        Assert.Contains("2 đoàn viên trong danh sách", html);
        Assert.Contains("1 tài khoản thuộc đơn vị", html);
        Assert.DoesNotContain("data-testid=\"delete-button\"", html);
        var refused = await AdminSite.PostAsync(site.Admin, $"/admin/units/{grassroots}", $"/admin/units/{grassroots}?handler=Delete", ("ConfirmDelete", "true"));
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("1 đơn vị trực thuộc", refused.Html);

        await using (var db = site.Db.NewContext())
        {
            await db.Set<RosterEntry>().Where(e => e.UnitId == chapter).ExecuteDeleteAsync();
            await db.Set<AppUser>().Where(u => u.UserName == "btc-xoa").ExecuteDeleteAsync();
        }
        var unconfirmed = await AdminSite.PostAsync(site.Admin, page, $"{page}?handler=Delete");
        unconfirmed.ShowsErrors(("ConfirmDelete", "Hãy đánh dấu ô xác nhận để xóa."));
        var deleted = await AdminSite.PostAsync(site.Admin, page, $"{page}?handler=Delete", ("ConfirmDelete", "true"));
        deleted.Saved();
        Assert.Contains("Đã xóa đơn vị «Chi đoàn 1A».", await site.Admin.GetStringAsync(deleted.Location));
        await using var check = site.Db.NewContext();
        Assert.False(await check.Set<Unit>().AnyAsync(u => u.Id == chapter));
        Assert.True(await check.Set<Unit>().AnyAsync(u => u.Id == district));
        Assert.Equal(HttpStatusCode.NotFound, (await site.Admin.GetAsync(page)).StatusCode);
    }

    [Fact]
    public async Task The_import_page_previews_saves_nothing_until_confirmed_and_saves_once()
    {
        const string page = "/admin/units/import";
        string[][] units =
        [
            ["TINH-NHAP", "Tỉnh đoàn Nhập thử", "Tỉnh đoàn", "", "0"],
            ["HD-NHAP", "Huyện đoàn Nhập thử", "Huyện đoàn", "TINH-NHAP", "120"],
            ["CD-NHAP", "Chi đoàn Nhập thử", "Chi đoàn", "KHONGCO", "20"],
        ];
        string[][] roster = [["HD-NHAP", "", "Nguyễn Văn An", "", "26/3/2004"]];
        var upload = await AdminSite.PostFileAsync(site.Admin, page, page, "Workbook", "don-vi.xlsx", Book(units, roster).ToArray());
        Assert.Equal(HttpStatusCode.Redirect, upload.Status);
        var preview = await site.Admin.GetStringAsync(upload.Location);
        Assert.Contains("Nếu xác nhận: thêm 2 đơn vị, thay đổi 0, giữ nguyên 0; 1 dòng lỗi sẽ không được nhập.", preview);
        Assert.Contains("Danh sách đoàn viên: thêm 1, sửa 0, xóa 0, giữ nguyên 0.", preview);
        Assert.Contains("D — Mã đơn vị cấp trên:</span> Không có đơn vị mã KHONGCO, trong tệp cũng như trên hệ thống.", preview);
        await using (var db = site.Db.NewContext()) Assert.False(await db.Set<Unit>().AnyAsync(u => u.Code == "HD-NHAP"));

        var id = upload.Location!.Split("upload=")[1];
        var confirm = await AdminSite.PostAsync(site.Admin, upload.Location, $"{page}?handler=Confirm&upload={id}");
        Assert.Equal(HttpStatusCode.Redirect, confirm.Status);
        Assert.Contains("Đã nhập: thêm 2 đơn vị, thay đổi 0; đoàn viên thêm 1, sửa 0, xóa 0.", await site.Admin.GetStringAsync(confirm.Location));
        // A second click on the same confirmation saves nothing more.
        await AdminSite.PostAsync(site.Admin, upload.Location, $"{page}?handler=Confirm&upload={id}");
        await using var check = site.Db.NewContext();
        var unit = await check.Set<Unit>().SingleAsync(u => u.Code == "HD-NHAP");
        Assert.Equal(1, await check.Set<RosterEntry>().CountAsync(e => e.UnitId == unit.Id));
    }

    [Fact]
    public async Task A_csv_upload_is_refused_with_the_reason_in_the_readers_language()
    {
        const string page = "/admin/units/import";
        var csv = Encoding.UTF8.GetBytes("Mã đơn vị,Tên đơn vị,Cấp,Mã đơn vị cấp trên\r\nTINH,Tỉnh đoàn,Tỉnh đoàn,\r\n");
        var vi = await AdminSite.PostFileAsync(site.Admin, page, page, "Workbook", "don-vi.xlsx", csv);
        Assert.Contains("Đây là tệp văn bản CSV", await site.Admin.GetStringAsync(vi.Location));
        var english = await site.EnglishAdminAsync();
        var en = await AdminSite.PostFileAsync(english, page, page, "Workbook", "units.xlsx", csv);
        Assert.Contains("This is a CSV/text file that was only renamed .xlsx", await english.GetStringAsync(en.Location));
        var none = await AdminSite.PostFileAsync(site.Admin, page, page, "Workbook", "x.xlsx", null);
        Assert.Contains("Hãy chọn một tệp.", none.Html);
    }

    [Fact]
    public async Task The_export_and_template_download_as_workbooks()
    {
        var export = await site.Admin.GetAsync("/admin/units/import?handler=Export");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType?.MediaType);
        using var book = new ClosedXML.Excel.XLWorkbook(await export.Content.ReadAsStreamAsync());
        Assert.Equal(["Đơn vị", "Đoàn viên", "Hướng dẫn"], book.Worksheets.Select(w => w.Name));
        var template = await site.Admin.GetAsync("/admin/units/import?handler=Template");
        Assert.Equal(HttpStatusCode.OK, template.StatusCode);
    }
}
