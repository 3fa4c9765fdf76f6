using System.Collections.Concurrent;
using Contest.Engine.Questions;
using Contest.Engine.Storage;
using Microsoft.EntityFrameworkCore;

namespace Contest.Engine.Rounds;

/// <summary>
/// What the participant hot path (save an answer, submit) reads on every request, kept in memory so a
/// request costs no query before its write:
/// <list type="bullet">
/// <item>an attempt's shape (owner, deadline, which question and option order sits at each position):
/// fixed when the attempt starts, so it never goes stale;</item>
/// <item>a user's participant id: fixed at registration;</item>
/// <item>questions (with their answer keys) and rounds: cleared on this node when a round is saved, and
/// re-read after <see cref="QuestionLifetime"/> / <see cref="RoundLifetime"/> so an edit made on another node or in
/// the question bank reaches every node soon after.</item>
/// </list>
/// Whether an attempt is finished is never cached: the writer checks it in the database.
/// </summary>
public sealed class RoundCache(TimeProvider time)
{
    public static readonly TimeSpan QuestionLifetime = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan RoundLifetime = TimeSpan.FromSeconds(10);

    // Bounds so that a long-running node cannot grow without limit; a cleared entry is just read again.
    private const int MaxAttempts = 200_000;
    private const int MaxUsers = 200_000;

    private readonly ConcurrentDictionary<long, AttemptShape> _attempts = new();
    private readonly ConcurrentDictionary<string, int> _participants = new();
    private readonly ConcurrentDictionary<int, (Question Question, DateTimeOffset Until)> _questions = new();
    private readonly ConcurrentDictionary<int, (ContestRound Round, DateTimeOffset Until)> _rounds = new();

    public async Task<AttemptShape?> AttemptAsync(ContestDb db, long attemptId, CancellationToken ct = default)
    {
        if (_attempts.TryGetValue(attemptId, out var shape)) return shape;
        var row = await db.Set<RoundAttempt>().AsNoTracking().Where(a => a.Id == attemptId)
            .Select(a => new { a.RoundId, a.ParticipantId, a.Deadline, Items = a.Items.Select(i => new { i.Id, i.Position, i.QuestionId, i.OptionOrder, i.AnswerOptions, i.AnswerOrder, i.AnswerText, i.AnsweredAt, i.FirstAnsweredAt, i.Revisions }).ToList() })
            .SingleOrDefaultAsync(ct);
        if (row is null) return null;
        shape = new AttemptShape(attemptId, row.RoundId, row.ParticipantId, row.Deadline,
            row.Items.ToDictionary(i => i.Position, i => new AttemptShapeItem(i.Id, i.QuestionId, i.OptionOrder)
            {
                Trail = new(i.AnsweredAt is null ? null : new(i.AnswerOptions, i.AnswerOrder, i.AnswerText), i.FirstAnsweredAt ?? i.AnsweredAt, i.Revisions),
            }));
        if (_attempts.Count >= MaxAttempts) _attempts.Clear();
        _attempts[attemptId] = shape;
        return shape;
    }

    /// <summary>Keeps the shape of an attempt just started or resumed, so its first answer reads nothing.</summary>
    public void Remember(RoundAttempt attempt)
    {
        if (_attempts.ContainsKey(attempt.Id) || attempt.Items.Count == 0) return;
        if (_attempts.Count >= MaxAttempts) _attempts.Clear();
        _attempts[attempt.Id] = new AttemptShape(attempt.Id, attempt.RoundId, attempt.ParticipantId, attempt.Deadline,
            attempt.Items.ToDictionary(i => i.Position, i => new AttemptShapeItem(i.Id, i.QuestionId, i.OptionOrder.ToList())
            {
                Trail = new(i.IsAnswered ? new(i.AnswerOptions, i.AnswerOrder, i.AnswerText) : null, i.FirstAnsweredAt ?? i.AnsweredAt, i.Revisions),
            }));
    }

    public async Task<int?> ParticipantIdAsync(ContestDb db, string userId, CancellationToken ct = default)
    {
        if (_participants.TryGetValue(userId, out var id)) return id;
        var found = await db.Set<RoundParticipant>().AsNoTracking().Where(p => p.UserId == userId).Select(p => (int?)p.Id).SingleOrDefaultAsync(ct);
        if (found is null) return null; // not registered yet: asked again next time
        if (_participants.Count >= MaxUsers) _participants.Clear();
        _participants[userId] = found.Value;
        return found;
    }

    /// <summary>The questions of <paramref name="ids"/> that exist, answer keys included (never send these to a participant as they are).</summary>
    public async Task<IReadOnlyDictionary<int, Question>> QuestionsAsync(ContestDb db, IReadOnlyCollection<int> ids, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var found = new Dictionary<int, Question>(ids.Count);
        var missing = new List<int>();
        foreach (var id in ids)
        {
            if (_questions.TryGetValue(id, out var hit) && hit.Until > now) found[id] = hit.Question;
            else missing.Add(id);
        }
        if (missing.Count == 0) return found;
        var loaded = await db.Questions.AsNoTracking().Where(q => missing.Contains(q.Id)).ToListAsync(ct);
        foreach (var q in loaded)
        {
            _questions[q.Id] = (q, now + QuestionLifetime);
            found[q.Id] = q;
        }
        return found;
    }

    /// <summary>A round's settings for display and the live board; not for status decisions (start and close read the database).</summary>
    public async Task<ContestRound?> RoundAsync(ContestDb db, int roundId, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        if (_rounds.TryGetValue(roundId, out var hit) && hit.Until > now) return hit.Round;
        var round = await db.Set<ContestRound>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundId, ct);
        if (round is not null) _rounds[roundId] = (round, now + RoundLifetime);
        return round;
    }

    /// <summary>A round was saved: its settings and possibly its questions changed.</summary>
    public void RoundChanged(int roundId)
    {
        _rounds.TryRemove(roundId, out _);
        _questions.Clear();
    }
}

/// <summary>The fixed part of an attempt, by position.</summary>
public sealed record AttemptShape(long Id, int RoundId, int ParticipantId, DateTimeOffset Deadline, IReadOnlyDictionary<int, AttemptShapeItem> Items);

public sealed record AttemptShapeItem(long ItemId, int QuestionId, IReadOnlyList<int> OptionOrder)
{
    /// <summary>The question's answer history on this node, for the integrity evidence the save records.</summary>
    public Integrity.AnswerTrail Trail { get; init; } = new();
}
