using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Contest.Engine.LiveGames;
using Contest.Engine.Storage;
using Contest.Testing;
using Contest.Web.LiveCluster;
using Contest.Web.LiveGames;
using Contest.Web.Tests.LiveGames;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Contest.Web.Tests.LiveCluster;

/// <summary>
/// The retry rule of docs/live-protocol.md ("Retrying"), at the hub: node A, a real Contest.Web process, owns a game and
/// is frozen (SIGSTOP, like a hung server); a host call through node B is refused "busy", and the same call, tried again
/// as host.js does, succeeds once B has taken the game over. When A wakes up, the call it had queued is not carried out twice.
/// </summary>
public class TakeoverRetryTests
{
    private static readonly TimeSpan RelayTimeout = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task A_host_call_during_a_takeover_is_refused_busy_and_succeeds_when_retried()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Postgres);
        var prefix = $"test-{Guid.NewGuid():N}:";
        ContestProcess? a = null;
        WebApplicationFactory<Program>? b = null;
        var stopped = false;
        try
        {
            a = await ContestProcess.StartAsync(db, new Dictionary<string, string>
            {
                ["ConnectionStrings__Redis"] = TestServers.Redis, ["Contest__RedisPrefix"] = prefix, ["Contest__NodeName"] = "a",
            });
            b = new ContestApp(db, new Dictionary<string, string>
            {
                ["ConnectionStrings:Redis"] = TestServers.Redis, ["Contest:RedisPrefix"] = prefix, ["Contest:NodeName"] = "b",
            }).WithWebHostBuilder(w => w.ConfigureTestServices(s =>
            {
                // B gives up on a silent owner after 2 s instead of 15, so the test does not wait for the production timeout.
                var options = (LiveClusterOptions)s.Last(d => d.ServiceType == typeof(LiveClusterOptions)).ImplementationInstance!;
                s.AddSingleton(options with { RelayTimeout = RelayTimeout });
            }));
            var bId = b.Services.GetRequiredService<LiveClusterOptions>().NodeId;
            Assert.Equal(RelayTimeout, b.Services.GetRequiredService<LiveClusterOptions>().RelayTimeout);

            // The game is created through A, so A owns it.
            var cookies = new CookieContainer();
            using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(a.BaseUrl) };
            await AccountFlows.LoginAsync(http, ContestApp.AdminUser, ContestApp.AdminPassword);
            var created = await http.PostAsJsonAsync("/api/live/games", new CreateGameRequest { BankId = await AddBankAsync(db), Scoring = ScoringMode.Accuracy }, LiveHarness.Json);
            created.EnsureSuccessStatusCode();
            var game = (await created.Content.ReadFromJsonAsync<CreatedGame>(LiveHarness.Json))!;

            // Host and player on B. The sign-in cookie from A is good on B: the data-protection keys are shared in Redis.
            await using var host = await ConnectAsync(b, cookies.GetCookieHeader(http.BaseAddress!));
            await using var player = await ConnectAsync(b, null);
            var playerInbox = new Inbox(player, Inbox.PlayerEvents);
            Assert.Equal(GamePhase.Lobby, (await host.InvokeAsync<HostState>("HostGame", game.GameId)).Phase);
            await player.InvokeAsync<JoinResult>("Join", game.Pin, "An", null);
            await using var redis = await ConnectionMultiplexer.ConnectAsync(TestServers.Redis);
            var lease = new LiveKeys(prefix).Lease(game.GameId);
            Assert.StartsWith("a-", (string)(await redis.GetDatabase().StringGetAsync(lease))!);

            // A freezes. Its Redis connection stays open, so the relayed Start is delivered but never answered: after 2 s, "busy".
            Signal(a, "STOP");
            stopped = true;
            var clock = Stopwatch.StartNew();
            var refused = await Assert.ThrowsAsync<HubException>(() => host.InvokeAsync<HostState>("Start", game.GameId));
            Assert.StartsWith("busy: ", Message(refused));
            Assert.InRange(clock.Elapsed, RelayTimeout, RelayTimeout + TimeSpan.FromSeconds(10)); // the 2 s timeout, plus a margin for a loaded machine

            // Retried as host.js does (backoff 0.25, 0.5, 1, 2, then 4 s). A's lease lapses at most 5 s after its last
            // renewal, then B takes the game over from PostgreSQL and runs the Start itself.
            var attempts = 1;
            HostState? started = null;
            for (var delayMs = 250; started is null; delayMs = Math.Min(delayMs * 2, 4000))
            {
                await Task.Delay(delayMs);
                attempts++;
                try { started = await host.InvokeAsync<HostState>("Start", game.GameId); }
                catch (HubException e) when (Message(e).StartsWith("busy: ") || Message(e).StartsWith("moved: "))
                {
                    Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "no takeover within 30 s: " + Message(e));
                }
            }
            Assert.Equal((GamePhase.Question, 0), (started.Phase, started.QuestionIndex));
            Assert.True(attempts >= 2);
            Assert.Equal(bId, (string)(await redis.GetDatabase().StringGetAsync(lease))!);
            Assert.NotNull(await b.Services.GetRequiredService<LiveGameService>().Store.FindAsync(game.GameId));
            Assert.Equal(0, (await playerInbox.WaitAsync<PlayerQuestion>("QuestionOpened")).Index);

            // A wakes up with the Start it was sent still queued: it finds B holds the lease and refuses it ("moved"),
            // then lets the game go. The player saw question 1 open once, and B still runs the game.
            Signal(a, "CONT");
            stopped = false;
            await Task.Delay(TimeSpan.FromSeconds(3)); // a few of A's one-second ticks
            Assert.Single(playerInbox.All, m => m.Name == "QuestionOpened");
            Assert.Equal(bId, (string)(await redis.GetDatabase().StringGetAsync(lease))!);
            var state = await host.InvokeAsync<HostState>("HostGame", game.GameId);
            Assert.Equal((GamePhase.Question, 0, 1), (state.Phase, state.QuestionIndex, state.Players.Count));
        }
        finally
        {
            if (a is not null)
            {
                if (stopped) Signal(a, "CONT");
                await a.DisposeAsync();
            }
            if (b is not null) await b.DisposeAsync();
            await using var redis = await ConnectionMultiplexer.ConnectAsync(TestServers.Redis);
            await foreach (var key in redis.GetServers()[0].KeysAsync(pattern: prefix + "*")) await redis.GetDatabase().KeyDeleteAsync(key);
        }
    }

    private static string Message(HubException e) => e.Message[(e.Message.IndexOf("HubException: ", StringComparison.Ordinal) is var i and >= 0 ? i + 14 : 0)..];

    private static void Signal(ContestProcess node, string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, node.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    private static async Task<int> AddBankAsync(TestDatabase db)
    {
        await using var ctx = db.NewContext();
        var bank = new Engine.Questions.QuestionBank
        {
            Name = "Tiếp quản",
            Questions = [new() { Text = "Đoàn thành lập năm nào?", Type = Engine.Questions.QuestionType.SingleChoice, Options = ["1930", "1931"], CorrectOptions = [1], TimeLimitSeconds = 60 }],
        };
        ctx.QuestionBanks.Add(bank);
        await ctx.SaveChangesAsync();
        return bank.Id;
    }

    private static Task<HubConnection> ConnectAsync(WebApplicationFactory<Program> node, string? cookie) => LiveHarness.ConnectAsync(node.Server, cookie);
}
