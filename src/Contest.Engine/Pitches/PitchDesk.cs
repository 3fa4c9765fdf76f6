using Contest.Engine.Errors;
using Contest.Engine.Storage;
using Microsoft.EntityFrameworkCore;

namespace Contest.Engine.Pitches;

/// <summary>
/// The rules of live pitch scoring: who may score what and when, locking, the live state and the
/// ranking. Every entry point (HTTP, hub, pages) goes through here so the rules live in one place.
/// </summary>
public sealed class PitchDesk(ContestDb db, TimeProvider time, IPitchBroadcaster broadcaster)
{
    public async Task<IReadOnlyList<PitchRoundSummary>> RoundsOfJudgeAsync(string userId, CancellationToken ct = default) =>
        await (from j in db.Set<PitchJudge>()
               join r in db.PitchRounds on j.RoundId equals r.Id
               join c in db.Contests on r.ContestId equals c.Id
               where j.UserId == userId
               orderby r.Id
               select new PitchRoundSummary(r.Id, r.Name, c.Name)).ToListAsync(ct);

    public async Task<IReadOnlyList<PitchRoundSummary>> AllRoundsAsync(CancellationToken ct = default) =>
        await (from r in db.PitchRounds
               join c in db.Contests on r.ContestId equals c.Id
               orderby r.Id
               select new PitchRoundSummary(r.Id, r.Name, c.Name)).ToListAsync(ct);

    public Task<bool> IsJudgeOfAsync(int roundId, string userId, CancellationToken ct = default) =>
        db.Set<PitchJudge>().AnyAsync(j => j.RoundId == roundId && j.UserId == userId, ct);

    public async Task<Outcome<JudgeRoundView>> JudgeViewAsync(int roundId, string userId, CancellationToken ct = default)
    {
        var round = await LoadRoundAsync(roundId, ct);
        if (round is null) return ContestError.NotFound("round");
        if (!await IsJudgeOfAsync(roundId, userId, ct)) return PitchErrors.NotAssigned;

        var teamIds = round.Teams.Select(t => t.Id).ToList();
        var recused = await db.Set<PitchConflict>().Where(c => c.UserId == userId && teamIds.Contains(c.TeamId)).Select(c => c.TeamId).ToListAsync(ct);
        var mine = await db.Set<PitchScore>().AsNoTracking().Where(s => s.JudgeId == userId && teamIds.Contains(s.TeamId)).ToListAsync(ct);
        var teams = round.Teams.OrderBy(t => t.Order).ThenBy(t => t.Id).Select(t => new JudgeTeamView(
            TeamView.Of(t),
            recused.Contains(t.Id),
            mine.Where(s => s.TeamId == t.Id).Select(View).ToList())).ToList();
        return new JudgeRoundView(round.Id, round.Name, round.PitchSeconds, round.QaSeconds, Live(round), Criteria(round), teams);
    }

    /// <summary>Saves a judge's scores for a team (all or some criteria), keeping every change in the audit trail.</summary>
    public async Task<Outcome<IReadOnlyList<ScoreView>>> SaveScoresAsync(string userId, int teamId, IReadOnlyList<ScoreEntry> entries, CancellationToken ct = default)
    {
        var team = await db.PitchTeams.SingleOrDefaultAsync(t => t.Id == teamId, ct);
        if (team is null) return ContestError.NotFound("team");
        if (!await IsJudgeOfAsync(team.RoundId, userId, ct)) return PitchErrors.NotAssigned;
        if (await db.Set<PitchConflict>().AnyAsync(c => c.TeamId == teamId && c.UserId == userId, ct)) return PitchErrors.Recused;
        if (team.IsLocked) return PitchErrors.Locked;

        if (entries.Count == 0) return PitchErrors.Invalid("No scores were sent.");
        var criteria = await db.RubricCriteria.Where(c => c.RoundId == team.RoundId).ToDictionaryAsync(c => c.Id, ct);
        var problems = new List<string>();
        foreach (var e in entries)
        {
            if (!criteria.TryGetValue(e.CriterionId, out var c)) { problems.Add($"Criterion {e.CriterionId} is not part of this round's rubric."); continue; }
            if (PitchRules.CheckScore(c, e.Score) is { } why) problems.Add(why);
            if ((e.Comment?.Length ?? 0) > PitchRules.MaxCommentLength) problems.Add($"The comment on '{c.Name}' is longer than {PitchRules.MaxCommentLength} characters.");
        }
        if (entries.GroupBy(e => e.CriterionId).Any(g => g.Count() > 1)) problems.Add("A criterion was sent more than once.");
        if (problems.Count > 0) return PitchErrors.Invalid(string.Join(" ", problems));

        var now = time.GetUtcNow();
        var existing = await db.Set<PitchScore>().Where(s => s.TeamId == teamId && s.JudgeId == userId).ToDictionaryAsync(s => s.CriterionId, ct);
        foreach (var e in entries)
        {
            var comment = (e.Comment ?? "").Trim();
            existing.TryGetValue(e.CriterionId, out var score);
            if (score is not null && score.Score == e.Score && score.Comment == comment) continue;
            db.Add(new PitchScoreChange
            {
                TeamId = teamId, CriterionId = e.CriterionId, JudgeId = userId,
                OldScore = score?.Score, OldComment = score?.Comment, NewScore = e.Score, NewComment = comment, ChangedAt = now,
            });
            if (score is null)
            {
                score = new PitchScore { TeamId = teamId, CriterionId = e.CriterionId, JudgeId = userId };
                db.Add(score);
                existing[e.CriterionId] = score;
            }
            score.Score = e.Score;
            score.Comment = comment;
            score.UpdatedAt = now;
        }
        team.ScoreRevision++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The organizer locked the team between our check and our write: the lock wins, nothing is saved.
            return PitchErrors.Locked;
        }
        await broadcaster.ScoresSavedAsync(team.RoundId, teamId, userId);
        return existing.Values.OrderBy(s => s.CriterionId).Select(View).ToList();
    }

    /// <summary>All judges' scores of a team: organizers always, a judge of the round only once the team is locked.</summary>
    public async Task<Outcome<TeamScoresView>> TeamScoresAsync(int teamId, string userId, bool organizer, CancellationToken ct = default)
    {
        var team = await db.PitchTeams.AsNoTracking().SingleOrDefaultAsync(t => t.Id == teamId, ct);
        if (team is null) return ContestError.NotFound("team");
        if (!organizer)
        {
            if (!await IsJudgeOfAsync(team.RoundId, userId, ct)) return PitchErrors.NotAssigned;
            if (!team.IsLocked) return PitchErrors.NotYetLocked;
        }
        var names = await JudgeNamesAsync(team.RoundId, ct);
        var scores = await db.Set<PitchScore>().AsNoTracking().Where(s => s.TeamId == teamId).ToListAsync(ct);
        var recused = await db.Set<PitchConflict>().Where(c => c.TeamId == teamId).Select(c => c.UserId).ToListAsync(ct);
        var judges = names.Select(n => new JudgeScoresView(n.Key, n.Value, recused.Contains(n.Key),
            scores.Where(s => s.JudgeId == n.Key).OrderBy(s => s.CriterionId).Select(View).ToList())).ToList();
        return new TeamScoresView(teamId, team.IsLocked, judges);
    }

    public async Task<Outcome<OrganizerRoundView>> OrganizerViewAsync(int roundId, CancellationToken ct = default)
    {
        var round = await LoadRoundAsync(roundId, ct);
        if (round is null) return ContestError.NotFound("round");
        var teamIds = round.Teams.Select(t => t.Id).ToList();
        var names = await JudgeNamesAsync(roundId, ct);
        var counts = await db.Set<PitchScore>().Where(s => teamIds.Contains(s.TeamId))
            .GroupBy(s => new { s.JudgeId, s.TeamId }).Select(g => new { g.Key.JudgeId, g.Key.TeamId, Count = g.Count() }).ToListAsync(ct);
        var conflicts = await db.Set<PitchConflict>().Where(c => teamIds.Contains(c.TeamId)).Select(c => new { c.UserId, c.TeamId }).ToListAsync(ct);
        var teams = round.Teams.OrderBy(t => t.Order).ThenBy(t => t.Id).ToList();
        var progress = names.Select(n => new JudgeProgress(n.Key, n.Value, teams.Select(t => new TeamProgress(
            t.Id,
            counts.Where(c => c.JudgeId == n.Key && c.TeamId == t.Id).Sum(c => c.Count),
            round.Criteria.Count,
            conflicts.Any(c => c.UserId == n.Key && c.TeamId == t.Id))).ToList())).ToList();
        return new OrganizerRoundView(round.Id, round.Name, round.Method, round.PitchSeconds, round.QaSeconds, round.AudienceVoteOpen,
            Live(round), Criteria(round), teams.Select(TeamView.Of).ToList(), progress);
    }

    /// <summary>The panel for organizers: each judge's state on the team on stage, and each judge's totals beside the panel's.</summary>
    public async Task<Outcome<PanelView>> PanelAsync(int roundId, CancellationToken ct = default)
    {
        var round = await LoadRoundAsync(roundId, ct);
        if (round is null) return ContestError.NotFound("round");
        var teamIds = round.Teams.Select(t => t.Id).ToList();
        var names = await JudgeNamesAsync(roundId, ct);
        var scores = await db.Set<PitchScore>().AsNoTracking().Where(s => teamIds.Contains(s.TeamId)).ToListAsync(ct);
        var conflicts = (await db.Set<PitchConflict>().Where(c => teamIds.Contains(c.TeamId)).Select(c => new { c.UserId, c.TeamId }).ToListAsync(ct))
            .Select(c => (c.UserId, c.TeamId)).ToHashSet();
        var criteria = round.Criteria.Select(c => new CriterionSpec(c.Id, c.Name, c.Weight, c.MaxScore)).ToList();

        var stage = round.Teams.FirstOrDefault(t => t.Id == round.CurrentTeamId);
        var onStage = stage is null ? [] : names.Select(n =>
        {
            var mine = scores.Where(s => s.TeamId == stage.Id && s.JudgeId == n.Key).ToList();
            var status = conflicts.Contains((n.Key, stage.Id)) ? StageStatus.Recused
                : mine.Count >= criteria.Count && criteria.Count > 0 ? StageStatus.Saved
                : mine.Count > 0 ? StageStatus.Scoring : StageStatus.NotStarted;
            return new JudgeOnStage(n.Key, n.Value, status, mine.Count, criteria.Count, mine.Count > 0 ? mine.Max(s => s.UpdatedAt) : null);
        }).ToList();

        var totals = scores.Where(s => names.ContainsKey(s.JudgeId) && !conflicts.Contains((s.JudgeId, s.TeamId)))
            .GroupBy(s => (s.JudgeId, s.TeamId))
            .Where(g => criteria.All(c => g.Any(s => s.CriterionId == c.Id)))
            .Select(g => (g.Key.JudgeId, g.Key.TeamId, RubricAggregator.JudgeTotal(criteria, g.ToDictionary(s => s.CriterionId, s => s.Score))))
            .ToList();
        return new PanelView(roundId, stage?.Id, stage?.Name, onStage, PanelCheck.Compute(totals), names);
    }

    public async Task<Outcome<LiveState>> LiveAsync(int roundId, CancellationToken ct = default)
    {
        var round = await db.PitchRounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundId, ct);
        return round is null ? ContestError.NotFound("round") : Live(round);
    }

    public async Task<Outcome<LiveState>> SetCurrentTeamAsync(int roundId, int? teamId, CancellationToken ct = default)
    {
        var round = await db.PitchRounds.SingleOrDefaultAsync(r => r.Id == roundId, ct);
        if (round is null) return ContestError.NotFound("round");
        if (teamId is { } id && !await db.PitchTeams.AnyAsync(t => t.Id == id && t.RoundId == roundId, ct))
            return PitchErrors.Invalid($"Team {id} is not in this round.");
        round.CurrentTeamId = teamId;
        // A new team on stage starts with a stopped clock: the organizer starts the pitch timer when the team begins.
        round.TimerPhase = PitchTimerPhase.Stopped;
        round.TimerEndsAt = null;
        await db.SaveChangesAsync(ct);
        var live = Live(round);
        await broadcaster.LiveChangedAsync(live);
        return live;
    }

    public async Task<Outcome<LiveState>> SetTimerAsync(int roundId, PitchTimerPhase phase, CancellationToken ct = default)
    {
        var round = await db.PitchRounds.SingleOrDefaultAsync(r => r.Id == roundId, ct);
        if (round is null) return ContestError.NotFound("round");
        if (!Enum.IsDefined(phase)) return PitchErrors.Invalid($"Unknown timer phase {(int)phase}.");
        if (phase != PitchTimerPhase.Stopped && round.CurrentTeamId is null) return PitchErrors.Invalid("Choose the team on stage before starting a timer.");
        round.TimerPhase = phase;
        round.TimerEndsAt = phase switch
        {
            PitchTimerPhase.Pitch => time.GetUtcNow().AddSeconds(round.PitchSeconds),
            PitchTimerPhase.Questions => time.GetUtcNow().AddSeconds(round.QaSeconds),
            _ => null,
        };
        await db.SaveChangesAsync(ct);
        var live = Live(round);
        await broadcaster.LiveChangedAsync(live);
        return live;
    }

    /// <summary>Locks a team: its scores become final and enter the public ranking. Locking is final and records who and when.</summary>
    public async Task<Outcome<TeamView>> LockAsync(int teamId, string byUser, CancellationToken ct = default)
    {
        var team = await db.PitchTeams.SingleOrDefaultAsync(t => t.Id == teamId, ct);
        if (team is null) return ContestError.NotFound("team");
        if (team.IsLocked) return PitchErrors.Locked;
        team.LockedAt = time.GetUtcNow();
        team.LockedBy = byUser;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return PitchErrors.Locked;
        }
        await broadcaster.TeamLockedAsync(team.RoundId, teamId);
        return TeamView.Of(team);
    }

    /// <summary>The ranking; the public one holds locked teams only, so nothing provisional reaches the hall.</summary>
    public async Task<Outcome<RankingView>> RankingAsync(int roundId, bool lockedOnly, CancellationToken ct = default)
    {
        var report = await ReportAsync(roundId, lockedOnly, ct);
        if (!report.Ok) return report.Error!;
        var r = report.Value!;
        var teams = r.Aggregation.Standings.Select(s =>
        {
            var t = r.Teams.Single(x => x.Id == s.TeamId);
            return new RankedTeam(t.Id, t.Name, t.Project, s.Rank, s.Score, s.Judges.Count, s.TieBreak, t.IsLocked);
        }).ToList();
        return new RankingView(r.Round.Id, r.Round.Name, r.Round.Method, teams);
    }

    public async Task<Outcome<PitchReport>> ReportAsync(int roundId, bool lockedOnly, CancellationToken ct = default)
    {
        var round = await LoadRoundAsync(roundId, ct);
        if (round is null) return ContestError.NotFound("round");
        var teams = round.Teams.Where(t => !lockedOnly || t.IsLocked).OrderBy(t => t.Order).ThenBy(t => t.Id).ToList();
        var teamIds = teams.Select(t => t.Id).ToList();
        var criteria = round.Criteria.OrderBy(c => c.Order).ThenBy(c => c.Id).ToList();
        var names = await JudgeNamesAsync(roundId, ct);
        // Scores of a judge later removed from the panel no longer count.
        var scores = await db.Set<PitchScore>().AsNoTracking().Where(s => teamIds.Contains(s.TeamId)).ToListAsync(ct);
        scores = scores.Where(s => names.ContainsKey(s.JudgeId)).OrderBy(s => s.TeamId).ThenBy(s => s.JudgeId, StringComparer.Ordinal).ThenBy(s => s.CriterionId).ToList();
        var conflicts = await db.Set<PitchConflict>().AsNoTracking().Where(c => teamIds.Contains(c.TeamId)).ToListAsync(ct);
        var input = new AggregationInput(
            criteria.Select(c => new CriterionSpec(c.Id, c.Name, c.Weight, c.MaxScore)).ToList(),
            round.Method,
            round.TieBreakCriterionId,
            teamIds,
            scores.GroupBy(s => (s.JudgeId, s.TeamId)).Select(g => new JudgeSheet(g.Key.JudgeId, g.Key.TeamId, g.ToDictionary(s => s.CriterionId, s => s.Score))).ToList(),
            conflicts.Where(c => names.ContainsKey(c.UserId)).Select(c => (c.UserId, c.TeamId)).ToList());
        var changes = (await db.Set<PitchScoreChange>().AsNoTracking().Where(c => teamIds.Contains(c.TeamId)).ToListAsync(ct)).OrderBy(c => c.Id).ToList();
        return new PitchReport(round, criteria, teams, names, scores, conflicts, changes, RubricAggregator.Aggregate(input), RubricAggregator.Robustness(input));
    }

    private async Task<Dictionary<string, string>> JudgeNamesAsync(int roundId, CancellationToken ct) =>
        (await (from j in db.Set<PitchJudge>()
                join u in db.Users on j.UserId equals u.Id
                where j.RoundId == roundId
                select new { u.Id, u.DisplayName, u.UserName }).ToListAsync(ct))
        .OrderBy(u => u.UserName, StringComparer.Ordinal)
        .ToDictionary(u => u.Id, u => string.IsNullOrWhiteSpace(u.DisplayName) ? u.UserName ?? u.Id : u.DisplayName);

    private Task<PitchRound?> LoadRoundAsync(int roundId, CancellationToken ct) =>
        db.PitchRounds.AsNoTracking().Include(r => r.Criteria).Include(r => r.Teams).AsSplitQuery().SingleOrDefaultAsync(r => r.Id == roundId, ct);

    private LiveState Live(PitchRound r) => new(r.Id, r.CurrentTeamId, r.TimerPhase, r.TimerEndsAt, time.GetUtcNow());

    private static List<CriterionView> Criteria(PitchRound r) => r.Criteria.OrderBy(c => c.Order).ThenBy(c => c.Id).Select(CriterionView.Of).ToList();

    private static ScoreView View(PitchScore s) => new(s.CriterionId, s.Score, s.Comment, s.UpdatedAt);
}
