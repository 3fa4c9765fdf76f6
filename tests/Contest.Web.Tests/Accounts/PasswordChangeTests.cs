using System.Net;
using Contest.Web.Tests.LiveGames;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.SignalR.Client;
using System.Net.Http.Json;
using Contest.Engine.Accounts;
using Contest.Engine.Storage;
using Contest.Testing;
using static Contest.Web.Tests.Accounts.AccountKit;

namespace Contest.Web.Tests.Accounts;

/// <summary>Changing one's own password, and the temporary password that must be changed first and expires after 72 h.</summary>
public class PasswordChangeTests
{
    [Fact]
    public async Task A_wrong_current_password_and_a_weak_new_one_are_refused_with_every_reason_and_change_nothing()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var contest = new ContestApp(db);
        var kit = Start(contest);
        await kit.CreateAsync("btc-an", "Mat-khau-cu-1", Roles.Organizer);
        var client = await kit.LoginAsync("btc-an", "Mat-khau-cu-1");
        // Linked from the header of any page.
        Assert.Contains("href=\"/account/password\"", await client.GetStringAsync("/"));

        var wrong = Text(await (await ChangeAsync(client, "khong-dung", "Mat-khau-moi-2")).Content.ReadAsStringAsync());
        Assert.Contains("Mật khẩu hiện tại không đúng.", wrong);

        // "abc": too short, no upper case letter, no digit, no symbol — all four at once, in Vietnamese; and the repeat differs.
        var weak = Text(await (await ChangeAsync(client, "Mat-khau-cu-1", "abc", "abd")).Content.ReadAsStringAsync());
        Assert.Contains("Mật khẩu cần ít nhất 8 ký tự.", weak);
        Assert.Contains("Mật khẩu cần ít nhất một chữ hoa (A–Z).", weak);
        Assert.Contains("Mật khẩu cần ít nhất một chữ số (0–9).", weak);
        Assert.Contains("Mật khẩu cần ít nhất một ký tự đặc biệt", weak);
        Assert.Contains("Hai lần nhập mật khẩu mới không giống nhau.", weak);
        Assert.DoesNotContain("Mật khẩu cần ít nhất một chữ thường", weak);

        var empty = Text(await (await ChangeAsync(client, "", "")).Content.ReadAsStringAsync());
        Assert.Contains("Hãy nhập mật khẩu hiện tại.", empty);
        Assert.Contains("Hãy nhập mật khẩu mới.", empty);

        // Nothing changed: the old password still signs in, the refused ones do not.
        await kit.LoginAsync("btc-an", "Mat-khau-cu-1");
        Assert.Equal(HttpStatusCode.OK, (await AccountFlows.PostLoginAsync(kit.NewClient(), "btc-an", "Mat-khau-moi-2")).StatusCode);

        var done = await ChangeAsync(client, "Mat-khau-cu-1", "Mat-khau-moi-2");
        Assert.Contains("Đã đổi mật khẩu.", await done.Content.ReadAsStringAsync());
        // This session goes on; the new password signs in and the old one no longer does.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin")).StatusCode);
        await kit.LoginAsync("btc-an", "Mat-khau-moi-2");
        Assert.Equal(HttpStatusCode.OK, (await AccountFlows.PostLoginAsync(kit.NewClient(), "btc-an", "Mat-khau-cu-1")).StatusCode);
    }

    [Fact]
    public async Task The_page_is_in_English_too_and_signed_out_visitors_are_sent_to_sign_in()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var contest = new ContestApp(db);
        var kit = Start(contest);
        var anonymous = await kit.NewClient().GetAsync("/account/password");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("http://localhost/account/login", Location(anonymous));

        await kit.CreateAsync("judge-en", "Judge-pass-1", Roles.Judge);
        var client = await kit.LoginAsync("judge-en", "Judge-pass-1");
        var english = Text(await (await ChangeAsync(client, "nope", "short")).Content.ReadAsStringAsync());
        Assert.Contains("Mật khẩu hiện tại không đúng.", english);
        await client.GetAsync("/culture/en?returnUrl=/");
        var page = Text(await (await ChangeAsync(client, "nope", "short")).Content.ReadAsStringAsync());
        Assert.Contains("The current password is not correct.", page);
        Assert.Contains("The password needs at least 8 characters.", page);
        Assert.DoesNotContain("Mật khẩu", page);
    }

    [Fact]
    public async Task A_temporary_password_leads_only_to_the_change_page_refuses_API_and_hub_calls_then_everything_opens()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var contest = new ContestApp(db);
        var kit = Start(contest);
        var temporary = await kit.CreateTemporaryAsync("giamkhao-moi", Roles.Judge);

        var client = kit.NewClient();
        var signIn = await PostLoginWithReturnAsync(client, "giamkhao-moi", temporary, "/pitch");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/account/password?returnUrl=%2Fpitch", Location(signIn));
        var page = Text(await client.GetStringAsync("/account/password?returnUrl=%2Fpitch"));
        Assert.Contains("Bạn đang dùng mật khẩu tạm do quản trị viên cấp.", page);

        // Every page sends them back to it, keeping where they were going.
        var pitch = await client.GetAsync("/pitch");
        Assert.Equal(HttpStatusCode.Redirect, pitch.StatusCode);
        Assert.Equal("/account/password?returnUrl=%2Fpitch", Location(pitch));
        Assert.Equal("/account/password", Location(await client.GetAsync("/")));
        // The API answers 403 with a code and a sentence, not a page.
        var api = await client.GetAsync("/api/pitch/rounds");
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        var body = await api.Content.ReadFromJsonAsync<ProblemBody>();
        Assert.Equal("password-change-required", body!.Code);
        Assert.Equal("Bạn cần đổi mật khẩu tạm trước khi tiếp tục: mở trang /account/password.", body.Detail);
        // Hubs: neither the negotiate request nor a WebSocket gets through.
        var negotiate = await client.PostAsync("/hubs/pitch/negotiate?negotiateVersion=1", null);
        Assert.Equal(HttpStatusCode.Forbidden, negotiate.StatusCode);
        Assert.Contains("password-change-required", await negotiate.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/hubs/live/negotiate?negotiateVersion=1", null)).StatusCode);
        // Signing out still works.
        var logout = await PostFormAsync(client, "/account/password", "/account/logout", []);
        Assert.Equal("/", Location(logout));

        client = kit.NewClient();
        await AccountFlows.LoginAsync(client, "giamkhao-moi", temporary);
        // The temporary password itself is not accepted as the new one.
        Assert.Contains("Mật khẩu mới phải khác mật khẩu hiện tại.", Text(await (await ChangeAsync(client, temporary, temporary)).Content.ReadAsStringAsync()));
        var changed = await ChangeAsync(client, temporary, "Giam-khao-rieng-7");
        Assert.Contains("Đã đổi mật khẩu.", await changed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/pitch")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/pitch/rounds")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/hubs/pitch/negotiate?negotiateVersion=1", null)).StatusCode);
        Assert.Null((await kit.FindAsync("giamkhao-moi")).TemporaryPasswordExpiresAt);
        // The temporary password is spent.
        Assert.Equal(HttpStatusCode.OK, (await AccountFlows.PostLoginAsync(kit.NewClient(), "giamkhao-moi", temporary)).StatusCode);
        Assert.Equal("/", Location(await AccountFlows.PostLoginAsync(kit.NewClient(), "giamkhao-moi", "Giam-khao-rieng-7")));
    }

    [Fact]
    public async Task A_temporary_password_unused_for_72_hours_no_longer_signs_in_and_says_so()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var contest = new ContestApp(db);
        var kit = Start(contest);
        var early = await kit.CreateTemporaryAsync("btc-som", Roles.Organizer);
        var late = await kit.CreateTemporaryAsync("btc-muon", Roles.Organizer);

        kit.Clock.Advance(TimeSpan.FromHours(72) - TimeSpan.FromMinutes(1));
        // A minute before the end it still works (and leads to the change page).
        Assert.Equal("/account/password", Location(await AccountFlows.PostLoginAsync(kit.NewClient(), "btc-som", early)));

        kit.Clock.Advance(TimeSpan.FromMinutes(1));
        var expired = await AccountFlows.PostLoginAsync(kit.NewClient(), "btc-muon", late);
        Assert.Equal(HttpStatusCode.OK, expired.StatusCode);
        Assert.Contains("Mật khẩu tạm này đã hết hạn (quá 72 giờ chưa dùng). Hãy nhờ quản trị viên đặt lại mật khẩu.", Text(await expired.Content.ReadAsStringAsync()));
        // A wrong password for the same account says only "wrong": the expiry is news only to whoever knows the password.
        var wrong = await AccountFlows.PostLoginAsync(kit.NewClient(), "btc-muon", "Khong-dung-1");
        Assert.Contains("Sai tên đăng nhập hoặc mật khẩu.", Text(await wrong.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task A_live_hub_WebSocket_is_refused_while_the_temporary_password_stands_and_opens_after_the_change()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var contest = new ContestApp(db);
        var kit = Start(contest);
        var temporary = await kit.CreateTemporaryAsync("btc-ws", Roles.Organizer);
        var cookies = new CookieContainer();
        var client = kit.App.CreateDefaultClient(new CookieContainerHandler(cookies));
        await AccountFlows.LoginAsync(client, "btc-ws", temporary);

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => LiveHarness.ConnectAsync(kit.App.Server, cookies.GetCookieHeader(client.BaseAddress!)));
        Assert.Contains("403", refused.ToString());

        Assert.Contains("Đã đổi mật khẩu.", await (await ChangeAsync(client, temporary, "Btc-ws-rieng-5")).Content.ReadAsStringAsync());
        // The new cookie (without the "must change" mark) connects; an organizer may then host.
        await using var connection = await LiveHarness.ConnectAsync(kit.App.Server, cookies.GetCookieHeader(client.BaseAddress!));
        Assert.Equal(HubConnectionState.Connected, connection.State);
    }


    private static async Task<HttpResponseMessage> PostLoginWithReturnAsync(HttpClient client, string user, string password, string returnUrl)
    {
        var token = await AccountFlows.AntiforgeryTokenAsync(client, "/account/login");
        return await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = user, ["Password"] = password, ["ReturnUrl"] = returnUrl, ["__RequestVerificationToken"] = token,
        }));
    }
}
