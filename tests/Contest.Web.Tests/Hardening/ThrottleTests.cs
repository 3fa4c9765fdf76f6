using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Contest.Engine.LiveGames;
using Contest.Engine.Storage;
using Contest.Testing;
using Contest.Web.Tests.LiveGames;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Time.Testing;

namespace Contest.Web.Tests.Hardening;

/// <summary>The abuse limits of issue 18 on a real in-process server: wrong PINs, joins, log-ins.</summary>
public partial class ThrottleTests
{
    private static async Task<string> RefusalAsync(Func<Task> call) => (await Assert.ThrowsAsync<HubException>(call)).Message;

    private static string WrongPin(string pin) => pin == "999999" ? "999998" : "999999";

    [Fact]
    public async Task Wrong_pins_on_one_connection_are_refused_with_the_wait_and_the_right_pin_works_after_it()
    {
        // The window passes on the app's clock, moved by the test: the wait named in the refusal is exact.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var h = await LiveHarness.StartAsync(settings: new Dictionary<string, string>
        {
            ["Contest:Throttle:PinFailuresPerConnection"] = "3",
            ["Contest:Throttle:PinWindowSeconds"] = "2",
        }, clock: clock);
        var game = await h.CreateGameAsync();
        var guesser = await h.ConnectAsync();
        for (var i = 0; i < 3; i++)
            Assert.Contains("unknown-pin", await RefusalAsync(() => guesser.InvokeAsync<JoinResult>("Join", WrongPin(game.Pin), "An", null)));

        // The fourth try is refused before the PIN is even looked at, so the right PIN does not get in either.
        var refused = await RefusalAsync(() => guesser.InvokeAsync<JoinResult>("Join", game.Pin, "An", null));
        var wait = WaitSeconds(refused);
        Assert.Contains("too-many: Too many attempts, wait", refused);
        Assert.InRange(wait, 1, 2);

        // Another connection (same address, whose allowance of 30 is far off) is not held back.
        var other = await h.ConnectAsync();
        Assert.Equal(GamePhase.Lobby, (await other.InvokeAsync<JoinResult>("Join", game.Pin, "Bình", null)).State.Phase);

        // One tick short of the wait it is still refused; at the wait it is let in.
        clock.Advance(TimeSpan.FromSeconds(wait) - TimeSpan.FromTicks(1));
        Assert.Contains("too-many", await RefusalAsync(() => guesser.InvokeAsync<JoinResult>("Join", game.Pin, "An", null)));
        clock.Advance(TimeSpan.FromTicks(1));
        var join = await guesser.InvokeAsync<JoinResult>("Join", game.Pin, "An", null);
        Assert.Equal(GamePhase.Lobby, join.State.Phase);
    }

    [Fact]
    public async Task Wrong_pins_from_one_address_count_across_connections_and_the_play_page()
    {
        await using var h = await LiveHarness.StartAsync(settings: new Dictionary<string, string>
        {
            ["Contest:Throttle:PinFailuresPerAddress"] = "4",
            ["Contest:Throttle:PinWindowSeconds"] = "60",
        });
        var game = await h.CreateGameAsync();
        var page = h.App.NewClient();
        var wrongPage = await page.GetStringAsync($"/play?pin={WrongPin(game.Pin)}");
        Assert.Contains("Không có trò chơi nào với mã PIN này.", wrongPage);
        Assert.Contains("Không có trò chơi nào với mã PIN này.", await page.GetStringAsync($"/play?pin={WrongPin(game.Pin)}"));
        var first = await h.ConnectAsync();
        Assert.Contains("unknown-pin", await RefusalAsync(() => first.InvokeAsync<JoinResult>("Join", WrongPin(game.Pin), "An", null)));
        var second = await h.ConnectAsync();
        Assert.Contains("unknown-pin", await RefusalAsync(() => second.InvokeAsync<PlayerState>("Rejoin", WrongPin(game.Pin), "token")));

        // Four wrong PINs spent: a fresh connection and the page both refuse, and the page no longer says whether the PIN exists.
        var third = await h.ConnectAsync();
        Assert.Contains("too-many: Too many attempts, wait", await RefusalAsync(() => third.InvokeAsync<JoinResult>("Join", game.Pin, "Chi", null)));
        var html = await page.GetStringAsync($"/play?pin={game.Pin}");
        Assert.Matches("Thử quá nhiều lần, vui lòng đợi (5[0-9]|60) giây.", html);
        Assert.DoesNotContain("data-testid=\"join-form\"", html);
    }

    [Fact]
    public async Task Join_calls_per_connection_are_limited_whatever_their_outcome()
    {
        await using var h = await LiveHarness.StartAsync(settings: new Dictionary<string, string> { ["Contest:Throttle:JoinsPerConnection"] = "3" });
        var game = await h.CreateGameAsync();
        var conn = await h.ConnectAsync();
        for (var i = 0; i < 3; i++)
            Assert.Contains("bad-nickname", await RefusalAsync(() => conn.InvokeAsync<JoinResult>("Join", game.Pin, "", null)));
        Assert.Contains("too-many", await RefusalAsync(() => conn.InvokeAsync<JoinResult>("Join", game.Pin, "An", null)));
    }

    [Fact]
    public async Task Failed_logins_from_one_address_are_refused_with_the_wait_even_with_the_right_password()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var app = new ContestApp(db, new Dictionary<string, string> { ["Contest:Throttle:LoginFailuresPerAddress"] = "3", ["Contest:Throttle:AccountFreeFailures"] = "100" });
        var client = app.NewClient();
        foreach (var user in new[] { "admin", "nobody", "someone" })
        {
            var failed = await AccountFlows.PostLoginAsync(client, user, "wrong-password");
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
            Assert.Equal("Sai tên đăng nhập hoặc mật khẩu.", LoginError(await failed.Content.ReadAsStringAsync()));
        }
        var refused = await AccountFlows.PostLoginAsync(client, ContestApp.AdminUser, ContestApp.AdminPassword);
        Assert.Equal((HttpStatusCode)429, refused.StatusCode);
        Assert.Matches(@"^Thử quá nhiều lần, vui lòng đợi (5[0-9]|60) giây\.$", LoginError(await refused.Content.ReadAsStringAsync()));
        Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single()), 50, 60);
    }

    [Fact]
    public async Task A_user_name_waits_longer_after_each_failure_and_no_one_can_lock_it()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        // The waits pass on the app's clock, moved by the test, not by sleeping 3 s.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = new ContestApp(db, new Dictionary<string, string> { ["Contest:Throttle:AccountFreeFailures"] = "2" }, clock);
        var client = app.NewClient();
        for (var i = 0; i < 3; i++) await AccountFlows.PostLoginAsync(client, "ADMIN", "wrong-password");

        // Third failure: 1 s to wait, for the name in any case, the right password included.
        var held = await AccountFlows.PostLoginAsync(client, ContestApp.AdminUser, ContestApp.AdminPassword);
        Assert.Equal((HttpStatusCode)429, held.StatusCode);
        Assert.Equal("Thử quá nhiều lần, vui lòng đợi 1 giây.", LoginError(await held.Content.ReadAsStringAsync()));
        // A name with no account is held back exactly the same way.
        for (var i = 0; i < 3; i++) await AccountFlows.PostLoginAsync(client, "khong-co-ai", "wrong-password");
        Assert.Equal("Thử quá nhiều lần, vui lòng đợi 1 giây.", LoginError(await (await AccountFlows.PostLoginAsync(client, "khong-co-ai", "x")).Content.ReadAsStringAsync()));

        clock.Advance(TimeSpan.FromSeconds(1));
        var afterWait = await AccountFlows.PostLoginAsync(client, "admin", "still-wrong");
        Assert.Equal("Sai tên đăng nhập hoặc mật khẩu.", LoginError(await afterWait.Content.ReadAsStringAsync()));
        // Fourth failure: now 2 s.
        Assert.Equal("Thử quá nhiều lần, vui lòng đợi 2 giây.", LoginError(await (await AccountFlows.PostLoginAsync(client, "admin", ContestApp.AdminPassword)).Content.ReadAsStringAsync()));
        clock.Advance(TimeSpan.FromSeconds(2) - TimeSpan.FromTicks(1));
        Assert.Equal((HttpStatusCode)429, (await AccountFlows.PostLoginAsync(client, ContestApp.AdminUser, ContestApp.AdminPassword)).StatusCode);
        clock.Advance(TimeSpan.FromTicks(1));
        await AccountFlows.LoginAsync(client, ContestApp.AdminUser, ContestApp.AdminPassword);
    }

    [Fact]
    public async Task A_wrong_user_name_and_a_wrong_password_get_the_same_answer_in_about_the_same_time()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var app = new ContestApp(db, new Dictionary<string, string>
        {
            ["Contest:Throttle:LoginFailuresPerAddress"] = "1000",
            ["Contest:Throttle:AccountFreeFailures"] = "1000",
        }, productionPasswordHashing: true); // the hash is what makes the two answers take the same time
        var client = app.NewClient();
        var token = await AccountFlows.AntiforgeryTokenAsync(client, "/account/login");
        // Warm both paths (first hash, first queries) before timing.
        await TimedAsync(client, token, "admin", "wrong-1");
        await TimedAsync(client, token, "khong-ton-tai", "wrong-1");
        List<double> wrongPassword = [], wrongUser = [];
        string? passwordText = null, userText = null;
        for (var i = 0; i < 7; i++)
        {
            var (ms1, text1) = await TimedAsync(client, token, "admin", $"wrong-{i}");
            var (ms2, text2) = await TimedAsync(client, token, $"khong-ton-tai-{i}", $"wrong-{i}");
            wrongPassword.Add(ms1);
            wrongUser.Add(ms2);
            (passwordText, userText) = (text1, text2);
        }
        Assert.Equal("Sai tên đăng nhập hoặc mật khẩu.", passwordText);
        Assert.Equal(passwordText, userText);
        // Before: 151 ms against 4 ms. Now both run one password hash; medians within a factor of 2.5 on a busy machine.
        double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);
        var (p, u) = (Median(wrongPassword), Median(wrongUser));
        Assert.True(Math.Max(p, u) / Math.Min(p, u) < 2.5, $"wrong password median {p:F0} ms, wrong user median {u:F0} ms");
    }

    private static async Task<(double Ms, string Text)> TimedAsync(HttpClient client, string token, string user, string password)
    {
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["UserName"] = user, ["Password"] = password, ["__RequestVerificationToken"] = token });
        var watch = Stopwatch.StartNew();
        var response = await client.PostAsync("/account/login", form);
        var html = await response.Content.ReadAsStringAsync();
        watch.Stop();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (watch.Elapsed.TotalMilliseconds, LoginError(html));
    }

    private static string LoginError(string html)
    {
        var m = LoginErrorPattern().Match(html);
        return m.Success ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new Xunit.Sdk.XunitException("No login error on the page: " + html[..Math.Min(html.Length, 400)]);
    }

    private static int WaitSeconds(string refusal) => int.Parse(WaitPattern().Match(refusal).Groups[1].Value);

    [GeneratedRegex("data-testid=\"login-error\">([^<]*)</p>")]
    private static partial Regex LoginErrorPattern();

    [GeneratedRegex(@"wait (\d+) s")]
    private static partial Regex WaitPattern();
}
