using System.Net;
using Contest.Engine.Storage;
using Contest.Testing;

namespace Contest.Web.Tests.Site;

/// <summary>The participant registration form (/rounds/register) with empty, garbage and weak input, in both languages.</summary>
public class RegistrationFormTests
{
    private const string Page = "/rounds/register";

    private static Dictionary<string, string> Form(string name = "", string dob = "", string unit = "", string phone = "", string email = "", string id = "", string password = "") => new()
    {
        ["FullName"] = name, ["DateOfBirth"] = dob, ["UnitId"] = unit, ["Phone"] = phone, ["Email"] = email, ["IdNumber"] = id, ["Password"] = password,
    };

    /// <summary>The messages shown under a field, joined by "|"; empty when none.</summary>
    private static string FieldError(string html, string field)
    {
        var m = System.Text.RegularExpressions.Regex.Match(html, $"data-testid=\"error-{field}\">(.*?)</p>");
        return string.Join("|", System.Text.RegularExpressions.Regex.Matches(m.Groups[1].Value, "<span>(.*?)</span>").Select(s => WebUtility.HtmlDecode(s.Groups[1].Value)));
    }

    [Fact]
    public async Task An_empty_form_says_what_is_missing_next_to_each_field_and_creates_nothing()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var app = new ContestApp(db);
        var client = app.NewClient();
        var response = await FormPosts.PostAsync(client, Page, Form());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await FormPosts.NoServerErrorAsync(response);
        Assert.Contains("Vui lòng nhập trường này.", FieldError(html, "FullName"));
        Assert.Contains("Vui lòng nhập trường này.", FieldError(html, "DateOfBirth"));
        Assert.Contains("Vui lòng nhập trường này.", FieldError(html, "UnitId"));
        Assert.Contains("Vui lòng nhập trường này.", FieldError(html, "Phone"));
        Assert.Contains("Vui lòng nhập trường này.", FieldError(html, "Password"));
        Assert.Equal("", FieldError(html, "Email"));
        await using var ctx = db.NewContext();
        Assert.Equal(1, ctx.Users.Count()); // the admin only
    }

    [Fact]
    public async Task Garbage_is_answered_field_by_field_with_every_password_rule_at_once()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var app = new ContestApp(db);
        var client = app.NewClient();
        var response = await FormPosts.PostAsync(client, Page, Form(name: "   ", dob: "31/02/abc", unit: "xyz", phone: "abc'; drop", email: "not-an-email", id: "12", password: "abcdefgh"));
        var html = await FormPosts.NoServerErrorAsync(response);
        Assert.Contains("Vui lòng nhập trường này.", FieldError(html, "FullName"));
        Assert.Equal("Giá trị không hợp lệ.", FieldError(html, "DateOfBirth"));
        Assert.Equal("Giá trị không hợp lệ.", FieldError(html, "UnitId"));
        Assert.Equal("Giá trị không hợp lệ.", FieldError(html, "Phone"));
        Assert.Equal("Giá trị không hợp lệ.", FieldError(html, "Email"));
        Assert.Equal("Giá trị không hợp lệ.", FieldError(html, "IdNumber"));
        Assert.Equal(
            "Mật khẩu cần ít nhất một ký tự đặc biệt (không phải chữ hay số), ví dụ - ! @ #.|Mật khẩu cần ít nhất một chữ số (0–9).|Mật khẩu cần ít nhất một chữ hoa (A–Z).",
            FieldError(html, "Password"));
        Assert.DoesNotContain("Passwords must", html);
        Assert.DoesNotContain("Reg.Error", html);
    }

    [Fact]
    public async Task Identity_messages_come_in_english_on_the_english_page()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var app = new ContestApp(db);
        var client = app.NewClient();
        await client.GetAsync("/culture/en");
        var html = await FormPosts.NoServerErrorAsync(await FormPosts.PostAsync(client, Page, Form(name: "Nguyễn Văn An", phone: "0912345678", password: "short")));
        Assert.Contains("The password needs at least 8 characters.", FieldError(html, "Password"));
        Assert.Contains("The password needs at least one uppercase letter (A–Z).", FieldError(html, "Password"));
        Assert.DoesNotContain("Mật khẩu", FieldError(html, "Password"));
    }

    [Fact]
    public async Task A_phone_that_already_has_an_account_is_told_to_log_in_and_the_nav_shows_the_full_name_not_the_phone()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var app = new ContestApp(db);
        var first = app.NewClient();
        await first.GetAsync("/"); // starts the app, which adds the demo units
        string unit;
        await using (var ctx = db.NewContext()) unit = ctx.Units.OrderBy(u => u.Id).First().Id.ToString();
        var ok = await FormPosts.PostAsync(first, Page, Form(name: "Nguyễn  Văn An", dob: "2001-05-19", unit: unit, phone: "0912 345 678", password: "Thanhnien-2026"));
        Assert.True(ok.StatusCode == HttpStatusCode.Redirect, await ok.Content.ReadAsStringAsync());
        var home = await first.GetStringAsync("/rounds");
        Assert.Contains("<span class=\"who\">Nguyễn Văn An</span>", home.Replace("Nguyễn  Văn", "Nguyễn Văn"));
        Assert.DoesNotContain("<span class=\"who\">0912345678</span>", home);

        var again = await FormPosts.PostAsync(app.NewClient(), Page, Form(name: "Người khác", dob: "2002-01-01", unit: unit, phone: "+84912345678", password: "Thanhnien-2026"));
        var html = await FormPosts.NoServerErrorAsync(again);
        Assert.Contains("Nếu bạn đã đăng ký trước đây, hãy đăng nhập", FieldError(html, "Phone"));
    }
}
