using System.Net;
using System.Text.RegularExpressions;
using Contest.Engine.Storage;
using Contest.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace Contest.Web.Tests.Faults;

/// <summary>
/// Issue 18: a Redis FLUSHALL deleted the Data Protection key ring, and after a node restart everyone's cookie got 401.
/// With PostgreSQL configured the ring lives there (the system of record).
/// </summary>
public partial class KeyRingTests
{
    [Fact]
    public async Task Two_nodes_on_one_PostgreSQL_keep_sign_ins_through_a_Redis_flush_and_a_node_restart()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Postgres);
        var prefix = $"test-{Guid.NewGuid():N}:";
        ContestApp Node(string name) => new(db, new Dictionary<string, string>
        {
            ["ConnectionStrings:Redis"] = TestServers.Redis,
            ["Contest:RedisPrefix"] = prefix,
            ["Contest:NodeName"] = name,
        });
        var a = Node("a");
        await using var b = Node("b");
        try
        {
            _ = a.Server;
            _ = b.Server;
            var cookie = await SignInCookieAsync(b);
            Assert.Equal(HttpStatusCode.OK, await AdminStatusAsync(a, cookie));

            // The ring is a table of the database, not a Redis key.
            await using (var ctx = db.NewContext()) Assert.True(await ctx.DataProtectionKeys.CountAsync() >= 1);

            // Everything this cluster keeps in Redis goes (its key prefix: the shared test Redis serves other tests
            // too, so FLUSHALL is done by prefix), then node a restarts with empty memory.
            await using (var mux = await ConnectionMultiplexer.ConnectAsync(TestServers.Redis + ",allowAdmin=true"))
            {
                var server = mux.GetServers()[0];
                var keys = new List<RedisKey>();
                await foreach (var k in server.KeysAsync(pattern: prefix + "*")) keys.Add(k);
                Assert.NotEmpty(keys);
                await mux.GetDatabase().KeyDeleteAsync([.. keys]);
                Assert.DoesNotContain(keys, k => k.ToString().Contains("dataprotection", StringComparison.OrdinalIgnoreCase));
            }
            await a.DisposeAsync();
            await using var restarted = Node("a");
            _ = restarted.Server;

            // The cookie node b made still opens the admin pages on the restarted node and on b itself.
            Assert.Equal(HttpStatusCode.OK, await AdminStatusAsync(restarted, cookie));
            Assert.Equal(HttpStatusCode.OK, await AdminStatusAsync(b, cookie));
            // And a cookie made after the flush works on both too.
            var fresh = await SignInCookieAsync(restarted);
            Assert.Equal(HttpStatusCode.OK, await AdminStatusAsync(b, fresh));
        }
        finally
        {
            await a.DisposeAsync();
        }
    }

    private static HttpClient Bare(ContestApp app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    private static async Task<HttpStatusCode> AdminStatusAsync(ContestApp app, string cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/admin");
        request.Headers.Add("Cookie", cookie);
        return (await Bare(app).SendAsync(request)).StatusCode;
    }

    /// <summary>Signs the admin in through the login form and returns the sign-in cookie as a Cookie header value.</summary>
    private static async Task<string> SignInCookieAsync(ContestApp app)
    {
        var client = Bare(app);
        var page = await client.GetAsync("/account/login");
        var antiforgery = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal)).Split(';')[0];
        var token = Token().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value;
        var post = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["UserName"] = ContestApp.AdminUser, ["Password"] = ContestApp.AdminPassword, ["__RequestVerificationToken"] = token,
            }),
        };
        post.Headers.Add("Cookie", antiforgery);
        var login = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        return login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("contest.auth=", StringComparison.Ordinal)).Split(';')[0];
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
