using Contest.Engine.Leaderboards;
using Contest.Engine.LiveGames;
using Contest.Engine.Questions;
using Contest.Testing;
using Contest.Web.LiveCluster;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Contest.Web.Tests.LiveCluster;

/// <summary>
/// One web node's live-game parts, wired as LiveClusterSetup wires them, over a shared PostgreSQL database and a
/// shared Redis (one key prefix per test): what two nodes of a cluster hold, without two web servers. Screens get nothing.
/// </summary>
internal sealed class ClusterNode : IAsyncDisposable
{
    private readonly LiveWriter _writer;
    private readonly ServiceProvider _services;

    public ClusterNode(string name, TestDatabase db, IConnectionMultiplexer mux, string prefix, LiveOptions? live = null)
    {
        var keys = new LiveKeys(prefix);
        var options = new LiveClusterOptions { NodeId = name, RenewInterval = TimeSpan.FromMilliseconds(100) };
        Leaderboard = new RedisLeaderboard(mux, prefix);
        Sync = new RedisLiveSync(mux, keys, options, Leaderboard, db.NewContext);
        _writer = new LiveWriter(db.NewContext);
        Games = new LiveGameService(new InProcessLiveGameStore(), Leaderboard, new Silent(), _writer, db.NewContext, TimeProvider.System,
            live ?? new LiveOptions { SealGrace = TimeSpan.Zero }, Sync);
        _services = new ServiceCollection().AddSingleton<ILeaderboard>(Leaderboard).BuildServiceProvider();
        Cluster = new LiveClusterService(mux, keys, options, Sync, new LiveRelay(mux, keys, options, NullLogger<LiveRelay>.Instance), Games, _services,
            db.NewContext, TimeProvider.System, NullLogger<LiveClusterService>.Instance);
    }

    public RedisLeaderboard Leaderboard { get; }
    public RedisLiveSync Sync { get; }
    public LiveGameService Games { get; }
    public LiveClusterService Cluster { get; }

    public static async Task<Question> SeedQuestionAsync(TestDatabase db)
    {
        await using var ctx = db.NewContext();
        var bank = new QuestionBank { Name = "Lịch sử Đoàn" };
        var question = new Question { Type = QuestionType.SingleChoice, Text = "Đoàn thành lập năm nào?", Options = ["1930", "1931", "1941"], CorrectOptions = [1], Points = 1000, TimeLimitSeconds = 20 };
        bank.Questions.Add(question);
        ctx.QuestionBanks.Add(bank);
        await ctx.SaveChangesAsync();
        return question;
    }

    public Task<LiveGame> CreateGameAsync(Question question, string title = "Đố vui") =>
        Games.CreateAsync(title, [LiveQuestion.Create(0, question, null, null, new Random(1))], new GameSettings(), "host", null);

    public static async Task DeleteKeysAsync(IConnectionMultiplexer mux, string prefix)
    {
        await foreach (var key in mux.GetServers()[0].KeysAsync(pattern: prefix + "*")) await mux.GetDatabase().KeyDeleteAsync(key);
    }

    public async ValueTask DisposeAsync()
    {
        await Games.DisposeAsync();
        await _writer.DisposeAsync();
        await _services.DisposeAsync();
        Cluster.Dispose();
    }

    private sealed class Silent : ILiveBroadcaster
    {
        public Task QuestionOpened(LiveGame game, PlayerQuestion question) => Task.CompletedTask;
        public Task Progress(LiveGame game, HostProgress progress) => Task.CompletedTask;
        public Task Revealed(LiveGame game, HostReveal host, IReadOnlyList<(string ConnectionId, PlayerReveal Reveal)> players) => Task.CompletedTask;
        public Task LeaderboardShown(LiveGame game, HostLeaderboard leaderboard) => Task.CompletedTask;
        public Task PodiumShown(LiveGame game, HostPodium podium, IReadOnlyList<(string ConnectionId, PlayerFinal Final)> players) => Task.CompletedTask;
        public Task PausedChanged(LiveGame game, bool paused, int remainingMs) => Task.CompletedTask;
        public Task Finished(LiveGame game) => Task.CompletedTask;
        public Task Kicked(string connectionId) => Task.CompletedTask;
    }
}
