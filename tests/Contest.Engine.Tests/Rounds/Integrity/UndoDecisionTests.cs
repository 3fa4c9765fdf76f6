using Contest.Engine.Rounds;
using Contest.Engine.Rounds.Integrity;
using Contest.Engine.Storage;
using Contest.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using static Contest.Engine.Tests.Rounds.Integrity.VoidReRankTests;

namespace Contest.Engine.Tests.Rounds.Integrity;

/// <summary>
/// An organizer's decision taken back before publish: the round of <see cref="VoidReRankTests"/> (D first, voided, then
/// let back in), worked by hand there. The audit keeps the decision and its undoing; after publish the undo is refused.
/// </summary>
public class UndoDecisionTests
{
    [Theory, MemberData(nameof(Providers), MemberType = typeof(VoidReRankTests))]
    public async Task Undoing_a_void_ranks_and_awards_as_before_and_the_audit_keeps_both(StorageProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(T0);
        var s = await SeedAsync(db);
        clock.SetUtcNow(T0.AddHours(1));
        await using (var ctx = db.NewContext()) Assert.True(await new RoundLifecycle(ctx, clock).CloseAsync(s.RoundId));
        clock.Advance(TimeSpan.FromMinutes(5));
        await using (var ctx = db.NewContext())
        {
            var queue = new ReviewQueue(ctx, clock);
            Assert.Equal("review-not-decided", (await queue.UndoAsync(s.RoundId, s.D, "btc"))?.Code);
            Assert.Null(await queue.VoidAsync(s.RoundId, s.D, "Tài khoản thứ hai", "btc@tinhdoan.vn"));
        }
        await using (var ctx = db.NewContext()) Assert.Equal([(1, s.A), (2, s.B), (3, s.C)], await RanksAsync(ctx, s.RoundId));

        clock.Advance(TimeSpan.FromMinutes(3));
        await using (var ctx = db.NewContext()) Assert.Null(await new ReviewQueue(ctx, clock).UndoAsync(s.RoundId, s.D, "truongban@tinhdoan.vn"));
        await using (var ctx = db.NewContext())
        {
            // Back as before the void: D 1st, A 2nd, B 3rd, C 4th; Nhất D, Nhì A, prediction D; 3 all correct.
            Assert.Equal([(1, s.D), (2, s.A), (3, s.B), (4, s.C)], await RanksAsync(ctx, s.RoundId));
            Assert.Equal(["Giải Nhất:" + s.D, "Giải Nhì:" + s.A, "Giải dự đoán:" + s.D], await PrizesAsync(ctx, s.RoundId));
            Assert.Equal(3, (await ctx.Set<ContestRound>().SingleAsync(r => r.Id == s.RoundId)).AllCorrectCount);
            var d = await ctx.Set<IntegrityDecision>().SingleAsync();
            Assert.Equal((DecisionOutcome.Voided, "btc@tinhdoan.vn", T0.AddHours(1).AddMinutes(5), "truongban@tinhdoan.vn", (DateTimeOffset?)T0.AddHours(1).AddMinutes(8)),
                (d.Outcome, d.DecidedBy, d.DecidedAt, d.UndoneBy, d.UndoneAt));
            var review = await ctx.Set<RoundEvent>().Where(e => e.RoundId == s.RoundId && e.Kind == "review").OrderBy(e => e.Id).Select(e => e.Detail).ToListAsync();
            Assert.Equal(2, review.Count);
            Assert.Equal("undo Voided participant " + s.D + " by truongban@tinhdoan.vn (decided by btc@tinhdoan.vn): re-ranked 4, 3 all correct, 3 prizes", review[1]);
            var view = (await new ReviewQueue(ctx, clock).GetAsync(s.RoundId))!;
            Assert.Empty(view.Decided);
            Assert.Equal(d.Id, Assert.Single(view.Undone!).Id);
        }

        // A new decision may follow the undone one (the unique index holds standing decisions only); clearing needs a flag, so void again.
        await using (var ctx = db.NewContext())
        {
            var queue = new ReviewQueue(ctx, clock);
            Assert.Null(await queue.VoidAsync(s.RoundId, s.D, "Xem lại: đúng là tài khoản thứ hai", "btc"));
            Assert.Equal("review-already-decided", (await queue.VoidAsync(s.RoundId, s.D, "lần nữa", "btc"))?.Code);
        }
        await using (var ctx = db.NewContext())
        {
            Assert.Equal([(1, s.A), (2, s.B), (3, s.C)], await RanksAsync(ctx, s.RoundId));
            Assert.Equal(2, await ctx.Set<IntegrityDecision>().CountAsync());
            Assert.Null(await new RoundLifecycle(ctx, clock).PublishNowAsync(s.RoundId, "btc"));
        }
        // After publish the participants have seen the results: the undo is refused with that reason, and nothing moves.
        await using (var ctx = db.NewContext())
        {
            Assert.Equal("review-undo-published", (await new ReviewQueue(ctx, clock).UndoAsync(s.RoundId, s.D, "btc"))?.Code);
            Assert.Equal([(1, s.A), (2, s.B), (3, s.C)], await RanksAsync(ctx, s.RoundId));
            Assert.Equal(1, await ctx.Set<IntegrityDecision>().CountAsync(x => x.UndoneAt == null));
        }
    }

    [Fact]
    public async Task Undoing_a_cleared_flag_puts_the_entry_back_in_the_queue_and_holds_the_publish_again()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        var kit = await IntegrityKit.CreateAsync(db);
        var fast = await kit.PersonAsync();
        await kit.TakeAsync(fast, IntegrityKit.T0.AddMinutes(1), new ClientOrigin("dev-1", "10.0.0.1"), IntegrityKit.Every(500), [0, 0, 0, 0, 0], 5_000);
        kit.Clock.SetUtcNow(IntegrityKit.T0.AddHours(2));
        await using (var ctx = db.NewContext()) Assert.True(await new RoundLifecycle(ctx, kit.Clock).CloseAsync(kit.RoundId));
        await using (var ctx = db.NewContext())
        {
            var queue = new ReviewQueue(ctx, kit.Clock);
            Assert.Equal(1, await queue.UndecidedAsync(kit.RoundId));
            Assert.Null(await queue.ClearAsync(kit.RoundId, fast, "Đọc nhanh thật, đã gọi điện xác minh", "btc"));
            Assert.Equal(0, await queue.UndecidedAsync(kit.RoundId));
            Assert.Null(await queue.UndoAsync(kit.RoundId, fast, "btc"));
            Assert.Equal(1, await queue.UndecidedAsync(kit.RoundId));
            Assert.Equal("review-pending", (await new RoundLifecycle(ctx, kit.Clock).PublishNowAsync(kit.RoundId, "btc"))?.Code);
        }
    }

    private static async Task<List<(int, int)>> RanksAsync(ContestDb ctx, int roundId) =>
        (await ctx.Set<RoundResult>().Where(r => r.RoundId == roundId).OrderBy(r => r.Rank).Select(r => new { r.Rank, r.ParticipantId }).ToListAsync())
        .Select(r => (r.Rank, r.ParticipantId)).ToList();

    private static async Task<List<string>> PrizesAsync(ContestDb ctx, int roundId) =>
        (await ctx.Set<RoundPrize>().Where(p => p.RoundId == roundId).OrderBy(p => p.Id).Select(p => new { p.Name, p.ParticipantId }).ToListAsync())
        .Select(p => $"{p.Name}:{p.ParticipantId}").ToList();
}
