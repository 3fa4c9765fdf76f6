using Contest.Engine.Accounts;
using Contest.Engine.Contests;
using Contest.Engine.Rounds;
using Contest.Engine.Rounds.Integrity;
using Contest.Engine.Storage;
using Contest.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Contest.Engine.Tests.Rounds.Integrity;

/// <summary>
/// Voiding an entry in the review queue ranks the round again and awards its prizes again, with the usual rules, before
/// anything is published. Every case runs on SQLite and PostgreSQL; the expected values are worked by hand below.
/// </summary>
public class VoidReRankTests
{
    public static TheoryData<StorageProvider> Providers => [StorageProvider.Sqlite, StorageProvider.Postgres];

    internal static readonly DateTimeOffset T0 = new(2023, 3, 6, 1, 0, 0, TimeSpan.Zero); // Monday 08:00 in Vietnam

    // Three questions; prizes: Nhất (1), Nhì (1), closest prediction (1).
    //            correct  prediction  time   submitted
    // A (P1)       3          2       200 s   08:10
    // B (P2)       3          1       300 s   08:12
    // C (P3)       2          1       100 s   08:05
    // D (P4)       3          3        30 s   08:02   ← the entry voided
    // Before: all correct = 3 (A, B, D); distances A 1, B 2, C 2, D 0 → D 1st, A 2nd, B 3rd, C 4th;
    //         Nhất D, Nhì A, prediction D.
    // After voiding D: all correct = 2 (A, B); distances A 0, B 1, C 1 → A 1st, B 2nd, C 3rd; Nhất A, Nhì B, prediction A.
    [Theory, MemberData(nameof(Providers))]
    public async Task Voiding_the_winner_re_ranks_and_re_awards_and_the_public_sees_it_only_when_published(StorageProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(T0);
        var s = await SeedAsync(db);
        clock.SetUtcNow(T0.AddHours(1));
        await using (var ctx = db.NewContext()) Assert.True(await new RoundLifecycle(ctx, clock).CloseAsync(s.RoundId));

        await using (var ctx = db.NewContext())
        {
            Assert.Equal([(1, s.D), (2, s.A), (3, s.B), (4, s.C)], await RanksAsync(ctx, s.RoundId));
            Assert.Equal(["Giải Nhất:" + s.D, "Giải Nhì:" + s.A, "Giải dự đoán:" + s.D], await PrizesAsync(ctx, s.RoundId));
        }

        clock.Advance(TimeSpan.FromMinutes(5));
        await using (var ctx = db.NewContext())
        {
            Assert.Null(await new ReviewQueue(ctx, clock).VoidAsync(s.RoundId, s.D, "Trả lời 3 câu trong 30 giây từ tài khoản thứ hai trên cùng thiết bị", "btc@tinhdoan.vn"));
        }

        await using (var ctx = db.NewContext())
        {
            Assert.Equal([(1, s.A), (2, s.B), (3, s.C)], await RanksAsync(ctx, s.RoundId));
            Assert.Equal(["Giải Nhất:" + s.A, "Giải Nhì:" + s.B, "Giải dự đoán:" + s.A], await PrizesAsync(ctx, s.RoundId));
            var round = await ctx.Set<ContestRound>().SingleAsync(r => r.Id == s.RoundId);
            Assert.Equal(2, round.AllCorrectCount);
            Assert.Equal(RoundStatus.Closed, round.Status);
            var errors = await ctx.Set<RoundResult>().Where(r => r.RoundId == s.RoundId).OrderBy(r => r.Rank).Select(r => r.PredictionError).ToListAsync();
            Assert.Equal([0, 1, 1], errors);
            // Kept for audit: the voided attempt, and the decision with who and when.
            Assert.Equal(1, await ctx.Set<RoundAttempt>().CountAsync(a => a.RoundId == s.RoundId && a.ParticipantId == s.D));
            var d = await ctx.Set<IntegrityDecision>().SingleAsync();
            Assert.Equal((DecisionOutcome.Voided, s.D, "btc@tinhdoan.vn", T0.AddHours(1).AddMinutes(5)), (d.Outcome, d.ParticipantId, d.DecidedBy, d.DecidedAt));
            Assert.StartsWith("Trả lời 3 câu", d.Reason);
            Assert.Contains(await ctx.Set<RoundEvent>().Where(e => e.RoundId == s.RoundId && e.Kind == "review").Select(e => e.Detail).ToListAsync(),
                x => x.Contains("re-ranked 3, 2 all correct, 3 prizes"));
            // The public results page shows nothing until the round is published.
            Assert.Null(await new RoundResultsQuery(ctx).GetAsync(s.RoundId, staff: false));
        }

        await using (var ctx = db.NewContext())
        {
            Assert.Null(await new RoundLifecycle(ctx, clock).PublishNowAsync(s.RoundId, "btc@tinhdoan.vn"));
            var view = await new RoundResultsQuery(ctx).GetAsync(s.RoundId, staff: false);
            Assert.Equal(["Nguyễn Văn A", "Lê Thị B", "Phạm Văn C"], view!.Ranking.Select(r => r.FullName));
            Assert.Equal(2, view.AllCorrectCount);
            // Decisions end with the publish.
            Assert.Equal("review-not-open", (await new ReviewQueue(ctx, clock).ClearAsync(s.RoundId, s.A, null, "x"))?.Code);
        }
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task The_owner_sees_the_deciding_key_against_the_people_above_and_below(StorageProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(T0);
        var s = await SeedAsync(db);
        clock.SetUtcNow(T0.AddHours(1));
        await using (var ctx = db.NewContext())
        {
            Assert.True(await new RoundLifecycle(ctx, clock).CloseAsync(s.RoundId));
            Assert.Null(await new RankChain(ctx).ForAsync(s.RoundId, s.A)); // not published yet
        }
        await using (var ctx = db.NewContext()) Assert.Null(await new RoundLifecycle(ctx, clock).PublishNowAsync(s.RoundId, "btc"));

        await using (var ctx = db.NewContext())
        {
            var chains = new RankChain(ctx);
            // A (2nd): below D on the prediction (D off by 0, A by 1), above B on the prediction (B off by 2).
            var a = (await chains.ForAsync(s.RoundId, s.A))!;
            Assert.Equal((2, 4, 3), (a.Me.Rank, a.Ranked, a.AllCorrectCount));
            Assert.Equal((s.D, RankCriterion.Prediction, 1L), (a.Above!.Other.ParticipantId, a.Above.Criterion, a.Above.Difference));
            Assert.Equal((s.B, RankCriterion.Prediction, 1L), (a.Below!.Other.ParticipantId, a.Below.Criterion, a.Below.Difference));
            // B (3rd) is above C by one correct answer.
            var b = (await chains.ForAsync(s.RoundId, s.B))!;
            Assert.Equal((s.C, RankCriterion.Correct, 1L), (b.Below!.Other.ParticipantId, b.Below.Criterion, b.Below.Difference));
            Assert.Equal("Lê Thị B", b.Me.Name);
            // D is first; C is last.
            Assert.Null((await chains.ForAsync(s.RoundId, s.D))!.Above);
            Assert.Null((await chains.ForAsync(s.RoundId, s.C))!.Below);
        }
        // Equal correct answers and distances: time decides, then submission.
        var up = new ChainRow(1, 1, "X", 3, 2, 0, 100_000, T0);
        Assert.Equal((RankCriterion.Time, 20_000L), Pair(RankChain.Compare(up, up with { ParticipantId = 2, TimeTakenMs = 120_000 })));
        Assert.Equal((RankCriterion.Submission, 60_000L), Pair(RankChain.Compare(up, up with { ParticipantId = 2, SubmittedAt = T0.AddMinutes(1) })));
        Assert.Equal((RankCriterion.NoPrediction, 0L), Pair(RankChain.Compare(up, up with { ParticipantId = 2, Prediction = null, PredictionError = null })));
        Assert.Equal((RankCriterion.Tie, 0L), Pair(RankChain.Compare(up, up with { ParticipantId = 2 })));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Decisions_are_refused_with_a_reason_outside_the_review_window(StorageProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(T0.AddMinutes(30));
        var s = await SeedAsync(db);
        await using (var ctx = db.NewContext())
        {
            var queue = new ReviewQueue(ctx, clock);
            Assert.Equal("review-not-open", (await queue.VoidAsync(s.RoundId, s.D, "gian lận", "btc"))?.Code); // still open
            Assert.Equal("not-found", (await queue.VoidAsync(9999, s.D, "gian lận", "btc"))?.Code);
        }
        clock.SetUtcNow(T0.AddHours(1));
        await using (var ctx = db.NewContext()) Assert.True(await new RoundLifecycle(ctx, clock).CloseAsync(s.RoundId));
        await using (var ctx = db.NewContext())
        {
            var queue = new ReviewQueue(ctx, clock);
            Assert.Equal("void-reason-required", (await queue.VoidAsync(s.RoundId, s.D, "   ", "btc"))?.Code);
            Assert.Equal("review-reason-long", (await queue.VoidAsync(s.RoundId, s.D, new string('x', 1001), "btc"))?.Code);
            Assert.Equal("review-no-entry", (await queue.VoidAsync(s.RoundId, s.Outsider, "không dự thi", "btc"))?.Code);
            Assert.Null(await queue.VoidAsync(s.RoundId, s.D, "gian lận", "btc"));
            Assert.Equal("review-already-decided", (await queue.VoidAsync(s.RoundId, s.D, "lần nữa", "btc"))?.Code);
            // Nothing flagged, nothing left to skip.
            Assert.Equal("review-nothing-to-skip", (await queue.SkipAsync(s.RoundId, null, "btc"))?.Code);
        }
    }

    private static (RankCriterion, long) Pair(ChainStep s) => (s.Criterion, s.Difference);

    private static async Task<List<(int, int)>> RanksAsync(ContestDb ctx, int roundId) =>
        (await ctx.Set<RoundResult>().Where(r => r.RoundId == roundId).OrderBy(r => r.Rank).Select(r => new { r.Rank, r.ParticipantId }).ToListAsync())
        .Select(r => (r.Rank, r.ParticipantId)).ToList();

    private static async Task<List<string>> PrizesAsync(ContestDb ctx, int roundId) =>
        (await ctx.Set<RoundPrize>().Where(p => p.RoundId == roundId).OrderBy(p => p.Id).Select(p => new { p.Name, p.ParticipantId }).ToListAsync())
        .Select(p => $"{p.Name}:{p.ParticipantId}").ToList();

    internal sealed record Seeded(int RoundId, int A, int B, int C, int D, int Outsider);

    /// <summary>A three-question round 08:00–09:00 with the four finished attempts of the table above, and one registered person who never took it.</summary>
    internal static async Task<Seeded> SeedAsync(TestDatabase db)
    {
        await using var ctx = db.NewContext();
        var contest = new ContestInfo { Name = "Tìm hiểu Nghị quyết Đại hội Đoàn", Kind = ContestKind.OnlineRound };
        ctx.Contests.Add(contest);
        await ctx.SaveChangesAsync();
        var round = new ContestRound
        {
            ContestId = contest.Id, Name = "Tuần 1", OpensAt = T0, ClosesAt = T0.AddHours(1), Status = RoundStatus.Open, OpenedAt = T0,
            Selection = SelectionMode.Random, QuestionCount = 3, BankIds = [1],
            Prizes =
            [
                new PrizeRule { Kind = PrizeKind.RankTier, Name = "Giải Nhất", Count = 1, SortOrder = 1 },
                new PrizeRule { Kind = PrizeKind.RankTier, Name = "Giải Nhì", Count = 1, SortOrder = 2 },
                new PrizeRule { Kind = PrizeKind.ClosestPrediction, Name = "Giải dự đoán", Count = 1, SortOrder = 3 },
            ],
        };
        ctx.Add(round);
        var ids = new List<int>();
        foreach (var (name, phone) in new[] { ("Nguyễn Văn A", "0912000001"), ("Lê Thị B", "0912000002"), ("Phạm Văn C", "0912000003"), ("Trần Văn D", "0912000004"), ("Đỗ Thị E", "0912000005") })
        {
            var user = new AppUser { UserName = phone };
            ctx.Users.Add(user);
            var p = new RoundParticipant { UserId = user.Id, FullName = name, Phone = phone, CreatedAt = T0.AddDays(-1) };
            ctx.Add(p);
            await ctx.SaveChangesAsync();
            ids.Add(p.Id);
        }
        foreach (var (who, correct, prediction, seconds, minute) in new[] { (0, 3, 2, 200, 10), (1, 3, 1, 300, 12), (2, 2, 1, 100, 5), (3, 3, 3, 30, 2) })
        {
            var finished = T0.AddMinutes(minute);
            ctx.Add(new RoundAttempt
            {
                RoundId = round.Id, ParticipantId = ids[who], Number = 1, StartedAt = finished.AddSeconds(-seconds), Deadline = finished.AddSeconds(-seconds).AddMinutes(10),
                FinishedAt = finished, End = AttemptEnd.Submitted, Prediction = prediction, Correct = correct, Score = correct, TimeTakenMs = seconds * 1000L,
            });
        }
        await ctx.SaveChangesAsync();
        return new Seeded(round.Id, ids[0], ids[1], ids[2], ids[3], ids[4]);
    }
}
