using Contest.Engine.Errors;
using Contest.Engine.Questions;
using Contest.Engine.Storage;
using Microsoft.EntityFrameworkCore;

namespace Contest.Engine.Rounds;

/// <summary>An attempt reviewed after the round closed: every question with the answer given, the right one and why.</summary>
public sealed record AttemptReview(long AttemptId, int RoundId, string RoundName, int Correct, double Score, int Questions, IReadOnlyList<ReviewedQuestionView> Items);

/// <summary>
/// The participant's review of their own attempt. Answer keys and explanations leave the server only once
/// the round is closed (the close job has run and the close time has passed): before that, a participant
/// with attempts left could use them, so the review is refused. A question that another open round can still draw
/// keeps its key hidden until that round closes too.
/// </summary>
public sealed class RoundReview(ContestDb db, TimeProvider time)
{
    public async Task<Outcome<AttemptReview>> GetAsync(long attemptId, int participantId, CancellationToken ct = default)
    {
        var attempt = await db.Set<RoundAttempt>().AsNoTracking().Include(a => a.Items)
            .SingleOrDefaultAsync(a => a.Id == attemptId && a.ParticipantId == participantId, ct);
        if (attempt is null) return ContestError.NotFound("attempt");
        var round = await db.Set<ContestRound>().AsNoTracking().SingleAsync(r => r.Id == attempt.RoundId, ct);
        if (round.Status is not (RoundStatus.Closed or RoundStatus.Published) || time.GetUtcNow() < round.ClosesAt)
            return ContestError.Invalid("not-closed", "The answers are shown after the round closes.");

        var ids = attempt.Items.Select(i => i.QuestionId).ToList();
        var questions = await db.Questions.AsNoTracking().Where(q => ids.Contains(q.Id)).ToDictionaryAsync(q => q.Id, ct);
        var held = await HeldByOpenRoundsAsync(round.Id, questions.Values, ct);
        var items = attempt.Items.OrderBy(i => i.Position).Select(i =>
        {
            if (!questions.TryGetValue(i.QuestionId, out var q)) return new ReviewedQuestionView(i.Position, "", [], "", "", i.Correct, i.Credit, "");
            if (held.Contains(q.Id))
            {
                var shown = q.Type == QuestionType.FillBlank ? i.AnswerText ?? ""
                    : string.Join(q.Type == QuestionType.Ordering ? " → " : "; ",
                        ((q.Type == QuestionType.Ordering ? i.AnswerOrder : i.AnswerOptions) ?? []).Where(s => s >= 0 && s < q.Options.Count).Select(s => q.Options[s]));
                return new ReviewedQuestionView(i.Position, q.Text, i.OptionOrder.Select(o => q.Options[o]).ToList(), shown, "", false, 0, "", KeyWithheld: true);
            }
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
        return new AttemptReview(attempt.Id, round.Id, round.Name, attempt.Correct, attempt.Score, items.Count, items);
    }

    /// <summary>
    /// The questions that a round open now (other than this one) may still give someone: its fixed set, or in random
    /// mode every question of its banks and topics. Their keys would help that round's participants.
    /// </summary>
    private async Task<HashSet<int>> HeldByOpenRoundsAsync(int roundId, IEnumerable<Question> questions, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        // Times compared in memory: SQLite cannot order DateTimeOffset values in a query.
        var open = (await db.Set<ContestRound>().AsNoTracking()
            .Where(r => r.Id != roundId && (r.Status == RoundStatus.Open || r.Status == RoundStatus.Scheduled)).ToListAsync(ct))
            .Where(r => r.OpensAt <= now && r.ClosesAt > now).ToList();
        return questions.Where(q => open.Any(r => r.Selection == SelectionMode.Fixed ? r.FixedQuestionIds.Contains(q.Id) : QuestionDraw.Eligible(r, q)))
            .Select(q => q.Id).ToHashSet();
    }
}
