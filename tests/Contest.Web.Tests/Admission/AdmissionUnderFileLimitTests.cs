using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Contest.Engine.LiveGames;
using Contest.Engine.Storage;
using Contest.Testing;
using Contest.Web.LiveGames;
using Contest.Web.Tests.LiveGames;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Contest.Web.Tests.Admission;

/// <summary>
/// Issue 18, "Overload kills the node": the real process under a 1,024 open-file limit is offered more players than it can
/// hold. The excess is refused at once (the game's own limit, then the node's), the node stays up and says on /healthz
/// that it is near its limit, and the players it admitted play the game to the end with every acknowledged answer stored.
/// </summary>
public class AdmissionUnderFileLimitTests
{
    private const int FileLimit = 1024;
    private const int PerGame = 200;

    [Fact]
    public async Task A_node_under_a_low_open_file_limit_refuses_the_excess_and_finishes_its_games()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        var bankId = await AddBankAsync(db);
        await using var node = await ContestProcess.StartAsync(db, new Dictionary<string, string> { ["Contest__Admission__MaxPlayersPerGame"] = PerGame.ToString() }, FileLimit);
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(node.BaseUrl) };
        await AccountFlows.LoginAsync(http, ContestApp.AdminUser, ContestApp.AdminPassword);
        var cookie = cookies.GetCookieHeader(http.BaseAddress!);

        var health = await HealthAsync(http);
        // The descriptors left after start-up (about 290 of them: the runtime keeps every assembly open) less 200 of
        // headroom, 85 % of that: with 290 open at start, (1024 − 290 − 200) × 85 % = 453.
        var openAtStart = Data(health, "filesOpenAtStart");
        Assert.InRange(openAtStart, 100, 700);
        var nodeLimit = (int)((FileLimit - openAtStart - 200) * 85 / 100);
        Assert.Equal((nodeLimit, FileLimit, 0), ((int)Data(health, "limit"), Data(health, "openFileLimit"), Data(health, "open")));
        // Room left once game A is full and three hosts are in; games B and C are offered 60 players more than that.
        var room = nodeLimit - 3 - PerGame;
        Assert.InRange(room, 60, 2 * PerGame - 60);
        var askB = (room + 60 + 1) / 2;
        var askC = room + 60 - askB;

        var a = await CreateGameAsync(http, bankId);
        var b = await CreateGameAsync(http, bankId);
        var c = await CreateGameAsync(http, bankId);
        var hostA = await HostAsync(node, cookie, a);
        var hostB = await HostAsync(node, cookie, b);
        var hostC = await HostAsync(node, cookie, c);

        // Game A: 210 ask, the game's limit admits 200; the other 10 are told "game-full" and leave.
        var (inA, refusedA) = await JoinAsync(node, a, PerGame + 10, "a");
        Assert.True(inA.Count == PerGame, $"{inA.Count} admitted; refused: " + Summary(refusedA) + "\n" + node.Output);
        Assert.Equal(10, refusedA.Count);
        Assert.All(refusedA, m => Assert.Contains("game-full: ", m));
        await WaitOpenAsync(http, 3 + PerGame);

        // Games B and C: 60 more ask than the node has room for; B's all get in, C's last 60 are refused before the
        // WebSocket opens.
        var (inB, refusedB) = await JoinAsync(node, b, askB, "b");
        Assert.True(inB.Count == askB, $"{inB.Count} admitted; refused: " + Summary(refusedB) + "\n" + node.Output);
        var (inC, refusedC) = await JoinAsync(node, c, askC, "c");
        Assert.True(inC.Count == askC - 60, $"{inC.Count} admitted; refused: " + Summary(refusedC) + "\n" + node.Output);
        Assert.Equal(60, refusedC.Count);
        Assert.All(refusedC, m => Assert.Contains("503", m));
        // What a phone's negotiate meets meanwhile: 503 with the code the player page turns into "Máy chủ đang bận…".
        var negotiate = await http.PostAsync(LiveHub.Path + "/negotiate?negotiateVersion=1", null);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, negotiate.StatusCode);
        Assert.Equal("server-busy", (await negotiate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        health = await HealthAsync(http);
        Assert.Equal("Degraded", health.GetProperty("checks").GetProperty("connections").GetProperty("status").GetString());
        Assert.Equal(nodeLimit, Data(health, "open"));
        Assert.True(Data(health, "refused") >= 60);

        // Both games are played to the end by everyone admitted.
        var ackedA = await PlayAsync(hostA, a, inA);
        var ackedB = await PlayAsync(hostB, b, inB);
        var ackedC = await PlayAsync(hostC, c, inC);
        Assert.Equal((PerGame, inB.Count, inC.Count), (ackedA, ackedB, ackedC));
        Assert.False(node.HasExited, node.Output);
        await using (var ctx = db.NewContext())
        {
            Assert.Equal(ackedA, await ctx.Set<LiveAnswerRecord>().CountAsync(x => x.GameId == a.GameId));
            Assert.Equal(ackedB, await ctx.Set<LiveAnswerRecord>().CountAsync(x => x.GameId == b.GameId));
            Assert.Equal(ackedC, await ctx.Set<LiveAnswerRecord>().CountAsync(x => x.GameId == c.GameId));
        }
        Assert.All(inA.Concat(inB).Concat(inC), p => Assert.Equal(HubConnectionState.Connected, p.Connection.State));
        Assert.All(inA.Concat(inB).Concat(inC), p => Assert.True(p.Finished, "a player did not see the game finish"));

        foreach (var p in inA.Concat(inB).Concat(inC)) await p.Connection.DisposeAsync();
        await hostA.DisposeAsync();
        await hostB.DisposeAsync();
        await hostC.DisposeAsync();
        Assert.True((await http.GetAsync("/healthz")).IsSuccessStatusCode);
    }

    private sealed class Player(HubConnection connection)
    {
        public HubConnection Connection { get; } = connection;
        public volatile bool Finished;
    }

    /// <summary>Joins <paramref name="count"/> players, 20 at a time; returns those admitted and the refusals' messages.</summary>
    private static async Task<(List<Player> In, List<string> Refused)> JoinAsync(ContestProcess node, CreatedGame game, int count, string prefix)
    {
        var admitted = new List<Player>();
        var refused = new List<string>();
        using var gate = new SemaphoreSlim(20);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync();
            var c = Connect(node, null);
            var p = new Player(c);
            c.On("Finished", () => { p.Finished = true; });
            try
            {
                await c.StartAsync();
                await c.InvokeAsync<JsonElement>("Join", game.Pin, $"{prefix}{i}", null);
                lock (admitted) admitted.Add(p);
            }
            catch (Exception e) when (e is HubException or HttpRequestException or System.Net.WebSockets.WebSocketException)
            {
                lock (refused) refused.Add(e.Message);
                await c.DisposeAsync();
            }
            finally
            {
                gate.Release();
            }
        }));
        return (admitted, refused);
    }

    /// <summary>One question: every player answers on seeing it; then reveal, leaderboard, podium, finished. Returns the acks.</summary>
    private static async Task<int> PlayAsync(HubConnection host, CreatedGame game, List<Player> players)
    {
        var acked = 0;
        var answers = new List<Task>();
        var opened = new TaskCompletionSource();
        foreach (var p in players)
        {
            p.Connection.On<JsonElement>("QuestionOpened", q =>
            {
                lock (answers) answers.Add(Task.Run(async () =>
                {
                    await p.Connection.InvokeAsync<JsonElement>("Answer", q.GetProperty("index").GetInt32(), new { options = new[] { 1 } });
                    Interlocked.Increment(ref acked);
                }));
            });
        }
        var revealed = new TaskCompletionSource();
        using var r = host.On<JsonElement>("HostRevealed", _ => revealed.TrySetResult());
        await host.InvokeAsync<HostState>("Start", game.GameId);
        // The question closes when its 5 s run out; everyone has answered by then.
        await revealed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Task[] sent;
        lock (answers) sent = [.. answers];
        await Task.WhenAll(sent);
        Assert.Equal(GamePhase.Leaderboard, (await host.InvokeAsync<HostState>("Next", game.GameId)).Phase);
        await host.InvokeAsync<HostState>("Next", game.GameId);
        Assert.Equal(GamePhase.Finished, (await host.InvokeAsync<HostState>("Next", game.GameId)).Phase);
        // The fence: a finished game sends Finished to every player; wait for all of them, not a fixed delay.
        var until = DateTime.UtcNow.AddSeconds(15);
        while (players.Any(p => !p.Finished) && DateTime.UtcNow < until) await Task.Delay(50);
        return acked;
    }

    private static async Task<HubConnection> HostAsync(ContestProcess node, string cookie, CreatedGame game)
    {
        var c = Connect(node, cookie);
        await c.StartAsync();
        Assert.Equal(GamePhase.Lobby, (await c.InvokeAsync<HostState>("HostGame", game.GameId)).Phase);
        return c;
    }

    private static HubConnection Connect(ContestProcess node, string? cookie) => new HubConnectionBuilder()
        .WithUrl(new Uri(new Uri(node.BaseUrl), LiveHub.Path), o =>
        {
            o.Transports = HttpTransportType.WebSockets;
            o.SkipNegotiation = true;
            if (cookie is not null) o.Headers["Cookie"] = cookie;
        })
        .AddJsonProtocol(o => o.PayloadSerializerOptions = LiveHarness.Json)
        .Build();

    private static async Task<CreatedGame> CreateGameAsync(HttpClient http, int bankId)
    {
        var created = await http.PostAsJsonAsync("/api/live/games", new CreateGameRequest { BankId = bankId, TimeLimitSeconds = 5, Scoring = ScoringMode.Accuracy }, LiveHarness.Json);
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<CreatedGame>(LiveHarness.Json))!;
    }

    private static string Summary(List<string> refused) =>
        string.Join("; ", refused.GroupBy(m => m.Length > 150 ? m[..150] : m).Select(g => $"{g.Count()} × {g.Key}"));

    private static async Task<JsonElement> HealthAsync(HttpClient http) => await http.GetFromJsonAsync<JsonElement>("/healthz");

    private static long Data(JsonElement health, string name) =>
        health.GetProperty("checks").GetProperty("connections").GetProperty("data").GetProperty(name).GetInt64();

    /// <summary>A refused connection is counted until the server has seen it close; wait for the count to settle.</summary>
    private static async Task WaitOpenAsync(HttpClient http, int open)
    {
        var until = DateTime.UtcNow.AddSeconds(15);
        while (Data(await HealthAsync(http), "open") != open)
        {
            Assert.True(DateTime.UtcNow < until, $"open connections did not settle at {open}");
            await Task.Delay(100);
        }
    }

    private static async Task<int> AddBankAsync(TestDatabase db)
    {
        await using var ctx = db.NewContext();
        var bank = new Engine.Questions.QuestionBank
        {
            Name = "Quá tải",
            Questions = [new() { Text = "Đoàn thành lập năm nào?", Type = Engine.Questions.QuestionType.SingleChoice, Options = ["1930", "1931"], CorrectOptions = [1], TimeLimitSeconds = 60 }],
        };
        ctx.QuestionBanks.Add(bank);
        await ctx.SaveChangesAsync();
        return bank.Id;
    }
}
