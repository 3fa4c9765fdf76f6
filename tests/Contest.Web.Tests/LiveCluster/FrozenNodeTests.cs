using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Contest.Engine.LiveGames;
using Contest.Engine.Storage;
using Contest.Testing;
using Contest.Web.LiveGames;
using Contest.Web.Tests.LiveGames;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Contest.Web.Tests.LiveCluster;

/// <summary>
/// The retry rule of docs/live-protocol.md ("Retrying") against a frozen node: node A, a real Contest.Web process, runs
/// a game and is frozen (SIGSTOP, like a hung server: its sockets stay open). A host call through node B, tried again
/// as host.js does, succeeds once the cluster has declared A dead and the game's grain is reactivated on B from
/// PostgreSQL; every refusal meanwhile is the "try again" code. When A wakes up, the call it had been sent has expired
/// and is not carried out a second time.
/// </summary>
public class FrozenNodeTests
{
    [Fact]
    public async Task A_host_call_while_the_games_node_is_frozen_succeeds_when_retried_and_is_carried_out_once()
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
            });
            _ = b.Server;

            // The game is created through A, so its grain runs on A.
            var cookies = new CookieContainer();
            using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(a.BaseUrl) };
            await AccountFlows.LoginAsync(http, ContestApp.AdminUser, ContestApp.AdminPassword);
            var created = await http.PostAsJsonAsync("/api/live/games", new CreateGameRequest { BankId = await AddBankAsync(db), Scoring = ScoringMode.Accuracy }, LiveHarness.Json);
            created.EnsureSuccessStatusCode();
            var game = (await created.Content.ReadFromJsonAsync<CreatedGame>(LiveHarness.Json))!;

            // Host and player on B. The sign-in cookie from A is good on B: the data-protection keys are shared in Redis.
            await using var host = await LiveHarness.ConnectAsync(b.Server, cookies.GetCookieHeader(http.BaseAddress!));
            await using var player = await LiveHarness.ConnectAsync(b.Server, null);
            var playerInbox = new Inbox(player, Inbox.PlayerEvents);
            Assert.Equal(GamePhase.Lobby, (await host.InvokeAsync<HostState>("HostGame", game.GameId)).Phase);
            await player.InvokeAsync<JoinResult>("Join", game.Pin, "An", null);

            // A freezes. Start through B is tried as host.js tries it (backoff 0.25, 0.5, 1, 2, then 4 s).
            Signal(a, "STOP");
            stopped = true;
            var clock = Stopwatch.StartNew();
            HostState? started = null;
            for (var delayMs = 250; started is null; delayMs = Math.Min(delayMs * 2, 4000))
            {
                try { started = await host.InvokeAsync<HostState>("Start", game.GameId); }
                catch (HubException e) when (Message(e).StartsWith("busy: "))
                {
                    Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "no reactivation within 30 s: " + Message(e));
                    await Task.Delay(delayMs);
                }
            }
            Assert.Equal((GamePhase.Question, (int?)0), (started.Phase, started.QuestionIndex));
            Assert.Equal(0, (await playerInbox.WaitAsync<PlayerQuestion>("QuestionOpened")).Index);

            // A wakes up with the Start it was sent still queued: it has expired (the response timeout passed), so A
            // drops it. The player saw question 1 open once, and the game goes on, on B.
            Signal(a, "CONT");
            stopped = false;
            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.Single(playerInbox.All, m => m.Name == "QuestionOpened");
            var state = await host.InvokeAsync<HostState>("HostGame", game.GameId);
            Assert.Equal((GamePhase.Question, (int?)0, 1), (state.Phase, state.QuestionIndex, state.Players.Count));
        }
        finally
        {
            if (a is not null)
            {
                if (stopped) Signal(a, "CONT");
                await a.DisposeAsync();
            }
            if (b is not null) await b.DisposeAsync();
            await using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(TestServers.Redis);
            await TwoNodes.DeleteKeysAsync(redis, prefix);
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
            Name = "Máy chủ đứng hình",
            Questions = [new() { Text = "Đoàn thành lập năm nào?", Type = Engine.Questions.QuestionType.SingleChoice, Options = ["1930", "1931"], CorrectOptions = [1], TimeLimitSeconds = 60 }],
        };
        ctx.QuestionBanks.Add(bank);
        await ctx.SaveChangesAsync();
        return bank.Id;
    }
}
