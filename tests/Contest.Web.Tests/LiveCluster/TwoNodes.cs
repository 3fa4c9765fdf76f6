using System.Net;
using System.Net.Http.Json;
using Contest.Engine.LiveGames;
using Contest.Engine.Questions;
using Contest.Engine.Storage;
using Contest.Testing;
using Contest.Web.LiveGames;
using Contest.Web.Tests.LiveGames;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Contest.Web.Tests.LiveCluster;

/// <summary>
/// Two whole apps in this process as two cluster nodes: one PostgreSQL database, one Redis (its own key prefix), shared
/// data-protection keys, so a host's sign-in is good on both; each app hosts a silo, and the two find each other through
/// the membership table in that database. Games are created on node A, so their grains run on A.
/// </summary>
internal sealed class TwoNodes : IAsyncDisposable
{
    private readonly List<HubConnection> _connections = [];

    private TwoNodes(TestDatabase db, ContestApp a, ContestApp b) { Db = db; A = a; B = b; }

    public TestDatabase Db { get; }
    public ContestApp A { get; }
    public ContestApp B { get; }
    public string Prefix { get; private set; } = "";
    public int BankId { get; private set; }
    private readonly Dictionary<ContestApp, (HttpClient Client, string Cookie)> _hosts = [];

    public static async Task<TwoNodes> StartAsync()
    {
        var db = await TestDatabase.CreateAsync(StorageProvider.Postgres);
        var prefix = $"test-{Guid.NewGuid():N}:";
        ContestApp Node(string name) => new(db, new Dictionary<string, string>
        {
            ["ConnectionStrings:Redis"] = TestServers.Redis,
            ["Contest:RedisPrefix"] = prefix,
            ["Contest:NodeName"] = name,
        });
        var nodes = new TwoNodes(db, Node("a"), Node("b")) { Prefix = prefix };
        // One after the other: the first start seeds the admin account.
        _ = nodes.A.Server;
        _ = nodes.B.Server;
        nodes.BankId = await nodes.AddBankAsync();
        return nodes;
    }

    /// <summary>Whether the game's grain is active on this node's silo.</summary>
    public Task<bool> RunsAsync(ContestApp node, Guid id) => Task.FromResult(node.Services.GetRequiredService<LivesHere>().Runs(id));

    public static async Task DeleteKeysAsync(StackExchange.Redis.IConnectionMultiplexer mux, string prefix)
    {
        await foreach (var key in mux.GetServers()[0].KeysAsync(pattern: prefix + "*")) await mux.GetDatabase().KeyDeleteAsync(key);
    }

    /// <summary>Q1 single choice (right: option 2 "1931"), Q2 single choice (right: option 0 "Hà Nội"); 1000 points each.</summary>
    private async Task<int> AddBankAsync()
    {
        await using var ctx = Db.NewContext();
        var bank = new QuestionBank
        {
            Name = "Hai máy chủ",
            Questions =
            [
                new Question { Text = "Đoàn thành lập năm nào?", Type = QuestionType.SingleChoice, Options = ["1930", "1941", "1931", "1945"], CorrectOptions = [2], TimeLimitSeconds = 30 },
                new Question { Text = "Thủ đô của Việt Nam?", Type = QuestionType.SingleChoice, Options = ["Hà Nội", "Huế"], CorrectOptions = [0], TimeLimitSeconds = 30 },
            ],
        };
        ctx.QuestionBanks.Add(bank);
        await ctx.SaveChangesAsync();
        return bank.Id;
    }

    public async Task<(HttpClient Client, string Cookie)> HostAsync(ContestApp node)
    {
        if (_hosts.TryGetValue(node, out var known)) return known;
        var cookies = new CookieContainer();
        var client = node.CreateDefaultClient(new CookieContainerHandler(cookies));
        await AccountFlows.LoginAsync(client, ContestApp.AdminUser, ContestApp.AdminPassword);
        return _hosts[node] = (client, cookies.GetCookieHeader(client.BaseAddress!));
    }

    /// <summary>A game created through node A's API (so A runs it): accuracy scoring, both questions.</summary>
    public async Task<CreatedGame> CreateGameOnAAsync()
    {
        var (client, _) = await HostAsync(A);
        var response = await client.PostAsJsonAsync("/api/live/games", new CreateGameRequest { BankId = BankId, Scoring = ScoringMode.Accuracy }, LiveHarness.Json);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<CreatedGame>(LiveHarness.Json))!;
    }

    public async Task<HubConnection> ConnectAsync(ContestApp node, bool asHost = false)
    {
        var cookie = asHost ? (await HostAsync(node)).Cookie : null;
        var conn = await LiveHarness.ConnectAsync(node.Server, cookie);
        _connections.Add(conn);
        return conn;
    }

    private readonly HashSet<ContestApp> _stopped = [];

    /// <summary>The node goes away (its silo leaves the cluster): the games it ran are reactivated elsewhere on their next call.</summary>
    public async Task StopAsync(ContestApp node)
    {
        if (_hosts.Remove(node, out var host)) host.Client.Dispose();
        if (_stopped.Add(node)) await node.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var c in _connections) await c.DisposeAsync();
        foreach (var (client, _) in _hosts.Values) client.Dispose();
        if (_stopped.Add(B)) await B.DisposeAsync();
        if (_stopped.Add(A)) await A.DisposeAsync();
        await using (var mux = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(TestServers.Redis))
        {
            var server = mux.GetServers()[0];
            await foreach (var key in server.KeysAsync(pattern: Prefix + "*")) await mux.GetDatabase().KeyDeleteAsync(key);
        }
        await Db.DisposeAsync();
    }
}
