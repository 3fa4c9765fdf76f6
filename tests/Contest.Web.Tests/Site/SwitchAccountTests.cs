using System.Net;
using Contest.Engine.Storage;
using Contest.Testing;
using static Contest.Web.Tests.Rounds.RoundTestKit;

namespace Contest.Web.Tests.Site;

/// <summary>Signing in as another account in a browser that is already signed in (two accounts, one phone).</summary>
public class SwitchAccountTests
{
    [Fact]
    public async Task Signing_in_over_another_account_goes_where_the_user_was_going()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        var seed = await SeedAsync(db);
        await using var app = new ContestApp(db);
        var browser = await RegisterAsync(app, seed, "Lê Văn Cường", "0912000203");
        await RegisterAsync(app, seed, "Phạm Văn Dũng", "0912000204");

        var login = "/account/login?ReturnUrl=" + Uri.EscapeDataString("/rounds/me");
        // The form says it switches account (the header's "log out" button sits above it).
        var page = await browser.GetStringAsync(login);
        Assert.Contains("Bạn đang đăng nhập với tài khoản Lê Văn Cường. Đăng nhập dưới đây để chuyển sang tài khoản khác", page);
        var token = await AccountFlows.AntiforgeryTokenAsync(browser, login);
        var response = await browser.PostAsync(login, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = "0912000204", ["Password"] = Password, ["ReturnUrl"] = "/rounds/me", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/rounds/me", response.Headers.Location?.OriginalString);
        Assert.Contains("Phạm Văn Dũng", await browser.GetStringAsync("/rounds/me"));
    }
}
