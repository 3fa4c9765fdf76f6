using Contest.Engine.Questions;
using Contest.Engine.Storage;
using Microsoft.EntityFrameworkCore;

namespace Contest.Engine.Rounds;

/// <summary>An attempt reviewed after the round closed: every question with the answer given, the right one and why.</summary>
public sealed record AttemptReview(long AttemptId, int RoundId, string RoundName, int Correct, double Score, int Questions, IReadOnlyList<ReviewedQuestionView> Items);

/// <summary>
/// The participant's review of their own attempt. Answer keys and explanations leave the server only once
/// the round is closed (the close job has run and the close time has passed): before that, a participant
/// with attempts left could use them, so the review is refused.
/// </summary>
public sealed class RoundReview(ContestDb db, TimeProvider time)
{
    public async Task<(AttemptReview? Review, RoundError? Error)> GetAsync(long attemptId, int participantId, CancellationToken ct = default)
    {
        var attempt = await db.Set<RoundAttempt>().AsNoTracking().Include(a => a.Items)
            .SingleOrDefaultAsync(a => a.Id == attemptId && a.ParticipantId == participantId, ct);
        if (attempt is null) return (null, RoundError.NotFound("attempt"));
        var round = await db.Set<ContestRound>().AsNoTracking().SingleAsync(r => r.Id == attempt.RoundId, ct);
        if (round.Status is not (RoundStatus.Closed or RoundStatus.Published) || time.GetUtcNow() < round.ClosesAt)
            return (null, new("not-closed", "The answers are shown after the round closes."));

        var ids = attempt.Items.Select(i => i.QuestionId).ToList();
        var questions = await db.Questions.AsNoTracking().Where(q => ids.Contains(q.Id)).ToDictionaryAsync(q => q.Id, ct);
        var items = attempt.Items.OrderBy(i => i.Position).Select(i =>
        {
            if (!questions.TryGetValue(i.QuestionId, out var q)) return new ReviewedQuestionView(i.Position, "", [], "", "", i.Correct, i.Credit, "");
            string Texts(IEnumerable<int>? stored, string separator) =>
                stored is null ? "" : string.Join(separator, stored.Where(s => s >= 0 && s < q.Options.Count).Select(s => q.Options[s]));
            var (given, expected) = q.Type switch
            {
                QuestionType.FillBlank => (i.AnswerText ?? "", string.Join(" / ", q.AcceptedAnswers)),
                // Ordering questions keep their options in the right order.
                QuestionType.Ordering => (Texts(i.AnswerOrder, " → "), string.Join(" → ", q.Options)),
                _ => (Texts(i.AnswerOptions, "; "), Texts(q.CorrectOptions, "; ")),
            };
            return new ReviewedQuestionView(i.Position, q.Text, i.OptionOrder.Select(o => q.Options[o]).ToList(), given, expected, i.Correct, i.Credit, q.Explanation);
        }).ToList();
        return (new AttemptReview(attempt.Id, round.Id, round.Name, attempt.Correct, attempt.Score, items.Count, items), null);
    }
}
