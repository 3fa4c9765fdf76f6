using System.Net;
using System.Text.RegularExpressions;
using Contest.Engine.Accounts;
using Contest.Engine.Storage;
using Contest.Testing;
using static Contest.Web.Tests.Accounts.AccountKit;

namespace Contest.Web.Tests.Accounts;

/// <summary>An administrator disables and re-enables accounts and resets passwords; sign-in by a shared e-mail.</summary>
public partial class DisableAndEmailTests
{
    [Fact]
    public async Task A_disabled_account_cannot_sign_in_and_its_open_session_ends_within_a_minute_until_enabled_again()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var contest = new ContestApp(db);
        var kit = Start(contest);
        await kit.CreateAsync("gk-binh", "Gk-binh-pass-1", Roles.Judge);
        var judge = await kit.LoginAsync("gk-binh", "Gk-binh-pass-1");
        Assert.Equal(HttpStatusCode.OK, (await judge.GetAsync("/pitch")).StatusCode);

        var admin = await kit.LoginAsync(ContestApp.AdminUser, ContestApp.AdminPassword);
        var id = (await kit.FindAsync("gk-binh")).Id;
        var disabled = Text(await (await PostFormAsync(admin, "/admin/users", $"/admin/users?handler=Disable&id={id}&disable=true", [])).Content.ReadAsStringAsync());
        Assert.Contains("Đã khóa tài khoản gk-binh", disabled);
        Assert.Matches(@"Đã khóa từ \d\d/\d\d/\d{4} \d\d:\d\d \(giờ Việt Nam\)", disabled);

        // The cookie is checked against the account once a minute: 59 s on it still opens the page, at 61 s it does not.
        kit.Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(HttpStatusCode.OK, (await judge.GetAsync("/pitch")).StatusCode);
        kit.Clock.Advance(TimeSpan.FromSeconds(2));
        var after = await judge.GetAsync("/pitch");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("http://localhost/account/login", Location(after));

        var refused = await AccountFlows.PostLoginAsync(kit.NewClient(), "gk-binh", "Gk-binh-pass-1");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Tài khoản này đã bị quản trị viên khóa.", Text(await refused.Content.ReadAsStringAsync()));
        // Without the password nobody learns that the account is disabled.
        Assert.Contains("Sai tên đăng nhập hoặc mật khẩu.", Text(await (await AccountFlows.PostLoginAsync(kit.NewClient(), "gk-binh", "Sai-mat-khau-1")).Content.ReadAsStringAsync()));

        var enabled = Text(await (await PostFormAsync(admin, "/admin/users", $"/admin/users?handler=Disable&id={id}&disable=false", [])).Content.ReadAsStringAsync());
        Assert.Contains("Đã mở khóa tài khoản gk-binh.", enabled);
        await kit.LoginAsync("gk-binh", "Gk-binh-pass-1");
    }

    [Fact]
    public async Task An_admin_cannot_disable_themself_and_a_reset_gives_a_temporary_password()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var contest = new ContestApp(db);
        var kit = Start(contest);
        var admin = await kit.LoginAsync(ContestApp.AdminUser, ContestApp.AdminPassword);
        var self = (await kit.FindAsync(ContestApp.AdminUser)).Id;
        var refused = Text(await (await PostFormAsync(admin, "/admin/users", $"/admin/users?handler=Disable&id={self}&disable=true", [])).Content.ReadAsStringAsync());
        Assert.Contains("Bạn không thể tự khóa tài khoản của mình.", refused);
        Assert.Null((await kit.FindAsync(ContestApp.AdminUser)).DisabledAt);

        await kit.CreateAsync("btc-quen", "Btc-quen-pass-1", Roles.Organizer);
        var id = (await kit.FindAsync("btc-quen")).Id;
        var reset = Text(await (await PostFormAsync(admin, "/admin/users", $"/admin/users?handler=Reset&id={id}", [])).Content.ReadAsStringAsync());
        var password = ResetPassword().Match(reset).Groups[1].Value;
        Assert.Contains("Chờ đổi mật khẩu tạm, hạn đến", reset);
        // 72 h from now, in Vietnam time.
        var until = kit.Clock.GetUtcNow().AddHours(72).ToOffset(TimeSpan.FromHours(7)).ToString("dd/MM/yyyy HH:mm");
        Assert.Contains($"hạn đến {until} (giờ Việt Nam)", reset);
        Assert.Equal("/account/password", Location(await AccountFlows.PostLoginAsync(kit.NewClient(), "btc-quen", password)));
    }

    /// <summary>Issue 18: an e-mail that two accounts share (registration lets anyone give any address) made e-mail sign-in throw.</summary>
    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task Two_accounts_with_one_email_each_sign_in_by_it_with_their_own_password(StorageProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, migrate: false);
        await using var contest = new ContestApp(db);
        var kit = Start(contest);
        await kit.CreateAsync("0912000001", "Chu-that-1", Roles.Participant, "lan.tran@example.org");
        await kit.CreateAsync("0912000002", "Ke-mao-danh-2", Roles.Participant, "Lan.Tran@example.org");

        var owner = kit.NewClient();
        var signIn = await AccountFlows.PostLoginAsync(owner, "lan.tran@example.org", "Chu-that-1");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Contains(">0912000001<", await owner.GetStringAsync("/"));

        var other = kit.NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await AccountFlows.PostLoginAsync(other, "LAN.TRAN@example.org", "Ke-mao-danh-2")).StatusCode);
        Assert.Contains(">0912000002<", await other.GetStringAsync("/"));

        var wrong = await AccountFlows.PostLoginAsync(kit.NewClient(), "lan.tran@example.org", "Khong-ai-ca-3");
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("Sai tên đăng nhập hoặc mật khẩu.", Text(await wrong.Content.ReadAsStringAsync()));
    }

    [GeneratedRegex(@"Mật khẩu mới của btc-quen: (\S+)")]
    private static partial Regex ResetPassword();
}
