using Contest.Engine.Questions.Answers;
using Contest.Engine.Rounds;
using Contest.Engine.Storage;
using Contest.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Contest.Engine.Tests.Rounds;

/// <summary>The participant's review (answers, right answers, explanations): refused before the round closes, complete after; SQLite and PostgreSQL.</summary>
public class RoundReviewTests
{
    public static TheoryData<StorageProvider> Providers => [StorageProvider.Sqlite, StorageProvider.Postgres];

    private static readonly DateTimeOffset T0 = new(2023, 3, 6, 1, 0, 0, TimeSpan.Zero);

    [Theory, MemberData(nameof(Providers))]
    public async Task The_review_is_refused_until_the_round_closes_then_shows_every_answer_with_the_right_one(StorageProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var seed = await RoundFlowTests.SeedAsync(db);
        var clock = new FakeTimeProvider(T0);
        await using (var ctx = db.NewContext()) Assert.True(await new RoundLifecycle(ctx, clock).OpenAsync(seed.RoundId));

        clock.SetUtcNow(T0.AddMinutes(1));
        long attemptId;
        await using (var ctx = db.NewContext())
        {
            var attempts = new RoundAttempts(ctx, clock) { Random = new Random(7) };
            var (view, _) = await attempts.StartAsync(seed.RoundId, seed.P1);
            attemptId = view!.AttemptId;
            // Q1 (single choice): picks "2022", right. Q2 (true/false): picks "Sai", wrong. Q3 (multiple select): left blank.
            Assert.Null(await attempts.AnswerAsync(attemptId, seed.P1, 1, SubmittedAnswer.Choice(view.Questions[0].Options.ToList().IndexOf("2022"))));
            Assert.Null(await attempts.AnswerAsync(attemptId, seed.P1, 2, SubmittedAnswer.Choice(view.Questions[1].Options.ToList().IndexOf("Sai"))));
            var (_, during) = await new RoundReview(ctx, clock).GetAsync(attemptId, seed.P1);
            Assert.Equal("not-closed", during!.Code);
            Assert.Null((await attempts.SubmitAsync(attemptId, seed.P1, 1)).Error);
        }

        // Submitted, but the round is still open: still refused (others are still taking it).
        clock.SetUtcNow(T0.AddMinutes(30));
        await using (var ctx = db.NewContext())
        {
            var (review, error) = await new RoundReview(ctx, clock).GetAsync(attemptId, seed.P1);
            Assert.Null(review);
            Assert.Equal("not-closed", error!.Code);
        }

        clock.SetUtcNow(T0.AddHours(1));
        await using (var ctx = db.NewContext())
        {
            Assert.True(await new RoundLifecycle(ctx, clock).CloseAsync(seed.RoundId));
            var (review, error) = await new RoundReview(ctx, clock).GetAsync(attemptId, seed.P1);
            Assert.Null(error);
            // 1 of 3 right: Q1 only.
            Assert.Equal((1, 3), (review!.Correct, review.Questions));
            Assert.Equal(
                [
                    (1, "2022", "2022", true),
                    (2, "Sai", "Đúng", false),
                    (3, "", "Thanh niên tình nguyện; Tuổi trẻ sáng tạo", false),
                ],
                review.Items.Select(i => (i.Position, i.Given, i.Expected, i.Correct)).ToArray());
            Assert.All(review.Items, i => Assert.Equal("Giải thích bí mật", i.Explanation));

            // Someone else's attempt is not found, even after close.
            Assert.Equal("not-found", (await new RoundReview(ctx, clock).GetAsync(attemptId, seed.P2)).Error!.Code);
        }
    }
}
