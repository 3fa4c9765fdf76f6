using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Contest.Admin.Questions;
using Contest.Engine.LiveGames;
using Contest.Engine.Questions;
using Contest.Engine.Rounds;
using Contest.Engine.Storage;
using Contest.Testing;
using Contest.Web.LiveGames;
using Contest.Web.Tests.LiveGames;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using static Contest.Web.Tests.Rounds.RoundTestKit;

namespace Contest.Web.Tests.Hardening;

/// <summary>Issue 18's smaller items, one test each, on the real app.</summary>
public class SmallItemsTests
{
    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage r)
    {
        var body = await r.Content.ReadAsStringAsync();
        Assert.False(string.IsNullOrWhiteSpace(body), $"{(int)r.StatusCode} with an empty body");
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    [Fact]
    public async Task A_live_game_with_question_id_0_is_refused_as_an_unknown_question()
    {
        await using var h = await LiveHarness.StartAsync();
        foreach (var ids in new[] { new[] { 0 }, [-5], [int.MaxValue] })
        {
            var r = await h.Host.PostAsJsonAsync("/api/live/games", new CreateGameRequest { BankId = h.BankId, QuestionIds = ids }, LiveHarness.Json);
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            var body = await r.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("unknown-question", body.GetProperty("code").GetString());
            Assert.Contains($"Question {ids[0]} is not in bank", body.GetProperty("reason").GetString());
        }
    }

    [Fact]
    public async Task Malformed_json_and_bodiless_api_errors_are_ProblemDetails_with_a_code()
    {
        await using var h = await LiveHarness.StartAsync();
        var bad = await h.Host.PostAsync("/api/live/games", new StringContent("{\"bankId\": 1,,}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var p = await ProblemAsync(bad);
        Assert.Equal("bad-json", p.GetProperty("code").GetString());
        Assert.Equal(400, p.GetProperty("status").GetInt32());
        // Vietnamese by default, with where it broke: line 1, the 14th character.
        Assert.Equal("Dữ liệu gửi lên không đúng định dạng JSON (dòng 1, vị trí 14).", p.GetProperty("detail").GetString());

        var wrongType = await h.Host.PostAsync("/api/live/games", new StringContent("{\"bankId\": \"một\"}", Encoding.UTF8, "application/json"));
        Assert.Equal("bad-json", (await ProblemAsync(wrongType)).GetProperty("code").GetString());
        var noBody = await h.Host.PostAsync("/api/live/games", new StringContent("", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, noBody.StatusCode);
        Assert.Equal("bad-request", (await ProblemAsync(noBody)).GetProperty("code").GetString());
        var notJson = await h.Host.PostAsync("/api/live/games", new StringContent("bankId=1", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notJson.StatusCode);
        Assert.Equal("unsupported-media-type", (await ProblemAsync(notJson)).GetProperty("code").GetString());
        var nothing = await h.Host.GetAsync("/api/no-such-thing");
        Assert.Equal(HttpStatusCode.NotFound, nothing.StatusCode);
        Assert.Equal("not-found", (await ProblemAsync(nothing)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Out_of_range_round_layout_and_selection_are_refused_and_nothing_is_stored()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        var seed = await SeedAsync(db);
        await using var app = new ContestApp(db);
        var admin = await app.LoginAsync();
        var now = DateTimeOffset.UtcNow;
        foreach (var (layout, selection, word) in new[] { ((RoundLayout)7, SelectionMode.Fixed, "Layout"), (RoundLayout.OnePerPage, (SelectionMode)(-1), "Selection") })
        {
            var round = Round(seed, now.AddHours(1), now.AddHours(2));
            round.Layout = layout;
            round.Selection = selection;
            var r = await admin.PostAsJsonAsync("/api/rounds", round);
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            Assert.Contains($"{word} must be one of", await r.Content.ReadAsStringAsync());
        }
        await using var ctx = db.NewContext();
        Assert.Equal(0, await ctx.Set<ContestRound>().CountAsync());
    }

    [Fact]
    public async Task Question_media_must_be_on_this_site_or_an_allowed_host()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        var seed = await SeedAsync(db);
        int bankId;
        await using (var ctx = db.NewContext()) bankId = await ctx.Questions.Where(q => q.Id == seed.QuestionIds[0]).Select(q => q.BankId).SingleAsync();
        await using var app = new ContestApp(db, new Dictionary<string, string> { ["Contest:Media:AllowedHosts:0"] = "cdn.tinhdoan.vn" });
        var admin = await app.LoginAsync();
        var n = 0;
        async Task<HttpResponseMessage> SaveAsync(string url) => await admin.PostAsJsonAsync($"/api/banks/{bankId}/questions", new QuestionDto(0, QuestionType.SingleChoice,
            $"Ảnh số {++n} là gì?", ["A", "B"], [0], [], true, false, true, false, 20, 1000, Difficulty.Easy, [], "vi", "", MediaKind.Image, url));
        foreach (var refused in new[] { "https://evil.example/x.png", "//evil.example/x.png", "/\\evil.example/x.png", "https://cdn.tinhdoan.vn.evil.example/x.png", "ftp://cdn.tinhdoan.vn/x.png" })
        {
            var r = await SaveAsync(refused);
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            Assert.Contains("máy chủ được ban quản trị cho phép", await r.Content.ReadAsStringAsync());
        }
        foreach (var allowed in new[] { "/media/0123456789abcdef0123456789abcdef.png", "https://cdn.tinhdoan.vn/anh/bac-ho.jpg", "https://CDN.tinhdoan.vn/a.png" })
            Assert.Equal(HttpStatusCode.Created, (await SaveAsync(allowed)).StatusCode);
    }

    [Fact]
    public async Task Registration_says_the_same_for_a_taken_phone_and_a_taken_id_number_only_when_the_rest_is_right_and_few_times()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        var seed = await SeedAsync(db);
        await using var app = new ContestApp(db, new Dictionary<string, string> { ["Contest:Throttle:SignupTakenPerAddress"] = "3" });
        var client = app.NewClient();
        Task<HttpResponseMessage> SignUp(string phone, string? id, string password = Password) =>
            client.PostAsJsonAsync("/api/rounds/register", new Contest.Web.Rounds.SignupRequest("Nguyễn Văn An", new DateOnly(2001, 5, 19), seed.UnitId, phone, null, id, password));
        Assert.True((await SignUp("0912000061", "012345678901")).IsSuccessStatusCode);

        client = app.NewClient();
        // With another problem on the form, only that problem: nothing about the phone.
        var weak = await (await SignUp("0912000061", null, "x")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("duplicate", weak);
        Assert.Contains("Password", weak);
        // The one error shape: a code, and per field its code and the words the form shows, in Vietnamese.
        var weakBody = JsonDocument.Parse(weak).RootElement;
        Assert.Equal(("invalid-fields", "Hãy sửa các mục chưa hợp lệ."), (weakBody.GetProperty("code").GetString(), weakBody.GetProperty("detail").GetString()));
        Assert.Contains(("Password", "password-too-short", "Mật khẩu cần ít nhất 8 ký tự."),
            weakBody.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("field").GetString(), e.GetProperty("code").GetString(), e.GetProperty("message").GetString())));

        // A taken phone and a taken ID number get the same answer, on the same field.
        var phone = await (await SignUp("0912000061", null)).Content.ReadFromJsonAsync<JsonElement>();
        var id = await (await SignUp("0912000062", "012345678901")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(phone.ToString(), id.ToString());
        var error = Assert.Single(phone.GetProperty("errors").EnumerateArray());
        Assert.Equal(("Phone", "duplicate"), (error.GetProperty("field").GetString(), error.GetProperty("code").GetString()));
        Assert.DoesNotContain("already registered", error.GetProperty("message").GetString());
        Assert.StartsWith("Không thể đăng ký với số điện thoại, số CCCD/CMND hoặc email này.", error.GetProperty("message").GetString());

        // The third such answer for this address is the last; then only "wait".
        Assert.Equal("duplicate", (await (await SignUp("0912000061", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors")[0].GetProperty("code").GetString());
        var waited = (await (await SignUp("0912000063", "012345678901")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors")[0];
        Assert.Equal("too-many", waited.GetProperty("code").GetString());

        // The page shows the Vietnamese wording that sends the owner to log in.
        var html = await (await FormPostsRegisterAsync(app, seed.UnitId)).Content.ReadAsStringAsync();
        var at = html.IndexOf("data-testid=\"error-", StringComparison.Ordinal);
        Assert.Contains("Bạn đã thử quá nhiều lần", WebUtility.HtmlDecode(html[at..]));
    }

    private static async Task<HttpResponseMessage> FormPostsRegisterAsync(ContestApp app, int unitId)
    {
        var client = app.NewClient();
        return await Contest.Web.Tests.Site.FormPosts.PostAsync(client, "/rounds/register", new Dictionary<string, string>
        {
            ["FullName"] = "Trần Thị Bình", ["DateOfBirth"] = "2001-05-19", ["UnitId"] = unitId.ToString(), ["Phone"] = "0912000061", ["Password"] = Password,
        });
    }

    [Fact]
    public async Task The_hangfire_dashboard_pages_answer_and_a_GET_of_its_stats_is_405_not_500()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var app = new ContestApp(db);
        var admin = await app.LoginAsync();
        foreach (var path in new[] { "/admin/jobs", "/admin/jobs/jobs/enqueued", "/admin/jobs/jobs/scheduled", "/admin/jobs/jobs/succeeded", "/admin/jobs/servers", "/admin/jobs/recurring", "/admin/jobs/retries" })
            Assert.True((await admin.GetAsync(path)).StatusCode == HttpStatusCode.OK, path);
        // The stats are the live graph's POST; a GET used to make Hangfire read a missing form and answer 500.
        var get = await admin.GetAsync("/admin/jobs/stats");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
        Assert.Equal("POST", string.Join(",", get.Content.Headers.Allow));
        Assert.Contains("Địa chỉ này không nhận kiểu yêu cầu đó", await get.Content.ReadAsStringAsync());
        // The POST itself (the page sends it with Hangfire's antiforgery token) is not turned away by the guard.
        var post = await admin.PostAsync("/admin/jobs/stats", new FormUrlEncodedContent([new("metrics[]", "enqueued:count")]));
        Assert.NotEqual(HttpStatusCode.MethodNotAllowed, post.StatusCode);
        Assert.True((int)post.StatusCode < 500, $"{(int)post.StatusCode}");
    }

    [Fact]
    public async Task Refused_hub_calls_are_one_information_line_per_connection_and_a_count_never_an_error()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var server = await ContestProcess.StartAsync(db, new Dictionary<string, string>
        {
            ["Logging__LogLevel__Contest.Web.Hardening"] = "Information",
            ["Contest__Throttle__PinFailuresPerConnection"] = "100",
            ["Contest__Throttle__PinFailuresPerAddress"] = "100",
            ["Contest__Throttle__JoinsPerConnection"] = "100",
        });
        var conn = new HubConnectionBuilder().WithUrl(server.BaseUrl + LiveHub.Path).Build();
        await conn.StartAsync();
        for (var i = 0; i < 6; i++)
            await Assert.ThrowsAsync<HubException>(() => conn.InvokeAsync<JoinResult>("Join", "99999" + i, "An", null));
        await Assert.ThrowsAsync<HubException>(() => conn.InvokeAsync<AnswerAck>("Answer", int.MaxValue, null));
        var id = conn.ConnectionId;
        await conn.DisposeAsync();
        // The fence: the line written when the connection closes.
        await WaitForAsync(() => Task.FromResult(server.Output.Contains("closed after 7 refused calls")), TimeSpan.FromSeconds(20), "the closing line\n" + server.Output);
        var log = server.Output;
        Assert.Equal(1, CountOf(log, "refused (unknown-pin"));
        Assert.Equal(0, CountOf(log, "fail:"));
        Assert.Equal(0, CountOf(log, "Failed invoking hub method"));
        Assert.DoesNotContain("   at ", log);
    }

    private static int CountOf(string text, string what)
    {
        var n = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + what.Length, StringComparison.Ordinal)) n++;
        return n;
    }
}
