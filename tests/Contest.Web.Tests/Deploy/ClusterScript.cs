using System.Diagnostics;
using Contest.Testing;

namespace Contest.Web.Tests.Deploy;

/// <summary>Runs deploy/cluster.sh with the build under test (CONTEST_CLUSTER_APP) and the test admin password.</summary>
internal static class ClusterScript
{
    public static async Task<(int Code, string Output)> RunAsync(string command, string dir, int port, IReadOnlyDictionary<string, string>? env = null)
    {
        var info = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = TestServers.RepositoryRoot,
        };
        info.ArgumentList.Add(Path.Combine(TestServers.RepositoryRoot, "deploy", "cluster.sh"));
        info.ArgumentList.Add(command);
        info.ArgumentList.Add(dir);
        info.Environment["CONTEST_CLUSTER_PORT"] = port.ToString();
        info.Environment["CONTEST_CLUSTER_APP"] = Path.GetDirectoryName(ContestProcess.WebDll)!;
        info.Environment["CONTEST_ADMIN_PASSWORD"] = ContestApp.AdminPassword;
        info.Environment["CONTEST_CLUSTER_DEMO"] = "0";
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) info.Environment[k] = v;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>The values cluster.sh keeps in DIR/cluster.env (ports, password).</summary>
    public static Dictionary<string, string> Env(string dir) =>
        File.ReadAllLines(Path.Combine(dir, "cluster.env")).Where(l => l.Contains('=')).ToDictionary(l => l[..l.IndexOf('=')], l => l[(l.IndexOf('=') + 1)..]);
}
