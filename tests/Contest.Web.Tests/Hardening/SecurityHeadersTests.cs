using System.Net;
using System.Text.RegularExpressions;
using Contest.Engine.Storage;
using Contest.Testing;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Contest.Web.Tests.Hardening;

/// <summary>Issue 18: CSP without inline script, nosniff, Referrer-Policy, no framing but for the screens, Secure cookies over HTTPS.</summary>
public partial class SecurityHeadersTests
{
    private static string Csp(HttpResponseMessage r) => Assert.Single(r.Headers.GetValues("Content-Security-Policy"));

    private static string? Header(HttpResponseMessage r, string name) =>
        r.Headers.TryGetValues(name, out var v) ? string.Join(",", v) : r.Content.Headers.TryGetValues(name, out var c) ? string.Join(",", c) : null;

    [Fact]
    public async Task Pages_files_apis_and_errors_carry_the_policy_and_refuse_framing()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var app = new ContestApp(db);
        var client = app.NewClient();
        foreach (var path in new[] { "/", "/account/login", "/css/site.css", "/js/admin/admin.js", "/api/rounds/999999/live", "/no-such-page", "/screen/no-such-token" })
        {
            var r = await client.GetAsync(path);
            var csp = Csp(r);
            Assert.Contains("script-src 'self';", csp);
            Assert.Contains("style-src 'self';", csp);
            Assert.DoesNotContain("unsafe-inline", csp);
            Assert.DoesNotContain("unsafe-eval", csp);
            Assert.Contains("object-src 'none'", csp);
            Assert.EndsWith("frame-ancestors 'none'", csp);
            Assert.Equal("DENY", Header(r, "X-Frame-Options"));
            Assert.Equal("nosniff", Header(r, "X-Content-Type-Options"));
            Assert.Equal("strict-origin-when-cross-origin", Header(r, "Referrer-Policy"));
        }
    }

    [Fact]
    public async Task Screens_may_be_embedded_by_the_configured_sites_only_and_other_pages_never()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var app = new ContestApp(db, new Dictionary<string, string>
        {
            ["Contest:Screen:FrameAncestors:0"] = "https://stage.example.vn",
            ["Contest:Screen:FrameAncestors:1"] = "'self'",
            // Not a source: a policy injection attempt is dropped, not copied into the header.
            ["Contest:Screen:FrameAncestors:2"] = "x; script-src *",
            ["Contest:Media:AllowedHosts:0"] = "media.example.vn",
        });
        var client = app.NewClient();
        foreach (var path in new[] { "/screen/no-such-token", $"/live/screen/{Guid.NewGuid()}", "/pitch/screen/1" })
        {
            var r = await client.GetAsync(path);
            Assert.EndsWith("frame-ancestors https://stage.example.vn 'self'", Csp(r));
            Assert.Null(Header(r, "X-Frame-Options"));
        }
        var home = await client.GetAsync("/");
        Assert.EndsWith("frame-ancestors 'none'", Csp(home));
        Assert.Contains("img-src 'self' data: https://media.example.vn;", Csp(home));
        Assert.Contains("media-src 'self' https://media.example.vn;", Csp(home));
    }

    [Fact]
    public async Task The_jobs_dashboard_alone_allows_inline_script_as_the_library_needs()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var app = new ContestApp(db);
        var admin = await app.LoginAsync();
        var r = await admin.GetAsync("/admin/jobs");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Contains("script-src 'self' 'unsafe-inline';", Csp(r));
        Assert.EndsWith("frame-ancestors 'none'", Csp(r));
    }

    [Theory]
    [InlineData("https://localhost", true)]
    [InlineData("http://localhost", false)]
    public async Task Cookies_are_Secure_exactly_when_the_request_came_over_HTTPS(string baseUrl, bool secure)
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var app = new ContestApp(db);
        // No cookie handling: the Set-Cookie headers themselves are read.
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri(baseUrl) });
        var page = await client.GetAsync("/account/login");
        var antiforgery = Assert.Single(page.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        var token = Token().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value;
        var post = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["UserName"] = ContestApp.AdminUser, ["Password"] = ContestApp.AdminPassword, ["__RequestVerificationToken"] = token,
            }),
        };
        post.Headers.Add("Cookie", antiforgery.Split(';')[0]);
        var login = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var auth = Assert.Single(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("contest.auth=", StringComparison.Ordinal));
        var culture = Assert.Single((await client.GetAsync("/culture/en?returnUrl=/")).Headers.GetValues("Set-Cookie"));
        foreach (var cookie in new[] { antiforgery, auth, culture })
            Assert.True(secure == cookie.Contains("; secure", StringComparison.OrdinalIgnoreCase), cookie);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
