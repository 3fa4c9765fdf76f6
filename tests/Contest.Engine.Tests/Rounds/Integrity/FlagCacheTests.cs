using System.Diagnostics;
using Contest.Engine.Accounts;
using Contest.Engine.Contests;
using Contest.Engine.Questions;
using Contest.Engine.Rounds;
using Contest.Engine.Rounds.Integrity;
using Contest.Engine.Storage;
using Contest.Testing;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace Contest.Engine.Tests.Rounds.Integrity;

/// <summary>
/// A held round (closed, flags undecided, past its publish time) is asked "may it publish?" by the sweeper every 20 s:
/// with the cache its flags are computed once per change of the evidence, not on every ask. Measured on a round of
/// 1,000 attempts of 20 questions (the figures are printed; docs/features.md quotes them).
/// </summary>
public class FlagCacheTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset T0 = new(2023, 3, 6, 1, 0, 0, TimeSpan.Zero);

    [Theory, MemberData(nameof(VoidReRankTests.Providers), MemberType = typeof(VoidReRankTests))]
    public async Task A_held_round_computes_its_flags_once_per_change(StorageProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var (roundId, fast) = await SeedAsync(db, attempts: 1000, tooFast: 10);
        var clock = new FakeTimeProvider(T0.AddHours(3));

        // Before: every ask reads the 1,000 attempts and their 20,000 answers again.
        var before = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            await using var ctx = db.NewContext();
            var watch = Stopwatch.StartNew();
            Assert.False(await new RoundLifecycle(ctx, clock).PublishAsync(roundId));
            before.Add(watch.Elapsed.TotalMilliseconds);
        }

        var cache = new FlagCache();
        var after = new List<double>();
        for (var i = 0; i < 6; i++)
        {
            await using var ctx = db.NewContext();
            var watch = Stopwatch.StartNew();
            Assert.False(await new RoundLifecycle(ctx, clock, cache).PublishAsync(roundId));
            if (i > 0) after.Add(watch.Elapsed.TotalMilliseconds);
        }
        Assert.Equal(1, cache.Computed);
        output.WriteLine($"{provider}: a held round of 1,000 attempts, one sweeper ask: {Median(before):0} ms computed every time, {Median(after):0.0} ms from the cache");
        Assert.True(Median(after) < Median(before), $"cached {Median(after):0.0} ms is not below {Median(before):0} ms");

        // A decision is a change: the next ask computes again, then serves from the cache.
        await using (var ctx = db.NewContext())
        {
            var queue = new ReviewQueue(ctx, clock, cache);
            Assert.Equal(fast.Count, await queue.UndecidedAsync(roundId));
            Assert.Null(await queue.ClearAsync(roundId, fast[0], "Đã xác minh", "btc"));
        }
        await using (var ctx = db.NewContext()) Assert.False(await new RoundLifecycle(ctx, clock, cache).PublishAsync(roundId));
        Assert.Equal(2, cache.Computed);
        await using (var ctx = db.NewContext()) Assert.Equal(fast.Count - 1, await new ReviewQueue(ctx, clock, cache).UndecidedAsync(roundId));
        Assert.Equal(2, cache.Computed);
        // Undoing it is a change too.
        await using (var ctx = db.NewContext()) Assert.Null(await new ReviewQueue(ctx, clock, cache).UndoAsync(roundId, fast[0], "btc"));
        await using (var ctx = db.NewContext()) Assert.Equal(fast.Count, await new ReviewQueue(ctx, clock, cache).UndecidedAsync(roundId));
        Assert.Equal(3, cache.Computed);
    }

    private static double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);

    /// <summary>A closed round, due to publish, of <paramref name="attempts"/> finished attempts of 20 questions (floor 4 s
    /// each): honest ones answer every 10 s or so, the first <paramref name="tooFast"/> every 0.5 s (flagged, so the publish is held).</summary>
    private static async Task<(int RoundId, List<int> Fast)> SeedAsync(TestDatabase db, int attempts, int tooFast)
    {
        await using var ctx = db.NewContext();
        var contest = new ContestInfo { Name = "Tìm hiểu Nghị quyết", Kind = ContestKind.OnlineRound };
        ctx.Contests.Add(contest);
        var bank = new QuestionBank { Name = "Nghị quyết" };
        for (var n = 1; n <= 20; n++)
            bank.Questions.Add(new Question { Type = QuestionType.SingleChoice, Text = $"Câu {n}: ".PadRight(160, 'x'), Options = ["Lựa chọn A", "Lựa chọn B", "Lựa chọn C", "Lựa chọn D"], CorrectOptions = [0] });
        ctx.QuestionBanks.Add(bank);
        await ctx.SaveChangesAsync();
        var questions = bank.Questions.Select(q => q.Id).ToList();
        var round = new ContestRound
        {
            ContestId = contest.Id, Name = "Tuần 1", OpensAt = T0, ClosesAt = T0.AddHours(2), PublishAt = T0.AddHours(2), TimeLimitSeconds = 1800,
            Status = RoundStatus.Closed, OpenedAt = T0, ClosedAt = T0.AddHours(2), Selection = SelectionMode.Fixed, FixedQuestionIds = questions, ShuffleOptions = false,
        };
        ctx.Add(round);
        var people = Enumerable.Range(1, attempts).Select(n => (User: new AppUser { UserName = $"u{n:D5}" }, n)).ToList();
        ctx.Users.AddRange(people.Select(p => p.User));
        var participants = people.Select(p => new RoundParticipant { UserId = p.User.Id, FullName = $"Thí sinh {p.n}", CreatedAt = T0.AddDays(-7) }).ToList();
        ctx.AddRange(participants);
        await ctx.SaveChangesAsync();
        for (var i = 0; i < attempts; i++)
        {
            var start = T0.AddSeconds(i * 5);
            // Honest ones differ as people do: their pace (by 137 ms a question) and their answers (the first five
            // follow the bits of i / 50), so no two of them share both; the fast ones answer alike, every 0.5 s.
            var gap = i < tooFast ? 500 : 10_000 + i % 50 * 137;
            var pattern = i / 50;
            ctx.Add(new RoundAttempt
            {
                RoundId = round.Id, ParticipantId = participants[i].Id, Number = 1, StartedAt = start, Deadline = start.AddMinutes(30),
                FinishedAt = start.AddMilliseconds(gap * 21), End = AttemptEnd.Submitted, Prediction = 3, Correct = 20, Score = 20, TimeTakenMs = gap * 21L,
                Items = questions.Select((q, k) => new AttemptItem
                {
                    Position = k + 1, QuestionId = q, OptionOrder = [0, 1, 2, 3], AnswerOptions = [k < 5 ? (pattern >> k) & 1 : 0], Correct = true, Credit = 1,
                    AnsweredAt = start.AddMilliseconds(gap * (k + 1)), FirstAnsweredAt = start.AddMilliseconds(gap * (k + 1)),
                }).ToList(),
            });
        }
        await ctx.SaveChangesAsync();
        return (round.Id, participants.Take(tooFast).Select(p => p.Id).ToList());
    }
}
