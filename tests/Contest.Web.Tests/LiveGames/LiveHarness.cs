using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Contest.Engine.Questions;
using Contest.Engine.Storage;
using Contest.Testing;
using Contest.Web.LiveGames;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Contest.Web.Tests.LiveGames;

/// <summary>The app in-process with a known three-question bank, a logged-in host, and real SignalR clients over WebSockets.</summary>
internal sealed class LiveHarness : IAsyncDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private readonly List<HubConnection> _connections = [];

    private LiveHarness(TestDatabase db, ContestApp app) { Db = db; App = app; }

    public TestDatabase Db { get; }
    public ContestApp App { get; }
    public string HostCookie { get; private set; } = "";
    public HttpClient Host { get; private set; } = null!;
    public int BankId { get; private set; }

    public static async Task<LiveHarness> StartAsync(StorageProvider provider = StorageProvider.Sqlite, IReadOnlyDictionary<string, string>? settings = null, TimeProvider? clock = null)
    {
        var db = await TestDatabase.CreateAsync(provider, migrate: false);
        var h = new LiveHarness(db, new ContestApp(db, settings, clock));
        var cookies = new CookieContainer();
        h.Host = h.App.CreateDefaultClient(new CookieContainerHandler(cookies));
        await AccountFlows.LoginAsync(h.Host, ContestApp.AdminUser, ContestApp.AdminPassword);
        h.HostCookie = cookies.GetCookieHeader(h.Host.BaseAddress!);
        h.BankId = await h.AddBankAsync();
        return h;
    }

    /// <summary>Q1 single choice (right: option 2), Q2 multiple select with partial credit (right: 0 and 1), Q3 fill-in "Hồ Chí Minh" (diacritics ignored).</summary>
    private async Task<int> AddBankAsync()
    {
        await using var ctx = App.Services.CreateScope().ServiceProvider.GetRequiredService<ContestDb>();
        var bank = new QuestionBank
        {
            Name = "Kiểm thử trực tiếp",
            Questions =
            [
                new Question { Text = "Đoàn thành lập năm nào?", Type = QuestionType.SingleChoice, Options = ["1930", "1941", "1931", "1945"], CorrectOptions = [2], TimeLimitSeconds = 20 },
                new Question { Text = "Chọn hai đáp án đúng", Type = QuestionType.MultipleSelect, Options = ["Đúng 1", "Đúng 2", "Sai 1", "Sai 2"], CorrectOptions = [0, 1], PartialCredit = true, TimeLimitSeconds = 20 },
                new Question { Text = "Ai sáng lập Đoàn?", Type = QuestionType.FillBlank, AcceptedAnswers = ["Hồ Chí Minh"], IgnoreDiacritics = true, TimeLimitSeconds = 20, Explanation = "Bác Hồ" },
            ],
        };
        ctx.QuestionBanks.Add(bank);
        await ctx.SaveChangesAsync();
        return bank.Id;
    }

    public async Task<CreatedGame> CreateGameAsync(CreateGameRequest? request = null)
    {
        var response = await Host.PostAsJsonAsync("/api/live/games", request ?? new CreateGameRequest { BankId = BankId, Scoring = Engine.LiveGames.ScoringMode.Accuracy }, Json);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<CreatedGame>(Json))!;
    }

    public async Task<HubConnection> ConnectAsync(bool asHost = false)
    {
        var conn = await ConnectAsync(App.Server, asHost ? HostCookie : null);
        _connections.Add(conn);
        return conn;
    }

    /// <summary>A started live-hub connection to an in-process server over its WebSocket, signed in when given a cookie.</summary>
    public static async Task<HubConnection> ConnectAsync(Microsoft.AspNetCore.TestHost.TestServer server, string? cookie)
    {
        var conn = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, LiveHub.Path), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.WebSocketFactory = async (ctx, ct) =>
                {
                    var ws = server.CreateWebSocketClient();
                    if (cookie is not null) ws.ConfigureRequest = r => r.Headers["Cookie"] = cookie;
                    return await ws.ConnectAsync(ctx.Uri, ct);
                };
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions = Json)
            .Build();
        await conn.StartAsync();
        return conn;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var c in _connections) await c.DisposeAsync();
        await App.DisposeAsync();
        await Db.DisposeAsync();
    }
}

/// <summary>Every message a connection receives, raw, in order, plus the typed ones a test waits for.</summary>
internal sealed class Inbox
{
    public static readonly string[] PlayerEvents = ["QuestionOpened", "Revealed", "GameOver", "PausedChanged", "Finished", "Kicked"];
    public static readonly string[] HostEvents = ["QuestionOpened", "HostProgress", "HostRevealed", "HostLeaderboard", "HostPodium", "PausedChanged", "Finished"];
    private readonly List<(string Name, string Json)> _all = [];
    private readonly SemaphoreSlim _signal = new(0);

    public Inbox(HubConnection conn, IEnumerable<string> events)
    {
        foreach (var name in events)
        {
            if (name == "Finished") conn.On(name, () => Add(name, "null"));
            else conn.On<JsonElement>(name, e => Add(name, e.GetRawText()));
        }
    }

    public IReadOnlyList<(string Name, string Json)> All { get { lock (_all) return _all.ToList(); } }

    private void Add(string name, string json)
    {
        lock (_all) _all.Add((name, json));
        _signal.Release();
    }

    /// <summary>Waits for the next message called <paramref name="name"/> after the first <paramref name="skip"/> of that name.</summary>
    public async Task<T> WaitAsync<T>(string name, int skip = 0)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var found = All.Where(m => m.Name == name).Skip(skip).FirstOrDefault();
            if (found.Name is not null) return JsonSerializer.Deserialize<T>(found.Json, LiveHarness.Json)!;
            var left = until - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) throw new TimeoutException($"No {name} message #{skip + 1}; got {string.Join(", ", All.Select(m => m.Name))}");
            await _signal.WaitAsync(left);
        }
    }
}
