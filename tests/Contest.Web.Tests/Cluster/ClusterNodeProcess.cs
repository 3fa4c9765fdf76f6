using System.Diagnostics;
using Contest.Testing;
using Orleans.Runtime;
using Xunit.Abstractions;

namespace Contest.Web.Tests.Cluster;

/// <summary>
/// A silo in its own process (tests/Contest.ClusterNode, with UseContestDbClustering), so that a test can kill it
/// with SIGKILL or freeze it with SIGSTOP as an operator or the kernel would, which no in-process stop can imitate.
/// </summary>
internal sealed class ClusterNodeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource<SiloAddress> _active = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ClusterNodeProcess(Process process) => _process = process;

    public SiloAddress Address => _active.Task.Result;
    public int Pid => _process.Id;

    public static async Task<ClusterNodeProcess> StartAsync(string postgres, string clusterId, string name, ITestOutputHelper output)
    {
        // Built beside this test assembly by the ProjectReference (same configuration, same target framework).
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var dll = Path.Combine(TestServers.RepositoryRoot, "tests", "Contest.ClusterNode", "bin", here.Parent!.Name, here.Name, "Contest.ClusterNode.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException("Build tests/Contest.ClusterNode first", dll);

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--Node:Postgres=" + postgres);
        start.ArgumentList.Add("--Node:ClusterId=" + clusterId);
        start.ArgumentList.Add("--Node:Name=" + name);
        start.ArgumentList.Add("--Node:SiloPort=" + TestServers.FreePort());
        start.ArgumentList.Add("--Node:GatewayPort=" + TestServers.FreePort());
        var node = new ClusterNodeProcess(Process.Start(start)!);
        node._process.OutputDataReceived += (_, e) => node.OnLine(e.Data, name, output);
        node._process.ErrorDataReceived += (_, e) => node.OnLine(e.Data, name, output);
        node._process.BeginOutputReadLine();
        node._process.BeginErrorReadLine();
        _ = node._process.WaitForExitAsync().ContinueWith(_ => node._active.TrySetException(new InvalidOperationException($"silo {name} exited before it became active")), TaskScheduler.Default);

        await node._active.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return node;
    }

    private void OnLine(string? line, string name, ITestOutputHelper output)
    {
        if (line is null) return;
        try { output.WriteLine($"[{name} pid {_process.Id}] {line}"); }
        catch (InvalidOperationException) { } // the test has ended; xunit refuses late output
        const string fence = "silo-active ";
        if (line.StartsWith(fence, StringComparison.Ordinal))
            _active.TrySetResult(SiloAddress.FromParsableString(line[fence.Length..].Trim()));
    }

    /// <summary>SIGKILL: the process ends at once, its sockets are closed by the kernel, it writes nothing.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>SIGSTOP: the process keeps its sockets open and answers nothing, like a machine that froze.</summary>
    public void Freeze() => Signal("STOP");

    private void Signal(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, _process.Id.ToString()]);
        kill.WaitForExit();
        if (kill.ExitCode != 0) throw new InvalidOperationException($"kill -{signal} {_process.Id} failed");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true); // SIGKILL ends a stopped process too
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
