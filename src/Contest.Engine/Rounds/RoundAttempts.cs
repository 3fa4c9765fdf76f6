using Contest.Engine.Errors;
using Contest.Engine.Questions;
using Contest.Engine.Questions.Answers;
using Contest.Engine.Storage;
using Microsoft.EntityFrameworkCore;

namespace Contest.Engine.Rounds;

/// <summary>
/// Taking a round: start or resume, answer, predict, submit. The server clock is the only clock: the
/// deadline is fixed at start, a late answer is refused, and an attempt found past its deadline is
/// finished as it stood. (SQLite cannot compare DateTimeOffset in SQL, so times are compared here.)
/// </summary>
public sealed class RoundAttempts(ContestDb db, TimeProvider time, RoundCache? cache = null, RoundWriter? writer = null)
{
    // Without a shared cache (tests, tools) each instance keeps its own; without a writer, writes go through this context.
    private readonly RoundCache _cache = cache ?? new RoundCache(time);

    /// <summary>Question and option shuffling; tests give a seeded one.</summary>
    public Random Random { get; set; } = Random.Shared;

    public Task<RoundParticipant?> ParticipantOfUserAsync(string userId, CancellationToken ct = default) =>
        db.Set<RoundParticipant>().AsNoTracking().SingleOrDefaultAsync(p => p.UserId == userId, ct);

    /// <summary>The user's participant id, from memory after the first ask (it never changes).</summary>
    public Task<int?> ParticipantIdOfUserAsync(string userId, CancellationToken ct = default) => _cache.ParticipantIdAsync(db, userId, ct);

    /// <summary>Resumes the participant's unfinished attempt, or starts a new one if the round and the limit allow.</summary>
    public Task<Outcome<AttemptView>> StartAsync(int roundId, int participantId, CancellationToken ct = default) =>
        StartAsync(roundId, participantId, null, ct);

    /// <summary>As <see cref="StartAsync(int, int, CancellationToken)"/>; a new attempt keeps <paramref name="origin"/> as integrity evidence.</summary>
    public async Task<Outcome<AttemptView>> StartAsync(int roundId, int participantId, Integrity.ClientOrigin? origin, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var round = await db.Set<ContestRound>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundId, ct);
        if (round is null) return ContestError.NotFound("round");
        // The open job may run a moment before OpensAt by the storage's clock; once it has, the round is open.
        if (round.Status == RoundStatus.Scheduled || now + RoundLifecycle.Tolerance < round.OpensAt) return ContestError.Invalid("not-open", "The round has not opened yet.");
        if (round.Status != RoundStatus.Open || now >= round.ClosesAt) return ContestError.Invalid("closed", "The round is closed.");
        var participant = await db.Set<RoundParticipant>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == participantId, ct);
        if (participant is null) return ContestError.NotFound("participant");
        if (participant.IsVoided) return ContestError.Invalid("voided", "This entry has been voided by the organisers.");
        if (round.QualifyTopN is not null && !await Qualification.IsQualifiedAsync(db, round, participantId, ct))
            return ContestError.Invalid("not-qualified", "Only qualified participants can take this round.");
        if (round.RosterMatch != RosterMatch.None)
        {
            // Checked at each start, not only at registration: the rule may have been set after this person registered.
            var lookup = await RosterMatcher.FindAsync(db, round.RosterMatch, participant.UnitId, participant.FullName, participant.DateOfBirth, participant.MemberId, participant.Id, ct);
            if (!lookup.Matched) return ContestError.Invalid(lookup.Code!, lookup.Message!);
            if (participant.RosterEntryId is null && !await LinkRosterAsync(participant.Id, lookup.Entry!.Id, ct))
                return ContestError.Invalid("roster-taken", "This member of the roster is already registered: one entry per person.");
        }

        await ExpireAsync(roundId, participantId, ct);
        var active = await db.Set<RoundAttempt>().Include(a => a.Items)
            .SingleOrDefaultAsync(a => a.RoundId == roundId && a.ParticipantId == participantId && a.FinishedAt == null, ct);
        if (active is not null)
        {
            // Resumed from another phone or network: evidence of several people on one account (Integrity/AttemptOrigins).
            if (Integrity.AttemptOrigins.Note(active, origin)) await db.SaveChangesAsync(ct);
            _cache.Remember(active);
            return await ViewAsync(round, active, ct);
        }

        var used = await db.Set<RoundAttempt>().CountAsync(a => a.RoundId == roundId && a.ParticipantId == participantId, ct);
        if (used >= round.AttemptsAllowed)
            return ContestError.Invalid("attempts-used", $"You have used all {round.AttemptsAllowed} attempt(s) allowed in this round.");

        var pool = round.Selection == SelectionMode.Fixed
            ? await db.Questions.AsNoTracking().Where(q => round.FixedQuestionIds.Contains(q.Id)).ToListAsync(ct)
            : await db.Questions.AsNoTracking().Where(q => round.BankIds.Contains(q.BankId)).ToListAsync(ct);
        var (drawn, error) = QuestionDraw.Draw(round, pool, Random);
        if (drawn is null) return ContestError.Invalid("no-questions", error!);

        var deadline = now.AddSeconds(round.TimeLimitSeconds);
        var attempt = new RoundAttempt
        {
            RoundId = roundId,
            ParticipantId = participantId,
            Number = used + 1,
            StartedAt = now,
            Deadline = deadline < round.ClosesAt ? deadline : round.ClosesAt,
            StartDevice = origin?.Bounded().Device,
            StartNetwork = origin?.Bounded().Network,
            SeenDevices = origin?.Bounded().Device is { } seenDevice ? [seenDevice] : null,
            SeenNetworks = origin?.Bounded().Network is { } seenNetwork ? [seenNetwork] : null,
            Items = drawn.Select((d, i) => new AttemptItem { Position = i + 1, QuestionId = d.Question.Id, OptionOrder = d.OptionOrder.ToList() }).ToList(),
        };
        db.Add(attempt);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two starts raced (double tap, two tabs): the unique (round, participant, number) let one through; resume that one.
            db.ChangeTracker.Clear();
            return await StartAsync(roundId, participantId, origin, ct);
        }
        _cache.Remember(attempt);
        return await ViewAsync(round, attempt, ct);
    }

    /// <summary>The participant's attempt as it stands (finishing it first if its time ran out).</summary>
    public async Task<Outcome<AttemptView>> GetAsync(long attemptId, int participantId, CancellationToken ct = default)
    {
        var attempt = await LoadAsync(attemptId, participantId, ct);
        if (attempt is null) return ContestError.NotFound("attempt");
        var round = await db.Set<ContestRound>().AsNoTracking().SingleAsync(r => r.Id == attempt.RoundId, ct);
        return await ViewAsync(round, attempt, ct);
    }

    /// <summary>
    /// Saves (or replaces) the answer to one question; option indexes are the ones the participant was shown.
    /// The hot path of a round: the attempt's shape and the question come from memory, and the write is one
    /// update by key, committed with the other writes queued at the same moment.
    /// </summary>
    public async Task<ContestError?> AnswerAsync(long attemptId, int participantId, int position, SubmittedAnswer shown, CancellationToken ct = default)
    {
        var shape = await _cache.AttemptAsync(db, attemptId, ct);
        if (shape is null || shape.ParticipantId != participantId) return ContestError.NotFound("attempt");
        if (!shape.Items.TryGetValue(position, out var item)) return ContestError.Invalid("invalid-answer", $"This attempt has no question {position}.");
        var now = time.GetUtcNow();
        if (shape.Deadline <= now)
        {
            var finished = await LoadAsync(attemptId, participantId, ct);
            return Finished(finished!);
        }
        var question = (await _cache.QuestionsAsync(db, [item.QuestionId], ct)).GetValueOrDefault(item.QuestionId);
        if (question is null) return ContestError.Invalid("invalid-answer", "This question no longer exists.");

        var stored = ToStored(item.OptionOrder, shown);
        if (stored is null) return ContestError.Invalid("invalid-answer", $"Option out of range; this question has options 0 to {item.OptionOrder.Count - 1}.");
        if (AnswerChecker.Validate(question, stored) is { } problem) return ContestError.Invalid("invalid-answer", problem);

        return (await WriteAsync(new SaveAnswerWrite(attemptId, item.ItemId, stored, now, item.Trail), ct)).Error;
    }

    private async Task<RoundWriteResult> WriteAsync(RoundWrite write, CancellationToken ct) => writer is not null
        ? await writer.WriteAsync(write)
        : (await RoundWrites.ApplyAsync(db, _cache, [write], ct))[0];

    /// <summary>The prediction can be given or changed any time before the attempt ends.</summary>
    public async Task<ContestError?> PredictAsync(long attemptId, int participantId, int prediction, CancellationToken ct = default)
    {
        if (prediction is < 0 or > 10_000_000) return ContestError.Invalid("invalid-prediction", "The prediction must be a whole number from 0 to 10,000,000.");
        var attempt = await LoadAsync(attemptId, participantId, ct);
        if (attempt is null) return ContestError.NotFound("attempt");
        if (attempt.IsFinished) return Finished(attempt);
        attempt.Prediction = prediction;
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>Ends the attempt; <paramref name="prediction"/> (when given) is saved with it. Re-submitting a finished attempt changes nothing.</summary>
    public Task<Outcome<AttemptView>> SubmitAsync(long attemptId, int participantId, int? prediction, CancellationToken ct = default) =>
        SubmitAsync(attemptId, participantId, prediction, null, ct);

    /// <summary>As <see cref="SubmitAsync(long, int, int?, CancellationToken)"/>; <paramref name="origin"/> is kept as integrity evidence.</summary>
    public async Task<Outcome<AttemptView>> SubmitAsync(long attemptId, int participantId, int? prediction, Integrity.ClientOrigin? origin, CancellationToken ct = default)
    {
        if (prediction is < 0 or > 10_000_000) return ContestError.Invalid("invalid-prediction", "The prediction must be a whole number from 0 to 10,000,000.");
        var shape = await _cache.AttemptAsync(db, attemptId, ct);
        if (shape is null || shape.ParticipantId != participantId) return ContestError.NotFound("attempt");
        var round = await _cache.RoundAsync(db, shape.RoundId, ct);
        if (round is null) return ContestError.NotFound("round");
        var now = time.GetUtcNow();
        if (shape.Deadline <= now)
        {
            var late = await LoadAsync(attemptId, participantId, ct);
            return new(await ViewAsync(round, late!, ct), late!.End == AttemptEnd.TimedOut ? Finished(late) : null);
        }
        var (error, attempt) = await WriteAsync(new SubmitWrite(attemptId, prediction, now, origin?.Bounded()), ct);
        return new(attempt is null ? null : await ViewAsync(round, attempt, ct), error);
    }

    /// <summary>At most this many page-hidden reports are kept per attempt; later ones are answered but not stored.</summary>
    public const int MaxHiddenReports = 200;

    /// <summary>
    /// The attempt page reports that it was hidden (tab left, screen off) or shown again: evidence only, never a verdict.
    /// The server times the hidden spell itself, from the "hidden" report to the next "visible" one; a report after the
    /// attempt ended is refused, and one that repeats the page's state changes nothing.
    /// </summary>
    public async Task<ContestError?> PageVisibilityAsync(long attemptId, int participantId, bool hidden, CancellationToken ct = default)
    {
        var shape = await _cache.AttemptAsync(db, attemptId, ct);
        if (shape is null || shape.ParticipantId != participantId) return ContestError.NotFound("attempt");
        var now = time.GetUtcNow();
        var state = await db.Set<RoundAttempt>().AsNoTracking().Where(a => a.Id == attemptId)
            .Select(a => new { a.FinishedAt, a.End, a.HiddenSince, a.HiddenCount }).SingleAsync(ct);
        if (state.FinishedAt is not null) return Finished(new RoundAttempt { End = state.End });
        if (shape.Deadline <= now) return ContestError.Invalid("time-up", "Time is up: the attempt was submitted as it stood.");
        if (hidden)
        {
            if (state.HiddenSince is not null || state.HiddenCount >= MaxHiddenReports) return null;
            await db.Set<RoundAttempt>().Where(a => a.Id == attemptId && a.FinishedAt == null && a.HiddenSince == null)
                .ExecuteUpdateAsync(u => u.SetProperty(a => a.HiddenCount, a => a.HiddenCount + 1).SetProperty(a => a.HiddenSince, now), ct);
        }
        else if (state.HiddenSince is { } since)
        {
            var ms = Math.Max(0, (long)(now - since).TotalMilliseconds);
            await db.Set<RoundAttempt>().Where(a => a.Id == attemptId && a.FinishedAt == null && a.HiddenSince != null)
                .ExecuteUpdateAsync(u => u.SetProperty(a => a.HiddenMs, a => a.HiddenMs + ms).SetProperty(a => a.HiddenSince, (DateTimeOffset?)null), ct);
        }
        return null;
    }

    /// <summary>Finishes, as they stand, the attempts of a round (optionally one participant's) whose deadline has passed.</summary>
    public async Task<int> ExpireAsync(int roundId, int? participantId = null, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var open = await db.Set<RoundAttempt>().Include(a => a.Items)
            .Where(a => a.RoundId == roundId && a.FinishedAt == null && (participantId == null || a.ParticipantId == participantId))
            .ToListAsync(ct);
        var due = open.Where(a => a.Deadline <= now).ToList();
        foreach (var a in due) await FinishAsync(a, AttemptEnd.TimedOut, a.Deadline, ct);
        if (due.Count > 0) await db.SaveChangesAsync(ct);
        return due.Count;
    }

    /// <summary>Finishes every unfinished attempt of a round at the round's close (used by the close job).</summary>
    internal async Task FinishAllAsync(ContestRound round, CancellationToken ct)
    {
        var open = await db.Set<RoundAttempt>().Include(a => a.Items).Where(a => a.RoundId == round.Id && a.FinishedAt == null).ToListAsync(ct);
        foreach (var a in open) await FinishAsync(a, AttemptEnd.TimedOut, a.Deadline < round.ClosesAt ? a.Deadline : round.ClosesAt, ct);
        if (open.Count > 0) await db.SaveChangesAsync(ct);
    }

    /// <summary>Records the roster entry a participant matched at a round's start; false when someone else took it first (unique index).</summary>
    private async Task<bool> LinkRosterAsync(int participantId, int entryId, CancellationToken ct)
    {
        try
        {
            await db.Set<RoundParticipant>().Where(p => p.Id == participantId && p.RosterEntryId == null)
                .ExecuteUpdateAsync(u => u.SetProperty(p => p.RosterEntryId, entryId), ct);
            return true;
        }
        catch (Exception e) when (e is System.Data.Common.DbException or DbUpdateException)
        {
            return false;
        }
    }

    private async Task<RoundAttempt?> LoadAsync(long attemptId, int participantId, CancellationToken ct)
    {
        var attempt = await db.Set<RoundAttempt>().Include(a => a.Items).SingleOrDefaultAsync(a => a.Id == attemptId && a.ParticipantId == participantId, ct);
        if (attempt is { IsFinished: false } && attempt.Deadline <= time.GetUtcNow())
        {
            await FinishAsync(attempt, AttemptEnd.TimedOut, attempt.Deadline, ct);
            await db.SaveChangesAsync(ct);
        }
        return attempt;
    }

    internal static ContestError Finished(RoundAttempt a) => a.End == AttemptEnd.TimedOut
        ? ContestError.Invalid("time-up", "Time is up: the attempt was submitted as it stood.")
        : ContestError.Invalid("finished", "This attempt has already been submitted.");

    private async Task FinishAsync(RoundAttempt attempt, AttemptEnd end, DateTimeOffset at, CancellationToken ct)
    {
        var ids = attempt.Items.Select(i => i.QuestionId).ToList();
        var questions = await db.Questions.AsNoTracking().Where(q => ids.Contains(q.Id)).ToDictionaryAsync(q => q.Id, ct);
        Finish(attempt, questions, end, at);
    }

    /// <summary>Scores every item (an unanswered or no longer valid answer is wrong) and closes the attempt.</summary>
    internal static void Finish(RoundAttempt attempt, IReadOnlyDictionary<int, Question> questions, AttemptEnd end, DateTimeOffset at)
    {
        foreach (var item in attempt.Items)
        {
            var result = item.IsAnswered && questions.TryGetValue(item.QuestionId, out var q) && AnswerChecker.Validate(q, Stored(item)) is null
                ? AnswerChecker.Check(q, Stored(item))
                : AnswerResult.Wrong;
            item.Correct = result.Correct;
            item.Credit = result.Credit;
        }
        attempt.Correct = attempt.Items.Count(i => i.Correct);
        attempt.Score = attempt.Items.Sum(i => i.Credit);
        attempt.FinishedAt = at;
        attempt.End = end;
        attempt.TimeTakenMs = (long)(at - attempt.StartedAt).TotalMilliseconds;
    }

    private static SubmittedAnswer Stored(AttemptItem i) => new(i.AnswerOptions, i.AnswerOrder, i.AnswerText);

    /// <summary>Maps shown option positions back to stored indexes; null if a position does not exist.</summary>
    internal static SubmittedAnswer? ToStored(IReadOnlyList<int> optionOrder, SubmittedAnswer shown)
    {
        List<int>? Map(IReadOnlyList<int>? xs)
        {
            if (xs is null) return null;
            var mapped = new List<int>(xs.Count);
            foreach (var x in xs)
            {
                if (x < 0 || x >= optionOrder.Count) return null;
                mapped.Add(optionOrder[x]);
            }
            return mapped;
        }
        var options = Map(shown.Options);
        var order = Map(shown.Order);
        if ((shown.Options is not null && options is null) || (shown.Order is not null && order is null)) return null;
        return new SubmittedAnswer(options, order, shown.Text);
    }

    private static List<int>? ToShown(AttemptItem item, List<int>? stored) => stored?.Select(s => item.OptionOrder.IndexOf(s)).ToList();

    private async Task<AttemptView> ViewAsync(ContestRound round, RoundAttempt attempt, CancellationToken ct)
    {
        var questions = await _cache.QuestionsAsync(db, attempt.Items.Select(i => i.QuestionId).ToList(), ct);
        var left = attempt.IsFinished ? 0 : Math.Max(0, (long)(attempt.Deadline - time.GetUtcNow()).TotalMilliseconds);
        var items = attempt.Items.OrderBy(i => i.Position).Select(i =>
        {
            var q = questions.GetValueOrDefault(i.QuestionId);
            return new AttemptQuestionView(i.Position, q?.Type ?? QuestionType.SingleChoice, q?.Text ?? "", q?.MediaKind ?? MediaKind.None, q?.MediaUrl,
                q is null ? [] : i.OptionOrder.Select(o => q.Options[o]).ToList(),
                ToShown(i, i.AnswerOptions), ToShown(i, i.AnswerOrder), i.AnswerText, i.IsAnswered);
        }).ToList();
        return new AttemptView(attempt.Id, round.Id, round.Name, attempt.Number, round.AttemptsAllowed, round.Layout,
            attempt.StartedAt, attempt.Deadline, left, attempt.IsFinished, attempt.End, round.PredictionQuestion, attempt.Prediction, items);
    }
}
