using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Contest.Testing;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Npgsql;
using StackExchange.Redis;

namespace Contest.Web.Tests.Deploy;

/// <summary>
/// Multi-node play for real: deploy/cluster.sh (PostgreSQL, Redis, node1 + node2, nginx, all on 127.0.0.1). Eight players,
/// even ones sticky to node1 and odd ones to node2, play three questions of a game hosted on node1. Mid-question 2 node1
/// is killed (kill -9); its players and the host come back through nginx (to node2) with their resume tokens and finish.
/// Mid-question 3 Redis is flushed. Scores are checked against hand-worked values and against the rows in PostgreSQL.
/// </summary>
public class ClusterPlayTests
{
    private const int Players = 8;

    // Accuracy scoring, 1000 points a question, streak bonus on (100 × (run − 1)). Player i answers question q right
    // exactly when bit q of i is set (right option 0, wrong option 1):
    //   p0: none                                   = 0
    //   p1: q0 1000                                = 1000
    //   p2: q1 1000                                = 1000
    //   p3: q0 1000, q1 1000+100                   = 2100
    //   p4: q2 1000                                = 1000
    //   p5: q0 1000, q2 1000 (run broken at q1)    = 2000
    //   p6: q1 1000, q2 1000+100                   = 2100
    //   p7: q0 1000, q1 1000+100, q2 1000+200      = 3300  (q2 scored by node2 from the streak it rebuilt from PostgreSQL)
    private static readonly long[] Expected = [0, 1000, 1000, 2100, 1000, 2000, 2100, 3300];

    private static bool Right(int player, int question) => ((player >> question) & 1) == 1;
    private static string Node(int player) => player % 2 == 0 ? "node1" : "node2";

    [Fact]
    public async Task Players_on_both_nodes_finish_with_correct_scores_after_the_host_node_is_killed_and_Redis_is_flushed()
    {
        var dir = Directory.CreateTempSubdirectory("contest-cluster-play-").FullName;
        var port = TestServers.FreePort();
        var url = $"http://127.0.0.1:{port}";
        var connections = new List<HubConnection>();
        try
        {
            var up = await ClusterScript.RunAsync("up", dir, port);
            Assert.True(up.Code == 0, up.Output);
            var env = ClusterScript.Env(dir);

            // The host logs in on node1 and creates a bank of three single-choice questions and the game.
            var cookies = new CookieContainer();
            cookies.Add(new Cookie("contest_node", "node1", "/", "127.0.0.1"));
            using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
            await AccountFlows.LoginAsync(http, ContestApp.AdminUser, ContestApp.AdminPassword);
            var bank = await ReadAsync(await http.PostAsJsonAsync("/api/banks", new { name = "Cụm máy chủ", language = "vi" }));
            var bankId = bank.GetProperty("id").GetInt32();
            for (var q = 0; q < 3; q++)
            {
                await ReadAsync(await http.PostAsJsonAsync($"/api/banks/{bankId}/questions", new
                {
                    type = "SingleChoice", text = $"Câu hỏi {q + 1}", options = new[] { "Đúng", "Sai", "Có lẽ", "Không biết" }, correctOptions = new[] { 0 },
                    acceptedAnswers = Array.Empty<string>(), tags = Array.Empty<string>(), timeLimitSeconds = 60, points = 1000, difficulty = "Easy", language = "vi", explanation = "",
                }));
            }
            var created = await ReadAsync(await http.PostAsJsonAsync("/api/live/games", new { bankId, title = "Cụm", scoring = "Accuracy", streakBonus = true, timeLimitSeconds = 90 }));
            var gameId = created.GetProperty("gameId").GetGuid();
            var pin = created.GetProperty("pin").GetString()!;
            var auth = cookies.GetCookieHeader(new Uri(url));

            HubConnection Hub(string node, bool host = false)
            {
                var c = new HubConnectionBuilder().WithUrl($"{url}/hubs/live", o =>
                {
                    o.Transports = HttpTransportType.WebSockets;
                    o.SkipNegotiation = true;
                    o.Headers["Cookie"] = host ? auth : $"contest_node={node}";
                }).Build();
                connections.Add(c);
                return c;
            }

            var hostConn = Hub("node1", host: true);
            await hostConn.StartAsync();
            Assert.Equal("Lobby", (await hostConn.InvokeAsync<JsonElement>("HostGame", gameId)).GetProperty("phase").GetString());

            // Players stick to their node by the nginx cookie; /healthz names the node that answers for that cookie.
            var players = new Player[Players];
            var finals = new TaskCompletionSource<JsonElement>[Players];
            for (var i = 0; i < Players; i++)
            {
                Assert.Equal(Node(i), await NodeBehindAsync(url, Node(i)));
                finals[i] = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
                var conn = Hub(Node(i));
                var final = finals[i];
                conn.On<JsonElement>("GameOver", f => final.TrySetResult(f));
                await conn.StartAsync();
                var joined = await conn.InvokeAsync<JsonElement>("Join", pin, $"Người chơi {i}", (int?)null);
                players[i] = new Player(i, joined.GetProperty("playerId").GetGuid(), joined.GetProperty("resumeToken").GetString()!) { Conn = conn };
            }
            var acked = new List<(int Player, int Question)>();
            async Task AnswerAsync(Player p, int q)
            {
                var ack = await p.Conn.InvokeAsync<JsonElement>("Answer", q, new { options = new[] { Right(p.I, q) ? 0 : 1 } });
                Assert.Equal(q, ack.GetProperty("questionIndex").GetInt32());
                lock (acked) acked.Add((p.I, q));
            }

            // Question 1: everyone answers through their own node; the game (on node1) closes it when all have answered.
            await hostConn.InvokeAsync<JsonElement>("Start", gameId);
            await Task.WhenAll(players.Select(p => AnswerAsync(p, 0)));
            await WaitPhaseAsync(hostConn, gameId, "Reveal");
            await hostConn.InvokeAsync<JsonElement>("Next", gameId);
            await hostConn.InvokeAsync<JsonElement>("Next", gameId);

            // Question 2: node2's players and player 0 answer, then node1 (the game's node, the host's node) is killed.
            await Task.WhenAll(players.Where(p => p.I % 2 == 1 || p.I == 0).Select(p => AnswerAsync(p, 1)));
            var node1 = Process.GetProcessById(int.Parse(File.ReadAllText(Path.Combine(dir, "node1", "node1.pid")).Trim()));
            node1.Kill(); // SIGKILL, as kill -9
            await node1.WaitForExitAsync();
            Assert.Equal("node2", await NodeBehindAsync(url, "node1"));

            // node1's players come back through nginx (now to node2) with their resume tokens.
            foreach (var p in players.Where(p => p.I % 2 == 0))
            {
                var conn = Hub("node1");
                var final = finals[p.I];
                conn.On<JsonElement>("GameOver", f => final.TrySetResult(f));
                await conn.StartAsync();
                var state = await RetryAsync(() => conn.InvokeAsync<JsonElement>("Rejoin", pin, p.Token));
                p.Conn = conn;
                Assert.Equal("Question", state.GetProperty("phase").GetString());
                Assert.Equal(1, state.GetProperty("question").GetProperty("index").GetInt32());
                // Player 0's answer was acknowledged by node1 before it died: it is still there.
                Assert.Equal(p.I == 0, state.GetProperty("answered").GetBoolean());
                Assert.Equal(ScoreAfter(p.I, 1), state.GetProperty("score").GetInt64());
            }
            hostConn = Hub("node1", host: true);
            await hostConn.StartAsync();
            var hostState = await RetryAsync(() => hostConn.InvokeAsync<JsonElement>("HostGame", gameId));
            Assert.Equal(Players, hostState.GetProperty("players").GetArrayLength());
            await Task.WhenAll(players.Where(p => p.I % 2 == 0 && p.I != 0).Select(p => AnswerAsync(p, 1)));
            await WaitPhaseAsync(hostConn, gameId, "Reveal");
            await hostConn.InvokeAsync<JsonElement>("Next", gameId);
            await hostConn.InvokeAsync<JsonElement>("Next", gameId);

            // Question 3: half answer, Redis is emptied, the other half answer; the game goes on.
            await Task.WhenAll(players.Where(p => p.I % 2 == 1).Select(p => AnswerAsync(p, 2)));
            await using (var redis = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{env["REDIS_PORT"]},allowAdmin=true"))
            {
                await redis.GetServers()[0].FlushAllDatabasesAsync();
                await Task.WhenAll(players.Where(p => p.I % 2 == 0).Select(p => AnswerAsync(p, 2)));
                await WaitPhaseAsync(hostConn, gameId, "Reveal");
                // The game keeps nothing in Redis (its grain holds it): the flush cost it nothing, and nothing of it comes back there.
                Assert.False(await redis.GetDatabase().KeyExistsAsync($"contest:live:{gameId:N}:state"));
                var rebuild = await http.PostAsync("/api/live/rebuild", null);
                Assert.Equal(HttpStatusCode.OK, rebuild.StatusCode);
                Assert.True(await redis.GetDatabase().KeyExistsAsync("contest:live:marker"));
            }
            await hostConn.InvokeAsync<JsonElement>("Next", gameId);
            var podium = await hostConn.InvokeAsync<JsonElement>("Next", gameId);
            Assert.Equal("Podium", podium.GetProperty("phase").GetString());

            // Every player's final score is the hand-worked one...
            for (var i = 0; i < Players; i++)
            {
                var final = await finals[i].Task.WaitAsync(TimeSpan.FromSeconds(30));
                Assert.Equal(Expected[i], final.GetProperty("score").GetInt64());
            }
            // ...and equals the sum of its answer rows in PostgreSQL; every acknowledged answer has its row.
            await using var pg = new NpgsqlConnection($"Host=127.0.0.1;Port={env["PG_PORT"]};Username=postgres;Database=contest");
            await pg.OpenAsync();
            var rows = new List<(Guid Player, int Question, int Points)>();
            await using (var cmd = new NpgsqlCommand("""SELECT "PlayerId", "QuestionIndex", "Points" FROM "LiveAnswers" WHERE "GameId" = @g""", pg))
            {
                cmd.Parameters.AddWithValue("g", gameId);
                await using var reader = await cmd.ExecuteReaderAsync();
                while (await reader.ReadAsync()) rows.Add((reader.GetGuid(0), reader.GetInt32(1), reader.GetInt32(2)));
            }
            Assert.Equal(Players * 3, acked.Count);
            Assert.Equal(acked.Count, rows.Count);
            foreach (var (player, question) in acked)
                Assert.Contains(rows, r => r.Player == players[player].Id && r.Question == question);
            for (var i = 0; i < Players; i++)
                Assert.Equal(Expected[i], rows.Where(r => r.Player == players[i].Id).Sum(r => (long)r.Points));
        }
        finally
        {
            foreach (var c in connections) await c.DisposeAsync();
            var down = await ClusterScript.RunAsync("down", dir, port);
            Assert.True(down.Code == 0, down.Output);
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>Player i's score after the first <paramref name="questions"/> questions (from the table above).</summary>
    private static long ScoreAfter(int player, int questions)
    {
        long score = 0, run = 0;
        for (var q = 0; q < questions; q++)
        {
            run = Right(player, q) ? run + 1 : 0;
            if (run > 0) score += 1000 + 100 * (run - 1);
        }
        return score;
    }

    private static async Task<string> NodeBehindAsync(string url, string cookieNode)
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = new Uri(url) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        request.Headers.Add("Cookie", $"contest_node={cookieNode}");
        using var response = await http.SendAsync(request);
        return Assert.Single(response.Headers.GetValues("X-Contest-Node"));
    }

    private static async Task WaitPhaseAsync(HubConnection host, Guid gameId, string phase)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var state = await host.InvokeAsync<JsonElement>("HostGame", gameId);
            if (state.GetProperty("phase").GetString() == phase) return;
            if (DateTime.UtcNow > until) Assert.Fail($"The game did not reach {phase}; it is at {state.GetProperty("phase").GetString()}.");
            await Task.Delay(200);
        }
    }

    /// <summary>While node2 takes the game over, a call may be refused as "busy"; a client tries again.</summary>
    private static async Task<T> RetryAsync<T>(Func<Task<T>> call)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try { return await call(); }
            catch (HubException e) when (DateTime.UtcNow < until && e.Message.Contains("busy"))
            {
                await Task.Delay(500);
            }
        }
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private sealed class Player(int i, Guid id, string token)
    {
        public int I { get; } = i;
        public Guid Id { get; } = id;
        public string Token { get; } = token;
        public required HubConnection Conn { get; set; }
    }
}
