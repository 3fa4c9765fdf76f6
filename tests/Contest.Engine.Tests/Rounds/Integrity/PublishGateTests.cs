using Contest.Engine.Rounds;
using Contest.Engine.Rounds.Integrity;
using Contest.Engine.Storage;
using Contest.Testing;
using Microsoft.EntityFrameworkCore;

namespace Contest.Engine.Tests.Rounds.Integrity;

/// <summary>
/// Publishing waits for the review queue: the scheduled publish (the job's <see cref="RoundLifecycle.PublishAsync"/>)
/// is held and logged once, the organizer's "publish now" is refused, until every flag is decided or the review is
/// skipped (recorded). Real flags from the evidence branch's rules: five answers 100 ms apart against a 4 s reading floor.
/// </summary>
public class PublishGateTests
{
    public static TheoryData<StorageProvider> Providers => [StorageProvider.Sqlite, StorageProvider.Postgres];

    private static readonly ClientOrigin Home = new("device-home", "203.0.113.0");
    private static readonly ClientOrigin Other = new("device-other", "198.51.100.0");

    /// <summary>A fast one (flagged: 5 of 5 answers under the floor) and a reader (5 s a question: not flagged); closed at 10:00.</summary>
    private static async Task<(IntegrityKit Kit, int Fast, int Reader)> ClosedRoundAsync(TestDatabase db)
    {
        var kit = await IntegrityKit.CreateAsync(db);
        var fast = await kit.PersonAsync();
        var reader = await kit.PersonAsync();
        await kit.TakeAsync(fast, IntegrityKit.T0.AddMinutes(5), Home, IntegrityKit.Every(100), [0, 0, 0, 0, 0], 1_000);
        await kit.TakeAsync(reader, IntegrityKit.T0.AddMinutes(6), Other, IntegrityKit.Every(5_000), [0, 0, 0, 1, 1], 30_000);
        kit.Clock.SetUtcNow(IntegrityKit.T0.AddHours(2));
        await using var ctx = db.NewContext();
        Assert.True(await new RoundLifecycle(ctx, kit.Clock).CloseAsync(kit.RoundId));
        return (kit, fast, reader);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task The_scheduled_publish_is_held_and_logged_once_until_the_last_flag_is_decided(StorageProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var (kit, fast, _) = await ClosedRoundAsync(db);

        await using (var ctx = db.NewContext())
        {
            var queue = await new ReviewQueue(ctx, kit.Clock).GetAsync(kit.RoundId);
            Assert.Equal([fast], queue!.Pending.Select(p => p.ParticipantId));
            Assert.Equal(1, await new ReviewQueue(ctx, kit.Clock).UndecidedAsync(kit.RoundId));
        }
        // The job runs at the publish time, and the sweeper retries it: held both times, logged once.
        foreach (var _ in new[] { 1, 2 })
        {
            kit.Clock.Advance(TimeSpan.FromSeconds(20));
            await using var ctx = db.NewContext();
            Assert.False(await new RoundLifecycle(ctx, kit.Clock).PublishAsync(kit.RoundId));
        }
        await using (var ctx = db.NewContext())
        {
            var held = await ctx.Set<RoundEvent>().Where(e => e.RoundId == kit.RoundId && e.Kind == "publish").Select(e => new { e.Changed, e.Detail }).ToListAsync();
            Assert.Equal([(false, "held: 1 flagged entries await a decision in the review queue")], held.Select(e => (e.Changed, e.Detail)));
            Assert.Equal(RoundStatus.Closed, (await ctx.Set<ContestRound>().SingleAsync(r => r.Id == kit.RoundId)).Status);
            // The organizer's button is refused the same way.
            Assert.Equal("review-pending", (await new RoundLifecycle(ctx, kit.Clock).PublishNowAsync(kit.RoundId, "btc"))?.Code);
            // Only flagged entries can be cleared.
            Assert.Equal("review-no-entry", (await new ReviewQueue(ctx, kit.Clock).ClearAsync(kit.RoundId, fast + 1, null, "btc"))?.Code);
            Assert.Null(await new ReviewQueue(ctx, kit.Clock).ClearAsync(kit.RoundId, fast, "Đã gọi điện: em đọc nhanh, làm lại trước mặt cán bộ đoàn.", "btc"));
        }
        kit.Clock.Advance(TimeSpan.FromSeconds(20));
        await using (var ctx = db.NewContext())
        {
            Assert.Equal(0, await new ReviewQueue(ctx, kit.Clock).UndecidedAsync(kit.RoundId));
            Assert.True(await new RoundLifecycle(ctx, kit.Clock).PublishAsync(kit.RoundId));
            var round = await ctx.Set<ContestRound>().SingleAsync(r => r.Id == kit.RoundId);
            Assert.Equal((RoundStatus.Published, kit.Clock.GetUtcNow()), (round.Status, round.PublishedAt!.Value));
            // Cleared, not voided: both stay ranked.
            Assert.Equal(2, await ctx.Set<RoundResult>().CountAsync(r => r.RoundId == kit.RoundId));
        }
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Skipping_the_review_is_recorded_and_lets_the_organizer_publish(StorageProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var (kit, _, _) = await ClosedRoundAsync(db);
        kit.Clock.Advance(TimeSpan.FromMinutes(1));
        await using (var ctx = db.NewContext())
        {
            Assert.Null(await new ReviewQueue(ctx, kit.Clock).SkipAsync(kit.RoundId, "Hội đồng đã họp, giữ nguyên kết quả.", "btc@tinhdoan.vn"));
            Assert.Equal("review-already-skipped", (await new ReviewQueue(ctx, kit.Clock).SkipAsync(kit.RoundId, null, "btc@tinhdoan.vn"))?.Code);
        }
        await using (var ctx = db.NewContext())
        {
            var skip = await ctx.Set<ReviewSkip>().SingleAsync();
            Assert.Equal((kit.RoundId, "btc@tinhdoan.vn", 1, kit.Clock.GetUtcNow()), (skip.RoundId, skip.SkippedBy, skip.Undecided, skip.SkippedAt));
            Assert.Null(await new ReviewQueue(ctx, kit.Clock).UndecidedAsync(kit.RoundId));
            Assert.Null(await new RoundLifecycle(ctx, kit.Clock).PublishNowAsync(kit.RoundId, "btc@tinhdoan.vn"));
            Assert.Equal("round-already-published", (await new RoundLifecycle(ctx, kit.Clock).PublishNowAsync(kit.RoundId, "btc@tinhdoan.vn"))?.Code);
            Assert.Contains(await ctx.Set<RoundEvent>().Where(e => e.RoundId == kit.RoundId && e.Kind == "publish").Select(e => e.Detail).ToListAsync(), d => d == "by btc@tinhdoan.vn");
        }
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_round_without_flags_publishes_on_time_as_before(StorageProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var kit = await IntegrityKit.CreateAsync(db);
        var reader = await kit.PersonAsync();
        await kit.TakeAsync(reader, IntegrityKit.T0.AddMinutes(6), Other, IntegrityKit.Every(5_000), [0, 0, 0, 0, 0], 30_000);
        kit.Clock.SetUtcNow(IntegrityKit.T0.AddHours(2));
        await using var ctx = db.NewContext();
        Assert.True(await new RoundLifecycle(ctx, kit.Clock).CloseAsync(kit.RoundId));
        Assert.True(await new RoundLifecycle(ctx, kit.Clock).PublishAsync(kit.RoundId));
    }
}
