using System.Net;
using System.Net.Http.Headers;
using ClosedXML.Excel;
using Contest.Engine.Accounts;
using Contest.Engine.Storage;
using Contest.Engine.Units;
using Contest.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Contest.Admin.Tests.Questions.Workbooks;

namespace Contest.Admin.Tests.Accounts;

/// <summary>Bulk creation on the real pages: check → report → confirm → the password sheet, whose passwords sign in.</summary>
public class AccountImportPageTests
{
    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] file)
    {
        var token = await AccountFlows.AntiforgeryTokenAsync(client, "/admin/users/import");
        var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        form.Add(content, "Upload", "tai-khoan.xlsx");
        return await client.PostAsync("/admin/users/import", form);
    }

    private static string Text(string html) => System.Text.RegularExpressions.Regex.Replace(WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(html, "<[^>]+>", " ")), @"\s+", " ");

    [Fact]
    public async Task An_admin_checks_a_sheet_sees_the_bad_rows_confirms_and_downloads_passwords_that_sign_in_once()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var app = new ContestApp(db);
        var admin = await app.LoginAsync();
        string district;
        await using (var ctx = db.NewContext())
            district = await ctx.Set<Unit>().Where(u => u.Level == UnitLevel.District).OrderBy(u => u.Id).Select(u => u.Name).FirstAsync();

        // The template downloads and, filled in, is what the page reads.
        var template = await admin.GetAsync("/admin/users/import?handler=Template");
        Assert.Equal(HttpStatusCode.OK, template.StatusCode);
        using var filled = new XLWorkbook(new MemoryStream(await template.Content.ReadAsByteArrayAsync()));
        var ws = filled.Worksheet(1);
        string[][] rows =
        [
            ["Nguyễn Văn An", "gk-an", "an@example.org", "Giám khảo", ""],
            ["Trần Thị Bình", "btc-binh", "", "Ban tổ chức", district],
            ["", "gk-loi", "", "Giám khảo", ""],
            ["=1+2", "gk-cong-thuc", "", "Giám khảo", ""],
        ];
        for (var r = 0; r < rows.Length; r++)
            for (var c = 0; c < rows[r].Length; c++)
                if (rows[r][c].Length > 0) { ws.Cell(r + 2, c + 1).SetValue(rows[r][c]); ws.Cell(r + 2, c + 1).DataType = XLDataType.Text; }
        var file = new MemoryStream();
        filled.SaveAs(file);

        var checkedFile = await UploadAsync(admin, file.ToArray());
        Assert.Equal(HttpStatusCode.Redirect, checkedFile.StatusCode);
        var reportPage = Text(await admin.GetStringAsync(checkedFile.Headers.Location!.OriginalString));
        Assert.Contains("3 tài khoản hợp lệ, 1 dòng lỗi.", reportPage);
        Assert.Contains("cột A «Họ tên»: Bắt buộc, đang để trống.", reportPage);
        Assert.Contains("Tạo 3 tài khoản", reportPage);
        // Nothing is created before the confirm.
        await using (var ctx = db.NewContext()) Assert.False(await ctx.Users.AnyAsync(u => u.UserName == "gk-an"));

        var job = checkedFile.Headers.Location!.OriginalString.Split("job=")[1];
        var token = await AccountFlows.AntiforgeryTokenAsync(admin, checkedFile.Headers.Location!.OriginalString);
        var confirm = await admin.PostAsync($"/admin/users/import?handler=Confirm&job={job}", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        var done = Text(await admin.GetStringAsync(confirm.Headers.Location!.OriginalString));
        Assert.Contains("Đã tạo 3 tài khoản.", done);
        // A second confirm of the same check creates nothing more.
        var again = await admin.PostAsync($"/admin/users/import?handler=Confirm&job={job}", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Contains("Phiên nhập đã hết hạn hoặc đã được xác nhận", Text(await admin.GetStringAsync(again.Headers.Location!.OriginalString)));

        var sheetId = confirm.Headers.Location!.OriginalString.Split("sheet=")[1];
        var download = await admin.GetAsync($"/admin/users/import?handler=Passwords&sheet={sheetId}");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", download.Content.Headers.ContentType!.MediaType);
        using var passwords = new XLWorkbook(new MemoryStream(await download.Content.ReadAsByteArrayAsync()));
        var sheet = passwords.Worksheet(1);
        var issued = Enumerable.Range(3, 3).Select(r => (Name: sheet.Cell(r, 1).GetString(), User: sheet.Cell(r, 2).GetString(), Password: sheet.Cell(r, 3).GetString(), Role: sheet.Cell(r, 4).GetString(), Unit: sheet.Cell(r, 5).GetString())).ToList();
        Assert.Equal(["gk-an", "btc-binh", "gk-cong-thuc"], issued.Select(i => i.User));
        Assert.Equal(["Giám khảo", "Ban tổ chức", "Giám khảo"], issued.Select(i => i.Role));
        Assert.EndsWith("› " + district, issued[1].Unit);
        Assert.Equal("=1+2", issued[2].Name);
        Assert.False(sheet.Cell(5, 1).HasFormula);
        Assert.Equal(3, issued.Select(i => i.Password).Distinct().Count());

        // Each password opens its account once, straight to the change page; roles and units as the sheet said.
        Assert.Equal("/account/password", (await AccountFlows.PostLoginAsync(app.NewClient(), "btc-binh", issued[1].Password)).Headers.Location?.OriginalString);
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var binh = (await users.FindByNameAsync("btc-binh"))!;
        Assert.Equal([Roles.Organizer], await users.GetRolesAsync(binh));
        Assert.Equal("Trần Thị Bình", binh.DisplayName);
        Assert.NotNull(binh.UnitId);
        Assert.Equal("an@example.org", (await users.FindByNameAsync("gk-an"))!.Email);
        Assert.Null(await users.FindByNameAsync("gk-loi"));
    }

    [Fact]
    public async Task A_bad_file_is_refused_in_words_and_organizers_cannot_import()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var app = new ContestApp(db);
        var admin = await app.LoginAsync();
        var csv = await UploadAsync(admin, System.Text.Encoding.UTF8.GetBytes("Họ tên,Tên đăng nhập\nAn,an\n"));
        var page = Text(await admin.GetStringAsync(csv.Headers.Location!.OriginalString));
        Assert.Contains("Không thể dùng tệp này", page);
        Assert.Contains("Đây là tệp văn bản CSV", page);
        var noHeader = await UploadAsync(admin, Build(wb => wb.Worksheets.Add("A").Cell(1, 1).SetValue("Danh sách")).ToArray());
        Assert.Contains("Không tìm thấy dòng tiêu đề trong 10 dòng đầu", Text(await admin.GetStringAsync(noHeader.Headers.Location!.OriginalString)));
        var empty = await admin.PostAsync("/admin/users/import", new MultipartFormDataContent { { new StringContent(await AccountFlows.AntiforgeryTokenAsync(admin, "/admin/users/import")), "__RequestVerificationToken" } });
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("Hãy chọn một tệp.", Text(await empty.Content.ReadAsStringAsync()));

        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var org = new AppUser { UserName = "btc", DisplayName = "BTC" };
            Assert.True((await users.CreateAsync(org, "Secret-pass-1")).Succeeded);
            Assert.True((await users.AddToRoleAsync(org, Roles.Organizer)).Succeeded);
        }
        var organizer = await app.LoginAsync("btc", "Secret-pass-1");
        Assert.Equal(HttpStatusCode.Redirect, (await organizer.GetAsync("/admin/users/import")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await organizer.GetAsync("/admin/users/import?handler=Template")).StatusCode);
    }
}
