using Contest.Engine.Errors;
using Contest.Engine.Storage;
using Microsoft.EntityFrameworkCore;

namespace Contest.Engine.Rounds;

/// <summary>The job runner as the engine needs it: the host implements it with Hangfire.</summary>
public interface IRoundJobScheduler
{
    string ScheduleOpen(int roundId, DateTimeOffset at);
    string ScheduleClose(int roundId, DateTimeOffset at);
    string SchedulePublish(int roundId, DateTimeOffset at);
    void Delete(string jobId);
}

/// <summary>
/// Saving a round schedules its jobs: open at <see cref="ContestRound.OpensAt"/>, close at
/// <see cref="ContestRound.ClosesAt"/>, publish at <see cref="ContestRound.PublishAt"/> when set.
/// A round is never saved without its jobs: the round is written in a transaction, the new jobs are
/// scheduled inside it, and the transaction commits only once they all are. If scheduling fails the round
/// is rolled back and the jobs already scheduled are deleted (one that escapes deletion finds no round, or
/// the round unchanged at another time, and does nothing). The old jobs of an edited round are deleted only
/// after the commit, so a failed edit leaves the round with its old settings and its old jobs.
/// </summary>
public sealed class RoundEditor(ContestDb db, IRoundJobScheduler jobs, TimeProvider time, RoundCache? cache = null)
{
    public async Task<Outcome<ContestRound>> SaveAsync(ContestRound input, CancellationToken ct = default)
    {
        if (input.Validate() is { } error) return error;
        if (!await db.Contests.AnyAsync(c => c.Id == input.ContestId, ct)) return ContestError.Invalid("unknown-contest", "No such contest.");
        if (input.Selection == SelectionMode.Fixed)
        {
            var found = await db.Questions.CountAsync(q => input.FixedQuestionIds.Contains(q.Id), ct);
            if (found != input.FixedQuestionIds.Count) return ContestError.Invalid("unknown-question", "A question of the fixed set does not exist.");
        }
        else
        {
            var found = await db.QuestionBanks.CountAsync(b => input.BankIds.Contains(b.Id), ct);
            if (found != input.BankIds.Distinct().Count()) return ContestError.Invalid("unknown-bank", "A chosen question bank does not exist.");
        }

        var isNew = input.Id == 0;
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync<Outcome<ContestRound>>(async () =>
        {
            db.ChangeTracker.Clear();
            var scheduled = new List<string>();
            ContestRound round;
            string?[] oldJobs;
            try
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                if (isNew)
                {
                    round = input;
                    round.Id = 0;
                    round.CreatedAt = time.GetUtcNow();
                    round.Status = RoundStatus.Scheduled;
                    round.OpenJobId = round.CloseJobId = round.PublishJobId = null;
                    round.OpenedAt = round.ClosedAt = round.PublishedAt = null;
                    round.AllCorrectCount = null;
                    foreach (var prize in round.Prizes) prize.Id = 0;
                    db.Add(round);
                }
                else
                {
                    var existing = await db.Set<ContestRound>().Include(r => r.Prizes).SingleOrDefaultAsync(r => r.Id == input.Id, ct);
                    if (existing is null) return ContestError.NotFound("round");
                    if (existing.Status is RoundStatus.Closed or RoundStatus.Published) return ContestError.Invalid("round-closed", "A closed round cannot be changed.");
                    if (existing.Status == RoundStatus.Open && (existing.OpensAt != input.OpensAt || existing.Selection != input.Selection))
                        return ContestError.Invalid("round-open", "The round is open: only its close time, publish time and prizes can change.");
                    Copy(input, existing);
                    round = existing;
                }
                oldJobs = [round.OpenJobId, round.CloseJobId, round.PublishJobId];
                await db.SaveChangesAsync(ct); // gives a new round its id, which the jobs carry
                Schedule(round, scheduled);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }
            catch (Exception)
            {
                foreach (var id in scheduled) TryDelete(id);
                throw;
            }
            foreach (var id in oldJobs) if (id is not null) TryDelete(id);
            cache?.RoundChanged(round.Id);
            return round;
        });
    }

    private void Schedule(ContestRound round, List<string> scheduled)
    {
        var roundId = round.Id;
        string Keep(string id) { scheduled.Add(id); return id; }
        round.OpenJobId = round.Status == RoundStatus.Scheduled ? Keep(jobs.ScheduleOpen(roundId, round.OpensAt)) : null;
        round.CloseJobId = Keep(jobs.ScheduleClose(roundId, round.ClosesAt));
        round.PublishJobId = round.PublishAt is { } at ? Keep(jobs.SchedulePublish(roundId, at)) : null;
    }

    // A job that outlives a failed delete is harmless: every job checks the round's status and times when it runs.
    private void TryDelete(string jobId)
    {
        try { jobs.Delete(jobId); }
        catch (Exception) { }
    }

    private static void Copy(ContestRound from, ContestRound to)
    {
        to.Name = from.Name;
        to.Language = from.Language;
        to.OpensAt = from.OpensAt;
        to.ClosesAt = from.ClosesAt;
        to.PublishAt = from.PublishAt;
        to.TimeLimitSeconds = from.TimeLimitSeconds;
        to.AttemptsAllowed = from.AttemptsAllowed;
        to.RosterMatch = from.RosterMatch;
        to.Selection = from.Selection;
        to.QuestionCount = from.QuestionCount;
        to.BankIds = from.BankIds;
        to.Tags = from.Tags;
        to.EasyCount = from.EasyCount;
        to.MediumCount = from.MediumCount;
        to.HardCount = from.HardCount;
        to.FixedQuestionIds = from.FixedQuestionIds;
        to.ShuffleOptions = from.ShuffleOptions;
        to.Layout = from.Layout;
        to.PredictionQuestion = from.PredictionQuestion;
        to.ShowLiveLeaderboard = from.ShowLiveLeaderboard;
        to.Stage = from.Stage;
        to.QualifyTopN = from.QualifyTopN;
        to.Prizes.Clear();
        to.Prizes.AddRange(from.Prizes.Select(p => new PrizeRule { Kind = p.Kind, Name = p.Name, Count = p.Count, UnitLevel = p.UnitLevel, SortOrder = p.SortOrder }));
        to.OnePrizePerPerson = from.OnePrizePerPerson;
        to.PredictionTieBreak = from.PredictionTieBreak;
        to.IntegrityChecks = from.IntegrityChecks;
        to.ReadingMsPerCharacter = from.ReadingMsPerCharacter;
        to.ReadingMinimumMs = from.ReadingMinimumMs;
    }
}
