using Contest.Engine.LiveGames;
using Contest.Engine.Questions.Answers;
using Contest.Engine.Storage;
using Contest.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using static Contest.Engine.Tests.LiveGames.LiveTestData;

namespace Contest.Engine.Tests.LiveGames;

public class LiveGameServiceTests
{
    private sealed class Recorder : ILiveBroadcaster
    {
        public List<object> Sent { get; } = [];
        public Dictionary<string, List<object>> ToConnection { get; } = [];

        private Task Add(object o) { lock (Sent) Sent.Add(o); return Task.CompletedTask; }
        private void To(string c, object o) { lock (Sent) { if (!ToConnection.TryGetValue(c, out var l)) ToConnection[c] = l = []; l.Add(o); } }

        public Task QuestionOpened(LiveGame game, PlayerQuestion question) => Add(question);
        public Task Progress(LiveGame game, HostProgress progress) => Add(progress);
        // Personal messages are addressed by player; the test names each player's device as the hub would have.
        public Dictionary<Guid, string> Devices { get; } = [];

        public Task Revealed(LiveGame game, HostReveal host, IReadOnlyList<(Guid PlayerId, PlayerReveal Reveal)> players)
        {
            foreach (var (p, r) in players) To(Devices[p], r);
            return Add(host);
        }
        public Task LeaderboardShown(LiveGame game, HostLeaderboard leaderboard) => Add(leaderboard);
        public Task PodiumShown(LiveGame game, HostPodium podium, IReadOnlyList<(Guid PlayerId, PlayerFinal Final)> players)
        {
            foreach (var (p, f) in players) To(Devices[p], f);
            return Add(podium);
        }
        public Task PausedChanged(LiveGame game, bool paused, int remainingMs) => Add(paused);
        public Task Finished(LiveGame game) => Add("finished");
        public Task Kicked(LiveGame game, Guid playerId) { To(Devices[playerId], "kicked"); return Task.CompletedTask; }
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task A_whole_game_is_scored_ranked_and_stored(StorageProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var time = new FakeTimeProvider(T0);
        var recorder = new Recorder();
        await using var writer = new LiveWriter(database.NewContext);
        var service = new LocalGames(new LiveGameService(new LocalLivePins(), recorder, writer, database.NewContext, time,
            new LiveOptions { SealGrace = TimeSpan.Zero }), recorder.Devices);
        var questions = new[] { Single(), Multi() }.Select((q, i) => LiveQuestion.Create(i, q, null, null, new Random(1))).ToList();
        var game = await service.CreateAsync("  Thử   nghiệm ", questions, new GameSettings { PodiumSize = 3 }, "host", null);
        Assert.Equal("Thử nghiệm", game.Title);

        var (_, an, joinAn) = await service.JoinAsync(game.Pin, "An", null, "c-an");
        var (_, binh, _) = await service.JoinAsync(game.Pin, "Bình", null, "c-binh");
        var (_, chi, _) = await service.JoinAsync(game.Pin, "Chi", null, "c-chi");
        Assert.Equal("nickname-taken", (await Assert.ThrowsAsync<LiveGameException>(() => service.JoinAsync(game.Pin, "chi", null, "x"))).Code);
        Assert.Equal("unknown-pin", (await Assert.ThrowsAsync<LiveGameException>(() => service.JoinAsync(game.Pin == "999999" ? "999998" : "999999", "Dũng", null, "x"))).Code);
        Assert.Equal("bad-pin", (await Assert.ThrowsAsync<LiveGameException>(() => service.JoinAsync("12ab56", "Dũng", null, "x"))).Code);

        await service.StartAsync(game.Id);
        // Q1: An right at 2 s → 1000 × (1 − 0.5 × 2/20) = 950; Bình right at 10 s → 750; Chi wrong.
        time.Advance(TimeSpan.FromSeconds(2));
        await service.AnswerAsync(game.Id, an.Id, 0, SubmittedAnswer.Choice(2), time.GetUtcNow());
        time.Advance(TimeSpan.FromSeconds(8));
        await service.AnswerAsync(game.Id, binh.Id, 0, SubmittedAnswer.Choice(2), time.GetUtcNow());
        await service.AnswerAsync(game.Id, chi.Id, 0, SubmittedAnswer.Choice(0), time.GetUtcNow());
        await service.CloseWhenDueAsync(game); // everyone answered
        Assert.Equal(GamePhase.Reveal, game.Phase);

        var revealAn = (PlayerReveal)recorder.ToConnection["c-an"].Single();
        var revealBinh = (PlayerReveal)recorder.ToConnection["c-binh"].Single();
        var revealChi = (PlayerReveal)recorder.ToConnection["c-chi"].Single();
        Assert.Equal((true, 950, 950L, 1L, (long?)null), (revealAn.IsCorrect, revealAn.Points, revealAn.Score, revealAn.Rank, revealAn.GapToAhead));
        // Bình is 950 − 750 = 200 behind An.
        Assert.Equal((750L, 2L, (long?)200, "An"), (revealBinh.Score, revealBinh.Rank, revealBinh.GapToAhead, revealBinh.Ahead));
        Assert.Equal((false, 0L, 3L, (long?)750), (revealChi.IsCorrect, revealChi.Score, revealChi.Rank, revealChi.GapToAhead));

        await service.NextAsync(game.Id); // leaderboard
        // Each row says what the question just closed earned and the run after it.
        var board = (HostLeaderboard)recorder.Sent.Last(o => o is HostLeaderboard);
        Assert.Equal([("An", 1L, 950, 1), ("Bình", 2L, 750, 1), ("Chi", 3L, 0, 0)], board.Top.Select(s => (s.Nickname, s.Rank, s.LastPoints, s.Streak)));
        await service.NextAsync(game.Id); // Q2 opens
        // Q2 (10 s): Chi {0,1} at 1 s → 1000 × (1 − 0.05) = 950; An {0} at 5 s → ½ × 1000 × 0.75 = 375; Bình silent.
        time.Advance(TimeSpan.FromSeconds(1));
        await service.AnswerAsync(game.Id, chi.Id, 1, SubmittedAnswer.Choice(0, 1), time.GetUtcNow());
        time.Advance(TimeSpan.FromSeconds(4));
        await service.AnswerAsync(game.Id, an.Id, 1, SubmittedAnswer.Choice(0), time.GetUtcNow());
        var second = await Assert.ThrowsAsync<LiveGameException>(() => service.AnswerAsync(game.Id, an.Id, 1, SubmittedAnswer.Choice(0, 1), time.GetUtcNow()));
        Assert.Equal("already-answered", second.Code);
        time.Advance(TimeSpan.FromSeconds(5)); // the deadline timer fires at 10 s
        await service.CloseWhenDueAsync(game);
        Assert.Equal(GamePhase.Reveal, game.Phase);
        await service.NextAsync(game.Id);
        await service.NextAsync(game.Id); // podium
        Assert.Equal(GamePhase.Podium, game.Phase);

        // Totals: An 950 + 375 = 1325, Chi 0 + 950 = 950, Bình 750.
        var podium = (HostPodium)recorder.Sent.Last(o => o is HostPodium);
        Assert.Equal([("An", 1325L, 1L), ("Chi", 950L, 2L), ("Bình", 750L, 3L)], podium.Podium.Select(s => (s.Nickname, s.Score, s.Rank)));
        Assert.Equal(2L, podium.Podium[1].Rank);
        Assert.Equal(3L, podium.Podium[1].PreviousRank);
        // Q2 earned An 375 (partly right: the run ends), Chi 950 (run of 1), Bình nothing.
        Assert.Equal([(375, 0), (950, 1), (0, 0)], podium.Podium.Select(s => (s.LastPoints, s.Streak)));
        // Debrief of 3 players, 2 questions. Q1: 3 answered (2 s, 10 s, 10 s), 2 right → 67 %, mean 22000/3 = 7333 ms.
        // Q2: Chi right (1 s), An partly (5 s), Bình silent → 1 right → 33 %, mean 3000 ms. Overall 3 right of 6 → 50 %,
        // mean 28000/5 = 5600 ms; hardest: Q2 (1 right), then Q1 (2 right).
        var d = podium.Debrief;
        Assert.Equal((3, 2, 50, (long?)5600), (d.Players, d.Played, d.CorrectPercent, d.MeanAnswerMs));
        Assert.Equal([1, 0], d.Hardest);
        Assert.Equal([(3, 2, 0, 1, 0, 67, (long?)7333), (2, 1, 1, 0, 1, 33, (long?)3000)],
            d.Questions.Select(q => (q.Answered, q.Right, q.Partial, q.Wrong, q.NoAnswer, q.CorrectPercent, q.MeanAnswerMs)));
        Assert.Same(podium, game.HostState(time.GetUtcNow()).Podium);

        await using var db = database.NewContext();
        var answers = await db.Set<LiveAnswerRecord>().Where(a => a.GameId == game.Id).ToListAsync();
        Assert.Equal(5, answers.Count);
        Assert.Equal(1325, answers.Where(a => a.PlayerId == an.Id).Sum(a => a.Points));
        var players = await db.Set<LivePlayerRecord>().Where(p => p.GameId == game.Id).ToListAsync();
        Assert.Equal([("An", 1L, 1325L), ("Chi", 2L, 950L), ("Bình", 3L, 750L)],
            players.OrderBy(p => p.FinalRank).Select(p => (p.Nickname, p.FinalRank!.Value, p.FinalScore!.Value)));
        Assert.NotNull((await db.Set<LiveGameRecord>().SingleAsync(g => g.Id == game.Id)).FinishedAt);
        Assert.NotEqual(joinAn.ResumeToken, players.Single(p => p.Id == an.Id).ResumeTokenHash);
    }

    [Fact]
    public async Task The_database_refuses_a_second_answer_even_past_the_memory_check()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var writer = new LiveWriter(database.NewContext);
        var gameId = Guid.NewGuid();
        var playerId = Guid.NewGuid();
        await writer.WriteAsync(new LiveGameRecord { Id = gameId, Pin = "111111", Title = "t", Host = "h" });
        await writer.WriteAsync(new LivePlayerRecord { Id = playerId, GameId = gameId, Nickname = "An", ResumeTokenHash = "x" });
        LiveAnswerRecord Row() => new() { GameId = gameId, PlayerId = playerId, QuestionIndex = 0, Answer = "{}" };
        // Both land in one batch: the batch fails, the row-by-row retry stores the first and refuses only the second.
        var first = writer.WriteAsync(Row());
        var second = writer.WriteAsync(Row());
        await first;
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => second);
        await using var db = database.NewContext();
        Assert.Equal(1, await db.Set<LiveAnswerRecord>().CountAsync());
    }

    [Fact]
    public async Task Group_commit_stores_many_answers_in_few_transactions()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var writer = new LiveWriter(database.NewContext);
        var gameId = Guid.NewGuid();
        await writer.WriteAsync(new LiveGameRecord { Id = gameId, Pin = "111111", Title = "t", Host = "h" });
        var players = Enumerable.Range(0, 500).Select(i => new LivePlayerRecord { Id = Guid.NewGuid(), GameId = gameId, Nickname = $"p{i}", ResumeTokenHash = $"h{i}" }).ToList();
        await Task.WhenAll(players.Select(p => writer.WriteAsync(p)));
        var before = writer.Batches;
        await Task.WhenAll(players.Select(p => writer.WriteAsync(new LiveAnswerRecord { GameId = gameId, PlayerId = p.Id, QuestionIndex = 0, Answer = "{}" })));
        await using var db = database.NewContext();
        Assert.Equal(500, await db.Set<LiveAnswerRecord>().CountAsync());
        // 500 answers queued at once cannot need 500 commits.
        Assert.True(writer.Batches - before < 100, $"{writer.Batches - before} batches");
    }

    [Fact]
    public async Task Resume_token_restores_the_same_player_and_score()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        var time = new FakeTimeProvider(T0);
        await using var writer = new LiveWriter(database.NewContext);
        var recorder = new Recorder();
        var service = new LocalGames(new LiveGameService(new LocalLivePins(), recorder, writer, database.NewContext, time,
            new LiveOptions { SealGrace = TimeSpan.Zero }), recorder.Devices);
        var game = await service.CreateAsync("g", [LiveQuestion.Create(0, Single(), null, null, new Random(1))], new GameSettings(), "host", null);
        var (_, an, join) = await service.JoinAsync(game.Pin, "An", null, "c1");
        await service.JoinAsync(game.Pin, "Bình", null, "c9");
        await service.StartAsync(game.Id);
        await service.AnswerAsync(game.Id, an.Id, 0, SubmittedAnswer.Choice(2), time.GetUtcNow());
        var (_, again, state) = await service.ResumeAsync(game.Pin, join.ResumeToken, "c2");
        Assert.Equal((an.Id, 1000L, true, GamePhase.Question, "c2"), (again.Id, state.Score, state.Answered, state.Phase, again.ConnectionId));
        Assert.Equal("unknown-player", (await Assert.ThrowsAsync<LiveGameException>(() => service.ResumeAsync(game.Pin, "forged", "c3"))).Code);
    }
}
