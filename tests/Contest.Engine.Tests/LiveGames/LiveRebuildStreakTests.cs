using Contest.Engine.LiveGames;
using Contest.Engine.Questions;
using Contest.Engine.Questions.Answers;
using Contest.Engine.Storage;
using Contest.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using static Contest.Engine.Tests.LiveGames.LiveTestData;

namespace Contest.Engine.Tests.LiveGames;

/// <summary>A game rebuilt from the PostgreSQL rows (its grain reactivated on another node) carries on the streaks the same rule made.</summary>
public class LiveRebuildStreakTests
{
    private sealed class Silent : ILiveBroadcaster
    {
        public Task QuestionOpened(LiveGame game, PlayerQuestion question) => Task.CompletedTask;
        public Task Progress(LiveGame game, HostProgress progress) => Task.CompletedTask;
        public Task Revealed(LiveGame game, HostReveal host, IReadOnlyList<(Guid PlayerId, PlayerReveal Reveal)> players) => Task.CompletedTask;
        public Task LeaderboardShown(LiveGame game, HostLeaderboard leaderboard) => Task.CompletedTask;
        public Task PodiumShown(LiveGame game, HostPodium podium, IReadOnlyList<(Guid PlayerId, PlayerFinal Final)> players) => Task.CompletedTask;
        public Task PausedChanged(LiveGame game, bool paused, int remainingMs) => Task.CompletedTask;
        public Task Finished(LiveGame game) => Task.CompletedTask;
        public Task Kicked(LiveGame game, Guid playerId) => Task.CompletedTask;
    }

    [Fact]
    public async Task A_rebuilt_game_gives_the_same_streak_bonus_including_after_a_zero_point_question()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Postgres); // the loader serves multi-node play, which runs on PostgreSQL
        var time = new FakeTimeProvider(T0);
        await using var writer = new LiveWriter(database.NewContext);
        var service = new LocalGames(new LiveGameService(new LocalLivePins(), new Silent(), writer, database.NewContext, time,
            new LiveOptions { SealGrace = TimeSpan.Zero }), []);
        var bank = new QuestionBank { Name = "Chuỗi", Questions = [Single(0), Single(0, points: 0), Single(0), Single(0)] };
        await using (var ctx = database.NewContext())
        {
            ctx.QuestionBanks.Add(bank);
            await ctx.SaveChangesAsync();
        }
        // Accuracy, streak bonus; Q1 1000, Q2 0 points, Q3 and Q4 1000. An: right, right, right; Bình: right, silent, right.
        var questions = bank.Questions.Select((q, i) => LiveQuestion.Create(i, q, null, null, new Random(1))).ToList();
        var game = await service.CreateAsync("Chuỗi", questions, new GameSettings { Scoring = ScoringMode.Accuracy, StreakBonus = true }, "host", bank.Id);
        var (_, an, _) = await service.JoinAsync(game.Pin, "An", null, null);
        var (_, binh, _) = await service.JoinAsync(game.Pin, "Bình", null, null);
        await service.StartAsync(game.Id);
        for (var q = 0; q < 3; q++)
        {
            await service.AnswerAsync(game.Id, an.Id, q, SubmittedAnswer.Choice(2), time.GetUtcNow());
            if (q != 1)
            {
                await service.AnswerAsync(game.Id, binh.Id, q, SubmittedAnswer.Choice(2), time.GetUtcNow());
                await service.CloseWhenDueAsync(game); // everyone answered
            }
            else await service.SkipAsync(game.Id);
            await service.NextAsync(game.Id);
            await service.NextAsync(game.Id);
        }
        // Q4 is open. In memory: An's run is 3 (Q2's 0 points extended it, with no bonus), Bình's 1.
        Assert.Equal((3, 1), (an.Streak, binh.Streak));

        // Another node rebuilds the game from the rows, as it stands (the shared state a cluster keeps in the game row).
        await using (var ctx = database.NewContext())
        {
            await ctx.Set<LiveGameRecord>().Where(r => r.Id == game.Id).ExecuteUpdateAsync(u => u
                .SetProperty(r => r.Phase, GamePhase.Question).SetProperty(r => r.CurrentIndex, 3)
                .SetProperty(r => r.OpenedAt, game.OpenedAt!.Value.ToUniversalTime()).SetProperty(r => r.Deadline, game.Deadline!.Value.ToUniversalTime()));
        }
        LiveGame rebuilt;
        await using (var ctx = database.NewContext()) rebuilt = (await LiveGameLoader.LoadAsync(ctx, game.Id))!;
        Assert.Equal((3, 1), (rebuilt.Player(an.Id)!.Streak, rebuilt.Player(binh.Id)!.Streak));
        // Stored: An 1000 + 0 + (1000 + 200) = 2200 (no bonus on Q2); Bình 1000 + 1000 = 2000.
        Assert.Equal((2200L, 2000L), (rebuilt.Player(an.Id)!.Score, rebuilt.Player(binh.Id)!.Score));
        // Q4 on the rebuilt game: An's run of 4 → +300, Bình's run of 2 → +100.
        Assert.Equal(300, rebuilt.Submit(an.Id, 3, SubmittedAnswer.Choice(2), time.GetUtcNow()).StreakBonus);
        Assert.Equal(100, rebuilt.Submit(binh.Id, 3, SubmittedAnswer.Choice(2), time.GetUtcNow()).StreakBonus);
    }
}
