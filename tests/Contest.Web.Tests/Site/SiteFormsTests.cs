using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Contest.Engine.Events;
using Contest.Engine.Rounds;
using Contest.Engine.Storage;
using Contest.Testing;
using Contest.Web.Rounds;
using Contest.Web.Tests.Rounds;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Contest.Web.Tests.Site;

/// <summary>
/// Every form of the public site answered with empty optional fields and with garbage: a clear message in the page's
/// language (or success), never a 5xx and never an English engine message on a Vietnamese page.
/// </summary>
public partial class SiteFormsTests
{
    private const string Garbage = "<script>x</script>'; DROP TABLE \"Users\"; -- \u200B ∑ 😀 %s {0}";

    private static string Alert(string html) =>
        WebUtility.HtmlDecode(AlertPattern().Match(html) is { Success: true } m ? m.Groups[1].Value.Trim() : "");

    [GeneratedRegex("<p class=\"error\"[^>]*>(.*?)</p>", RegexOptions.Singleline)]
    private static partial Regex AlertPattern();

    [Fact]
    public async Task Login_answers_empty_and_garbage_with_its_message()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var app = new ContestApp(db);
        var client = app.NewClient();
        foreach (var (user, password, expected) in new[]
                 {
                     ("", "", "Vui lòng nhập tên đăng nhập và mật khẩu."),
                     ("admin", "", "Vui lòng nhập tên đăng nhập và mật khẩu."),
                     (Garbage, Garbage, "Sai tên đăng nhập hoặc mật khẩu."),
                     (new string('a', 5000), "x", "Sai tên đăng nhập hoặc mật khẩu."),
                 })
        {
            var html = await FormPosts.NoServerErrorAsync(await FormPosts.PostAsync(client, "/account/login", [new("UserName", user), new("Password", password), new("Remember", "maybe")]));
            Assert.Equal(expected, Alert(html));
        }
        // A return address elsewhere is not followed after a good log-in.
        var ok = await FormPosts.PostAsync(client, "/account/login", [new("UserName", "admin"), new("Password", ContestApp.AdminPassword), new("ReturnUrl", "https://evil.example/")]);
        Assert.Equal("/", ok.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_form_with_a_null_character_gets_the_bad_request_page_not_an_error()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var app = new ContestApp(db);
        // The framework refuses a form holding U+0000 before any page sees it; the person still gets the site's page.
        var response = await FormPosts.PostAsync(app.NewClient(), "/account/login", [new("UserName", "a\u0000b"), new("Password", "x")]);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Yêu cầu không hợp lệ", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_form_posted_without_its_token_gets_the_expired_form_page_not_an_error()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var app = new ContestApp(db);
        var response = await app.NewClient().PostAsync("/account/login", new FormUrlEncodedContent([new("UserName", "admin"), new("Password", "x")]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("trang có thể đã hết hạn", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Events_and_director_forms_answer_empty_and_garbage_in_vietnamese_and_change_nothing()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var app = new ContestApp(db);
        var admin = await app.LoginAsync();

        // New event: empty and too long titles, a made-up language.
        foreach (var (title, language, expected) in new[]
                 {
                     ("", "vi", "Sự kiện cần có tên."),
                     ("   ", "vi", "Sự kiện cần có tên."),
                     (new string('x', 151), "vi", "Tên sự kiện dài quá 150 ký tự."),
                     ("Lễ khai mạc", "xx", "Hãy chọn Tiếng Việt hoặc English."),
                 })
        {
            var html = await FormPosts.NoServerErrorAsync(await FormPosts.PostAsync(admin, "/events", [new("Title", title), new("Language", language)]));
            Assert.Equal(expected, Alert(html));
        }
        await using (var ctx = db.NewContext()) Assert.Equal(0, await ctx.Set<ContestEvent>().CountAsync());
        var created = await FormPosts.PostAsync(admin, "/events", [new("Title", "  Lễ khai mạc  "), new("Language", "vi")]);
        Assert.True(created.StatusCode == HttpStatusCode.Redirect, created.StatusCode + string.Join(";", created.Headers.Select(h => h.Key + "=" + string.Join(",", h.Value))) + await created.Content.ReadAsStringAsync());
        var director = created.Headers.Location!.OriginalString;

        async Task<string> PostAsync(string handler, params KeyValuePair<string, string>[] fields)
        {
            var response = await FormPosts.PostAsync(admin, director, $"{director}?handler={handler}", fields);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode); // post/redirect/get: the message rides in TempData
            return await FormPosts.NoServerErrorAsync(await admin.GetAsync(response.Headers.Location));
        }

        Assert.Equal("Màn hình tham gia cần mã PIN gồm 6 chữ số của trò chơi.", Alert(await PostAsync("Show", new("kind", "Join"), new("target", ""))));
        Assert.Equal("Màn hình tham gia cần mã PIN gồm 6 chữ số của trò chơi.", Alert(await PostAsync("Show", new("kind", "Join"), new("target", Garbage))));
        Assert.Equal("Trang trình chiếu cần có tiêu đề.", Alert(await PostAsync("Show", new("kind", "Slide"), new("title", ""), new("text", ""))));
        Assert.Equal("Nội dung dài quá 1500 ký tự.", Alert(await PostAsync("Show", new("kind", "Slide"), new("title", "Chương trình"), new("text", new string('ư', 1501)))));
        Assert.Equal("Hãy chọn nội dung cho màn hình “Thi trực tiếp”.", Alert(await PostAsync("Show", new("kind", "LiveGame"), new("target", ""))));
        Assert.Equal("Nội dung này không còn để chiếu (có thể đã kết thúc hoặc bị xóa). Hãy tải lại trang và chọn lại.",
            Alert(await PostAsync("Show", new("kind", "Round"), new("target", "99999"))));
        Assert.Equal("Không có loại màn hình này. Hãy tải lại trang và chọn lại.", Alert(await PostAsync("Show", KeyValuePair.Create("kind", "abc"))));
        Assert.Equal("Không có loại màn hình này. Hãy tải lại trang và chọn lại.", Alert(await PostAsync("Show", KeyValuePair.Create("kind", "99"))));
        Assert.Equal("Sự kiện cần có tên.", Alert(await PostAsync("Brand")));
        Assert.Equal("Màu chính phải là một màu dạng #rrggbb, ví dụ #0b4ea2.",
            Alert(await PostAsync("Brand", new("title", "Lễ khai mạc"), new("primary", "blue"), new("accent", "#ffcc00"), new("language", "vi"))));
        Assert.Equal("Logo phải là đường dẫn trên trang này (bắt đầu bằng /) hoặc địa chỉ https://.",
            Alert(await PostAsync("Brand", new("title", "Lễ khai mạc"), new("primary", "#0b4ea2"), new("accent", "#ffcc00"), new("language", "vi"), new("logoUrl", "javascript:alert(1)"))));
        Assert.Equal("Dòng phụ dài quá 300 ký tự.",
            Alert(await PostAsync("Brand", new("title", "Lễ khai mạc"), new("primary", "#0b4ea2"), new("accent", "#ffcc00"), new("language", "vi"), new("subtitle", new string('ơ', 301)))));
        await using (var ctx = db.NewContext())
        {
            var ev = await ctx.Set<ContestEvent>().SingleAsync();
            Assert.Equal(("Lễ khai mạc", ScreenKind.Welcome, ""), (ev.Title, ev.Screen.Kind, ev.Subtitle));
        }

        // Empty optionals: a slide with a title only, branding without subtitle or logo, both saved.
        var slide = await PostAsync("Show", new("kind", "Slide"), new("title", "Giải lao 15 phút"), new("text", ""));
        Assert.Contains("Đã cập nhật màn hình chiếu.", slide);
        var brand = await PostAsync("Brand", new("title", "Lễ khai mạc"), new("subtitle", ""), new("logoUrl", ""), new("primary", "#0b4ea2"), new("accent", "#ffcc00"), new("language", "vi"));
        Assert.Contains("Đã cập nhật màn hình chiếu.", brand);
        // A long Vietnamese slide text within the limit is saved (its letters are not escaped into the 4,000-character column).
        Assert.Contains("Đã cập nhật màn hình chiếu.", await PostAsync("Show", new("kind", "Slide"), new("title", "Chương trình"), new("text", new string('ữ', 1500))));

        var missing = await FormPosts.PostAsync(admin, director, "/events/424242?handler=Revoke", []);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Round_start_answer_and_prediction_forms_answer_garbage_with_their_messages()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        var seed = await RoundTestKit.SeedAsync(db);
        await using var app = new ContestApp(db);
        var admin = await app.LoginAsync();
        var participant = await RoundTestKit.RegisterAsync(app, seed, "Nguyễn Văn An", "0912000041");
        var now = DateTimeOffset.UtcNow;
        var round = await RoundTestKit.CreateRoundAsync(admin, RoundTestKit.Round(seed, now.AddMinutes(-1), now.AddHours(1)));
        using (var scope = app.Services.CreateScope()) await scope.ServiceProvider.GetRequiredService<RoundLifecycle>().OpenAsync(round.Id);

        // Start: a round id that is not a number, one that does not exist.
        Assert.Equal("Không tìm thấy.", Alert(await FormPosts.NoServerErrorAsync(await FormPosts.PostAsync(participant, "/rounds", "/rounds?handler=Start", [new("roundId", "abc")]))));
        Assert.Equal("Không tìm thấy.", Alert(await FormPosts.NoServerErrorAsync(await FormPosts.PostAsync(participant, "/rounds", "/rounds?handler=Start", [new("roundId", "99999")]))));
        var started = await FormPosts.PostAsync(participant, "/rounds", "/rounds?handler=Start", [new("roundId", round.Id.ToString())]);
        Assert.True(started.StatusCode == HttpStatusCode.Redirect, await started.Content.ReadAsStringAsync());
        var page = started.Headers.Location!.OriginalString;

        // Answers: an option that is not a number, one out of range; nothing picked is simply "no answer yet".
        Assert.Equal("Câu trả lời không hợp lệ.", Alert(await FormPosts.NoServerErrorAsync(await FormPosts.PostAsync(participant, page, $"{page}?handler=Save&q=1", [new("a1", "zzz"), new("nav", "next")]))));
        Assert.Equal("Câu trả lời không hợp lệ.", Alert(await FormPosts.NoServerErrorAsync(await FormPosts.PostAsync(participant, page, $"{page}?handler=Save&q=1", [new("a1", "77"), new("nav", "next")]))));
        var blank = await FormPosts.PostAsync(participant, page, $"{page}?handler=Save&q=1", [new("nav", "next")]);
        Assert.Equal(HttpStatusCode.Redirect, blank.StatusCode);
        var garbageNav = await FormPosts.PostAsync(participant, page, $"{page}?handler=Save&q=abc", [new("nav", Garbage)]);
        Assert.True(garbageNav.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, garbageNav.StatusCode + await garbageNav.Content.ReadAsStringAsync());

        // Prediction: empty, not a number, negative, huge; then a good one submits.
        foreach (var (value, expected) in new[]
                 {
                     ("", "Hãy nhập dự đoán của bạn (một số nguyên từ 0) rồi nộp bài."),
                     ("mười", "Dự đoán phải là một số nguyên từ 0 đến 10.000.000."),
                     ("-3", "Dự đoán phải là một số nguyên từ 0 đến 10.000.000."),
                     ("99999999999", "Dự đoán phải là một số nguyên từ 0 đến 10.000.000."),
                 })
        {
            var html = await FormPosts.NoServerErrorAsync(await FormPosts.PostAsync(participant, page, $"{page}?handler=Submit", [new("prediction", value)]));
            Assert.Equal(expected, Alert(html));
        }
        await using (var ctx = db.NewContext()) Assert.Null((await ctx.Set<RoundAttempt>().SingleAsync()).FinishedAt);
        var submitted = await FormPosts.PostAsync(participant, page, $"{page}?handler=Submit", [new("prediction", "12")]);
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        await using (var ctx = db.NewContext()) Assert.Equal(12, (await ctx.Set<RoundAttempt>().SingleAsync()).Prediction);
    }

    [Fact]
    public async Task Culture_switch_answers_an_unknown_language_without_a_server_error()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var app = new ContestApp(db);
        var client = app.NewClient();
        foreach (var code in new[] { "xx", "%20", "vi-VN-x-" + new string('a', 300) })
        {
            var response = await client.GetAsync($"/culture/{code}?returnUrl=javascript:alert(1)");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
        var back = await client.GetAsync("/culture/en?returnUrl=" + Uri.EscapeDataString(Garbage));
        Assert.Equal("/", back.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Pitch_vote_and_score_calls_with_garbage_bodies_get_client_errors_not_server_errors()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var app = new ContestApp(db);
        var admin = await app.LoginAsync();
        int roundId, teamId;
        await using (var ctx = db.NewContext())
        {
            roundId = await ctx.PitchRounds.OrderBy(r => r.Id).Select(r => r.Id).FirstAsync();
            teamId = await ctx.PitchTeams.Where(t => t.RoundId == roundId).OrderBy(t => t.Id).Select(t => t.Id).FirstAsync();
        }
        foreach (var (method, url, body) in new[]
                 {
                     (HttpMethod.Post, $"/api/pitch/rounds/{roundId}/votes", "not json"),
                     (HttpMethod.Post, $"/api/pitch/rounds/{roundId}/votes", "{\"teamId\":\"abc\"}"),
                     (HttpMethod.Post, $"/api/pitch/rounds/{roundId}/votes", "{\"teamId\":999999}"),
                     (HttpMethod.Post, $"/api/pitch/rounds/{roundId}/votes", ""),
                     (HttpMethod.Put, $"/api/pitch/teams/{teamId}/scores", "{\"scores\":[{\"criterionId\":1,\"score\":\"ten\"}]}"),
                     (HttpMethod.Put, $"/api/pitch/teams/{teamId}/scores", "{\"scores\":null}"),
                     (HttpMethod.Put, $"/api/pitch/teams/{teamId}/scores", "{\"scores\":[{\"criterionId\":-1,\"score\":1e40}]}"),
                     (HttpMethod.Post, $"/api/pitch/rounds/{roundId}/timer", "{\"phase\":\"Dancing\"}"),
                     (HttpMethod.Post, $"/api/pitch/rounds/{roundId}/current", "{\"teamId\":-5}"),
                 })
        {
            var response = await admin.SendAsync(new HttpRequestMessage(method, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
            var text = await response.Content.ReadAsStringAsync();
            Assert.True((int)response.StatusCode is >= 400 and < 500, $"{method} {url} {body}: {(int)response.StatusCode} {text}");
            Assert.DoesNotContain("<html", text);
        }
    }
}
