using System.Diagnostics;
using System.Text;

namespace Contest.Testing;

/// <summary>
/// The real Contest.Web program in its own process on a loopback port: what browser, start-up and
/// load tests talk to. Output is captured so a failing test can show it.
/// </summary>
public sealed class ContestProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ContestProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        BaseUrl = $"http://127.0.0.1:{port}";
    }

    public int Port { get; }
    public string BaseUrl { get; }

    public string Output { get { lock (_output) return _output.ToString(); } }

    public bool HasExited => _process.HasExited;

    /// <summary>For signals a test sends the node (SIGSTOP / SIGCONT to freeze it like a hung server).</summary>
    public int ProcessId => _process.Id;

    public static string WebDll
    {
        get
        {
            var bin = Path.Combine(TestServers.RepositoryRoot, "src", "Contest.Web", "bin");
            var dll = new[] { "Release", "Debug" }
                .Select(c => Path.Combine(bin, c, "net10.0", "Contest.Web.dll"))
                .Where(File.Exists)
                .OrderByDescending(File.GetLastWriteTimeUtc)
                .FirstOrDefault();
            return dll ?? throw new InvalidOperationException("Build src/Contest.Web first (dotnet build).");
        }
    }

    /// <summary>Starts the program; does not wait for it to be ready (see <see cref="WaitReadyAsync"/>).</summary>
    public static ContestProcess Start(IReadOnlyDictionary<string, string> environment, int? port = null, params string[] args) =>
        Start(environment, port, openFileLimit: null, args);

    /// <summary>As above; with <paramref name="openFileLimit"/> the process runs under that RLIMIT_NOFILE (prlimit), to meet the node's socket limit without thousands of clients.</summary>
    public static ContestProcess Start(IReadOnlyDictionary<string, string> environment, int? port, int? openFileLimit, params string[] args)
    {
        var p = port ?? TestServers.FreePort();
        var info = new ProcessStartInfo(openFileLimit is null ? "dotnet" : "prlimit")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.Combine(TestServers.RepositoryRoot, "src", "Contest.Web"),
        };
        if (openFileLimit is { } n)
        {
            info.ArgumentList.Add($"--nofile={n}:{n}");
            info.ArgumentList.Add("dotnet");
        }
        info.ArgumentList.Add(WebDll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://127.0.0.1:{p}");
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (k, v) in environment) info.Environment[k] = v;

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var cp = new ContestProcess(process, p);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (cp._output) cp._output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (cp._output) cp._output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return cp;
    }

    /// <summary>Starts over a test database with the test admin password and waits for /healthz.</summary>
    public static async Task<ContestProcess> StartAsync(TestDatabase db, IReadOnlyDictionary<string, string>? extra = null, int? openFileLimit = null)
    {
        var env = new Dictionary<string, string>
        {
            ["Contest__DataDirectory"] = db.DataDirectory,
            ["Contest__AdminPassword"] = ContestApp.AdminPassword,
            ["ConnectionStrings__Postgres"] = db.Settings.Provider == Engine.Storage.StorageProvider.Postgres ? db.Settings.ConnectionString : "",
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string>()) env[k] = v;
        var cp = Start(env, null, openFileLimit);
        await cp.WaitReadyAsync(TimeSpan.FromSeconds(120));
        return cp;
    }

    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (_process.HasExited) throw new InvalidOperationException("Contest.Web exited:\n" + Output);
            try
            {
                var r = await http.GetAsync(BaseUrl + "/healthz");
                if (r.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException("Contest.Web did not become ready:\n" + Output);
    }

    /// <summary>Waits for the process to exit by itself (start-up failures); returns its exit code.</summary>
    public async Task<int> WaitExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Kill() { if (!_process.HasExited) _process.Kill(entireProcessTree: true); }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
