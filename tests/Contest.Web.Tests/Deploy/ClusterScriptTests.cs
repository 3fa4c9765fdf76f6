using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Contest.Testing;

namespace Contest.Web.Tests.Deploy;

/// <summary>
/// deploy/cluster.sh for real: PostgreSQL, Redis, two Contest.Web nodes and nginx on 127.0.0.1, in a temp
/// folder. The nodes run the build under test (CONTEST_CLUSTER_APP) rather than a fresh `dotnet publish`.
/// </summary>
public class ClusterScriptTests
{
    [Fact]
    public async Task Up_serves_both_nodes_through_nginx_with_healthy_PostgreSQL_and_Redis_then_down_stops_it()
    {
        var dir = Directory.CreateTempSubdirectory("contest-cluster-").FullName;
        var port = TestServers.FreePort();
        var url = $"http://127.0.0.1:{port}";
        try
        {
            var up = await RunAsync("up", dir, port);
            Assert.True(up.Code == 0, up.Output);
            Assert.Contains($"Contest cluster is up: {url}/", up.Output);

            // No cookie jar: every request arrives as a new browser would.
            using var http = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(20) };
            using (var health = JsonDocument.Parse(await http.GetStringAsync("/healthz")))
            {
                var checks = health.RootElement.GetProperty("checks");
                Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
                Assert.Equal("Postgres", checks.GetProperty("database").GetProperty("data").GetProperty("provider").GetString());
                Assert.Equal("Healthy", checks.GetProperty("redis").GetProperty("status").GetString());
            }

            // No cookie: nginx spreads requests over both nodes, and names the one that answered in the cookie.
            var seen = new HashSet<string>();
            for (var i = 0; i < 10; i++)
            {
                var r = await http.GetAsync("/healthz");
                var node = Assert.Single(r.Headers.GetValues("X-Contest-Node"));
                seen.Add(node);
                Assert.Contains($"contest_node={node};", string.Join("\n", r.Headers.GetValues("Set-Cookie")));
            }
            Assert.Equal(["node1", "node2"], seen.Order());

            // With the cookie, every request sticks to that node.
            var cookies = new CookieContainer();
            using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(url) };
            cookies.Add(new Cookie("contest_node", "node2", "/", "127.0.0.1"));
            for (var i = 0; i < 5; i++)
                Assert.Equal("node2", Assert.Single((await browser.GetAsync("/")).Headers.GetValues("X-Contest-Node")));

            // Logged in on node2, the same cookies open /admin on node1: the key ring is shared through PostgreSQL.
            await AccountFlows.LoginAsync(browser, ContestApp.AdminUser, ContestApp.AdminPassword);
            cookies.Add(new Cookie("contest_node", "node1", "/", "127.0.0.1"));
            var admin = await browser.GetAsync("/admin");
            Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
            Assert.Equal("node1", Assert.Single(admin.Headers.GetValues("X-Contest-Node")));

            var status = await RunAsync("status", dir, port);
            Assert.True(status.Code == 0, status.Output);
        }
        finally
        {
            var down = await RunAsync("down", dir, port);
            Assert.True(down.Code == 0, down.Output);
            var after = await RunAsync("status", dir, port);
            Assert.NotEqual(0, after.Code);
            Assert.Contains("nginx     down", after.Output);
            await Assert.ThrowsAsync<HttpRequestException>(() => new HttpClient().GetAsync($"{url}/healthz"));
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static Task<(int Code, string Output)> RunAsync(string command, string dir, int port) => ClusterScript.RunAsync(command, dir, port);
}
