using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Contest.Testing;
using Contest.Web.Tests.Deploy;
using Npgsql;

namespace Contest.Web.Tests.Faults;

[CollectionDefinition(Name)]
public sealed class LiveFaultCollection : ICollectionFixture<LiveFaultCluster>
{
    public const string Name = "live-faults";
}

/// <summary>
/// One cluster of deploy/cluster.sh for the live fault tests: its own PostgreSQL, Redis, node1 + node2 and nginx on free
/// loopback ports in a temporary DIR, so stopping PostgreSQL or killing Redis never touches the shared test servers.
/// Faults are dealt with deploy/faults.sh (the script an operator uses by hand); each test starts with
/// <see cref="HealAsync"/>, which brings back whatever the test before it left down. Only the public protocol is used
/// (HTTP + the live hub through nginx), so the tests hold for any server design behind it.
/// </summary>
public sealed class LiveFaultCluster : IAsyncLifetime
{
    public string Dir { get; } = Directory.CreateTempSubdirectory("contest-faults-").FullName;
    public int Port { get; } = TestServers.FreePort();
    public string Url => $"http://127.0.0.1:{Port}";
    public Dictionary<string, string> Env { get; private set; } = [];

    /// <summary>
    /// CONTEST_FAULTS_CONTROL=1: the same runs with every fault left out (no flush, stop, kill), to tell a problem of the
    /// harness from one of the server: each run must then pass, except run 2's "failure logged".
    /// </summary>
    public static bool Control => Environment.GetEnvironmentVariable("CONTEST_FAULTS_CONTROL") == "1";

    /// <summary>Unpooled: a pooled connection would outlive a PostgreSQL restart of run 2 and fail the next read.</summary>
    public string PostgresConnectionString => $"Host=127.0.0.1;Port={Env["PG_PORT"]};Username=postgres;Database=contest;Timeout=3;Pooling=false";

    public async Task InitializeAsync()
    {
        var up = await ClusterScript.RunAsync("up", Dir, Port);
        Assert.True(up.Code == 0, up.Output);
        Env = ClusterScript.Env(Dir);
    }

    public async Task DisposeAsync()
    {
        await ClusterScript.RunAsync("down", Dir, Port);
        // The nodes' logs outlive the cluster, for a failed run: test-artifacts/faults/logs/.
        var logs = Path.Combine(Path.GetDirectoryName(WriteArtifact("cluster-dir.txt", Dir + "\n"))!, "logs");
        Directory.CreateDirectory(logs);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Dir, "logs"), "node*.log")) File.Copy(file, Path.Combine(logs, Path.GetFileName(file)), overwrite: true);
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>Starts whatever an earlier test left down (a killed node, a stopped PostgreSQL or Redis).</summary>
    public async Task HealAsync()
    {
        var status = await ClusterScript.RunAsync("status", Dir, Port);
        if (status.Code == 0) return;
        var heal = await FaultAsync("heal");
        Assert.True(heal.Code == 0, heal.Output);
    }

    /// <summary>Runs deploy/faults.sh COMMAND [NODE] DIR with the build under test.</summary>
    public async Task<(int Code, string Output)> FaultAsync(string command, string? node = null)
    {
        if (Control && command != "heal") return (0, $"{DateTimeOffset.UtcNow:HH:mm:ss.fff} control run: no {command}");
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = TestServers.RepositoryRoot };
        info.ArgumentList.Add(Path.Combine(TestServers.RepositoryRoot, "deploy", "faults.sh"));
        info.ArgumentList.Add(command);
        if (node is not null) info.ArgumentList.Add(node);
        info.ArgumentList.Add(Dir);
        // heal runs cluster.sh up, which needs what ClusterScript gives it.
        info.Environment["CONTEST_CLUSTER_PORT"] = Port.ToString();
        info.Environment["CONTEST_CLUSTER_APP"] = Path.GetDirectoryName(ContestProcess.WebDll)!;
        info.Environment["CONTEST_ADMIN_PASSWORD"] = ContestApp.AdminPassword;
        info.Environment["CONTEST_CLUSTER_DEMO"] = "0";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>kill -9 of a node, in-process so the kill time is exact; returns when it is gone.</summary>
    public async Task<DateTimeOffset> KillNodeAsync(string node)
    {
        var process = Process.GetProcessById(int.Parse(File.ReadAllText(Path.Combine(Dir, node, $"{node}.pid")).Trim()));
        var at = DateTimeOffset.UtcNow;
        if (Control) return at;
        process.Kill();
        await process.WaitForExitAsync();
        return at;
    }

    public string LogPath(string node) => Path.Combine(Dir, "logs", $"{node}.log");

    public long LogLength(string node) => new FileInfo(LogPath(node)).Length;

    /// <summary>What a node has written to its log since <paramref name="offset"/> (cluster.sh sends its console output there).</summary>
    public string LogSince(string node, long offset)
    {
        using var stream = new FileStream(LogPath(node), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        stream.Seek(Math.Min(offset, stream.Length), SeekOrigin.Begin);
        return new StreamReader(stream).ReadToEnd();
    }

    /// <summary>The host: logged in as the admin through nginx, sticky to node1 (where its games are created).</summary>
    public async Task<(HttpClient Http, string Cookie)> LoginHostAsync()
    {
        var cookies = new CookieContainer();
        cookies.Add(new Cookie("contest_node", "node1", "/", "127.0.0.1"));
        var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(Url), Timeout = TimeSpan.FromSeconds(30) };
        await AccountFlows.LoginAsync(http, ContestApp.AdminUser, ContestApp.AdminPassword);
        var auth = string.Join("; ", cookies.GetCookies(new Uri(Url)).Where(c => c.Name != "contest_node").Select(c => $"{c.Name}={c.Value}"));
        return (http, auth);
    }

    /// <summary>
    /// A game of <paramref name="questions"/> single-choice questions worth 1000 points, option 0 right, each open
    /// <paramref name="seconds"/> s, streak bonus off (so a question's points depend on that answer alone).
    /// </summary>
    public static async Task<(Guid GameId, string Pin)> CreateGameAsync(HttpClient http, string title, int questions, string scoring, int seconds)
    {
        var bank = await ReadAsync(await http.PostAsJsonAsync("/api/banks", new { name = title, language = "vi" }));
        var bankId = bank.GetProperty("id").GetInt32();
        for (var q = 0; q < questions; q++)
        {
            await ReadAsync(await http.PostAsJsonAsync($"/api/banks/{bankId}/questions", new
            {
                type = "SingleChoice", text = $"{title}: câu {q + 1}", options = new[] { "Đúng", "Sai", "Có lẽ", "Không biết" }, correctOptions = new[] { 0 },
                acceptedAnswers = Array.Empty<string>(), tags = Array.Empty<string>(), timeLimitSeconds = seconds, points = 1000, difficulty = "Easy", language = "vi", explanation = "",
            }));
        }
        var created = await ReadAsync(await http.PostAsJsonAsync("/api/live/games", new { bankId, title, scoring, streakBonus = false, timeLimitSeconds = seconds }));
        return (created.GetProperty("gameId").GetGuid(), created.GetProperty("pin").GetString()!);
    }

    /// <summary>Phones joined <paramref name="parallel"/> at a time; even ones sticky to node1, odd ones to node2.</summary>
    public async Task<FaultPhone[]> JoinPhonesAsync(string pin, int count, int parallel = 8)
    {
        var phones = new FaultPhone[count];
        using var gate = new SemaphoreSlim(parallel);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync();
            try { phones[i] = await FaultPhone.JoinAsync(Url, i % 2 == 0 ? "node1" : "node2", pin, i); }
            finally { gate.Release(); }
        }));
        return phones;
    }

    /// <summary>Every stored answer of the game: (player, question) → points.</summary>
    public async Task<List<(Guid Player, int Question, int Points)>> StoredAnswersAsync(Guid gameId)
    {
        await using var pg = new NpgsqlConnection(PostgresConnectionString);
        await pg.OpenAsync();
        var rows = new List<(Guid, int, int)>();
        await using var cmd = new NpgsqlCommand("""SELECT "PlayerId", "QuestionIndex", "Points" FROM "LiveAnswers" WHERE "GameId" = @g""", pg);
        cmd.Parameters.AddWithValue("g", gameId);
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add((reader.GetGuid(0), reader.GetInt32(1), reader.GetInt32(2)));
        return rows;
    }

    /// <summary>Writes a measured figure to test-artifacts/faults/ (for docs/performance.md) and returns the path.</summary>
    public static string WriteArtifact(string name, string text)
    {
        var root = Environment.GetEnvironmentVariable("CONTEST_ARTIFACTS") is { Length: > 0 } d ? d : Path.Combine(TestServers.RepositoryRoot, "test-artifacts");
        var dir = Path.Combine(root, "faults");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
