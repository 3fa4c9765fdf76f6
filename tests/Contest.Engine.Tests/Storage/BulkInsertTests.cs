using Contest.Engine.LiveGames;
using Contest.Engine.Storage;
using Contest.Testing;
using Microsoft.EntityFrameworkCore;

namespace Contest.Engine.Tests.Storage;

/// <summary>The group-commit insert must store exactly what SaveChanges would, on both providers.</summary>
public class BulkInsertTests
{
    public static TheoryData<StorageProvider> Providers => [StorageProvider.Sqlite, StorageProvider.Postgres];

    private static readonly DateTimeOffset Created = new(2026, 3, 26, 8, 0, 0, TimeSpan.Zero);

    [Theory, MemberData(nameof(Providers))]
    public async Task Rows_of_two_types_read_back_equal_through_ef(StorageProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var gameId = Guid.NewGuid();
        await using (var ctx = database.NewContext())
        {
            ctx.Add(new LiveGameRecord { Id = gameId, Pin = "123456", Title = "Bulk", Host = "admin", PodiumSize = 3, TimerFactor = 1, CreatedAt = Created });
            await ctx.SaveChangesAsync();
        }

        // "Hồ" typed with a combining grave accent (decomposed) must be stored composed, as SaveChanges stores it.
        var decomposed = "Ho\u0302\u0300 Chi\u0301 Minh";
        var players = Enumerable.Range(0, 450).Select(i => new LivePlayerRecord
        {
            Id = Guid.NewGuid(), GameId = gameId, Nickname = i == 0 ? decomposed : $"p{i}", UnitId = i % 2 == 0 ? null : i, UnitName = i % 2 == 0 ? null : "Đoàn xã",
            ResumeTokenHash = $"{i:D64}", JoinedAt = Created.AddMilliseconds(i * 7.5),
        }).ToList();
        // 450 players × 9 columns and 450 answers × 13 columns need several statements (2,000 parameters each).
        var answers = players.Select((p, i) => new LiveAnswerRecord
        {
            GameId = gameId, PlayerId = p.Id, QuestionIndex = 0, QuestionId = 42, Answer = $"{{\"options\":[{i % 4}]}}",
            ReceivedAt = Created.AddSeconds(1).AddMicroseconds(i * 123) /* PostgreSQL keeps microseconds */, ElapsedMs = i, Correct = i % 4 == 1, Credit = i % 4 == 1 ? 1 : 0.25,
            BasePoints = i % 4 == 1 ? 1000 - i : 0, StreakBonus = i % 3, Points = i % 4 == 1 ? 1000 - i + i % 3 : i % 3,
        }).ToList();

        await using (var ctx = database.NewContext())
        {
            await BulkInsert.InsertAsync(ctx, [.. players.Cast<object>(), .. answers]);
        }

        await using var read = database.NewContext();
        var storedPlayers = await read.Set<LivePlayerRecord>().AsNoTracking().ToDictionaryAsync(p => p.Id);
        Assert.Equal(450, storedPlayers.Count);
        Assert.Equal("Hồ Chí Minh", storedPlayers[players[0].Id].Nickname);
        Assert.True(storedPlayers[players[0].Id].Nickname.IsNormalized());
        foreach (var p in players.Skip(1))
        {
            var s = storedPlayers[p.Id];
            Assert.Equal((p.Nickname, p.UnitId, p.UnitName, p.ResumeTokenHash, p.JoinedAt, p.Kicked, p.FinalScore), (s.Nickname, s.UnitId, s.UnitName, s.ResumeTokenHash, s.JoinedAt, s.Kicked, s.FinalScore));
        }

        var storedAnswers = await read.Set<LiveAnswerRecord>().AsNoTracking().ToDictionaryAsync(a => a.PlayerId);
        Assert.Equal(450, storedAnswers.Count);
        Assert.Equal(450, storedAnswers.Values.Select(a => a.Id).Distinct().Count());
        foreach (var a in answers)
        {
            var s = storedAnswers[a.PlayerId];
            Assert.Equal((a.Answer, a.ReceivedAt, a.ElapsedMs, a.Correct, a.Credit, a.BasePoints, a.StreakBonus, a.Points),
                (s.Answer, s.ReceivedAt, s.ElapsedMs, s.Correct, s.Credit, s.BasePoints, s.StreakBonus, s.Points));
        }
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_batch_with_one_duplicate_stores_nothing(StorageProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var gameId = Guid.NewGuid();
        var playerId = Guid.NewGuid();
        await using (var ctx = database.NewContext())
        {
            ctx.Add(new LiveGameRecord { Id = gameId, Pin = "654321", Title = "Dup", Host = "admin", PodiumSize = 3, TimerFactor = 1, CreatedAt = Created });
            ctx.Add(new LivePlayerRecord { Id = playerId, GameId = gameId, Nickname = "An", ResumeTokenHash = "h", JoinedAt = Created });
            await ctx.SaveChangesAsync();
        }
        LiveAnswerRecord Answer(int q) => new() { GameId = gameId, PlayerId = playerId, QuestionIndex = q, QuestionId = 1, Answer = "{}", ReceivedAt = Created };

        // The unique (game, player, question) index refuses the third row, so the whole batch is rolled back:
        // the writer then retries row by row and only the duplicate's caller is refused.
        await using (var ctx = database.NewContext())
        {
            await Assert.ThrowsAnyAsync<Exception>(() => BulkInsert.InsertAsync(ctx, [Answer(0), Answer(1), Answer(0)]));
        }

        await using var read = database.NewContext();
        Assert.Equal(0, await read.Set<LiveAnswerRecord>().CountAsync());
    }
}
