using System.Diagnostics;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Contest.Testing;

namespace Contest.Web.Tests.Deploy;

/// <summary>
/// The HTTPS recipe (deploy/nginx-tls.conf) as deploy/cluster.sh writes it: a self-signed certificate made with
/// openssl, HTTP redirected to HTTPS, HSTS, the security headers through nginx, and every cookie Secure because the
/// nodes believe nginx's X-Forwarded-Proto.
/// </summary>
public class ClusterTlsTests
{
    [Fact]
    public async Task With_a_certificate_nginx_redirects_HTTP_to_HTTPS_sends_HSTS_and_the_nodes_set_only_Secure_cookies()
    {
        var dir = Directory.CreateTempSubdirectory("contest-tls-").FullName;
        // PostgreSQL runs as its own user (when the test runs as root) and must reach the cluster folder inside.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(dir, (UnixFileMode)0b111_101_101);
        var port = TestServers.FreePort();
        var httpsPort = TestServers.FreePort();
        var cert = Path.Combine(dir, "cert.pem");
        var key = Path.Combine(dir, "key.pem");
        var env = new Dictionary<string, string>
        {
            ["CONTEST_CLUSTER_TLS_CERT"] = cert,
            ["CONTEST_CLUSTER_TLS_KEY"] = key,
            ["CONTEST_CLUSTER_HTTPS_PORT"] = httpsPort.ToString(),
        };
        var clusterDir = Path.Combine(dir, "cluster");
        try
        {
            await OpenSslAsync("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", cert);
            var up = await ClusterScript.RunAsync("up", clusterDir, port, env);
            Assert.True(up.Code == 0, up.Output);
            Assert.Contains($"Contest cluster is up: https://127.0.0.1:{httpsPort}/", up.Output);

            // Plain HTTP answers only with a permanent redirect to the same path over HTTPS.
            using (var plain = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }))
            {
                var r = await plain.GetAsync($"http://127.0.0.1:{port}/rounds?x=1");
                Assert.Equal(HttpStatusCode.MovedPermanently, r.StatusCode);
                Assert.Equal($"https://127.0.0.1:{httpsPort}/rounds?x=1", r.Headers.Location?.ToString());
            }

            // Trust exactly the certificate the test made, nothing else.
            var trusted = X509Certificate2.CreateFromPemFile(cert, key);
            var cookies = new CookieContainer();
            using var https = new HttpClient(new HttpClientHandler
            {
                CookieContainer = cookies,
                AllowAutoRedirect = false,
                ServerCertificateCustomValidationCallback = (_, c, _, _) => c is not null && c.Thumbprint == trusted.Thumbprint,
            }) { BaseAddress = new Uri($"https://127.0.0.1:{httpsPort}"), Timeout = TimeSpan.FromSeconds(20) };

            var home = await https.GetAsync("/");
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
            Assert.Equal("max-age=31536000", Assert.Single(home.Headers.GetValues("Strict-Transport-Security")));
            Assert.Contains("script-src 'self';", Assert.Single(home.Headers.GetValues("Content-Security-Policy")));
            Assert.Equal("nosniff", Assert.Single(home.Headers.GetValues("X-Content-Type-Options")));

            await AccountFlows.LoginAsync(https, ContestApp.AdminUser, ContestApp.AdminPassword);
            Assert.Equal(HttpStatusCode.OK, (await https.GetAsync("/admin")).StatusCode);
            var all = cookies.GetAllCookies().ToList();
            Assert.Contains(all, c => c.Name == "contest.auth");
            Assert.Contains(all, c => c.Name.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
            Assert.Contains(all, c => c.Name == "contest_node");
            Assert.All(all, c => Assert.True(c.Secure, $"cookie {c.Name} is not Secure"));
        }
        finally
        {
            var down = await ClusterScript.RunAsync("down", clusterDir, port, env);
            Assert.True(down.Code == 0, down.Output);
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static async Task OpenSslAsync(params string[] args)
    {
        var info = new ProcessStartInfo("openssl") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var err = p.StandardError.ReadToEndAsync();
        await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.True(p.ExitCode == 0, "openssl: " + await err);
    }
}
