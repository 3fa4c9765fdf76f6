using Contest.Engine.Storage;
using Microsoft.EntityFrameworkCore;

namespace Contest.Engine.Rounds;

/// <summary>A ranked row; <see cref="AttemptId"/> and <see cref="TimeTakenMs"/> let an export recompute the ranking exactly.</summary>
public sealed record ResultRow(int Rank, int ParticipantId, string FullName, string? Unit, int Correct, int? Prediction, int? PredictionError, double TimeTakenSeconds, DateTimeOffset SubmittedAt,
    long AttemptId = 0, long TimeTakenMs = 0);
/// <summary>A prize won, in the table's order. <see cref="Measure"/>: see <see cref="AwardedPrize.Measure"/>.</summary>
public sealed record PrizeRow(string Name, PrizeKind Kind, int Place, string Winner, int? ParticipantId, int? UnitId, int? ParticipantCount, double? Measure = null);

public sealed record RoundResultsView(int RoundId, string Name, RoundStatus Status, int Questions, int? AllCorrectCount, DateTimeOffset? PublishAt,
    IReadOnlyList<ResultRow> Ranking, IReadOnlyList<PrizeRow> Prizes, PrizeTableOptions? PrizeOptions = null)
{
    /// <summary>The prizes one participant won, in the table's order ("Giải Ba, Giải dự đoán…").</summary>
    public IReadOnlyList<string> PrizesOf(int participantId) => [.. Prizes.Where(p => p.ParticipantId == participantId).Select(p => p.Name)];

    public bool HasPredictionPrize => Prizes.Any(p => p.Kind == PrizeKind.ClosestPrediction);
}

/// <summary>A round's stored ranking with names and units: what the results page, the API and the exports show.</summary>
public sealed class RoundResultsQuery(ContestDb db)
{
    /// <summary>Null until the results are published (organisers see them from the close).</summary>
    public async Task<RoundResultsView?> GetAsync(int roundId, bool staff, CancellationToken ct = default)
    {
        var round = await db.Set<ContestRound>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundId, ct);
        if (round is null || !(round.Status == RoundStatus.Published || (staff && round.Status == RoundStatus.Closed))) return null;
        var people = await (from p in db.Set<RoundParticipant>().AsNoTracking()
                            join r in db.Set<RoundResult>().Where(r => r.RoundId == roundId) on p.Id equals r.ParticipantId
                            select new { p.Id, p.FullName, p.UnitId }).ToDictionaryAsync(p => p.Id, ct);
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var rows = (await db.Set<RoundResult>().AsNoTracking().Where(r => r.RoundId == roundId).OrderBy(r => r.Rank).ThenBy(r => r.ParticipantId).ToListAsync(ct))
            .Select(r =>
            {
                var p = people.GetValueOrDefault(r.ParticipantId);
                return new ResultRow(r.Rank, r.ParticipantId, p?.FullName ?? "?", p?.UnitId is { } u ? units.GetValueOrDefault(u) : null,
                    r.Correct, r.Prediction, r.PredictionError, r.TimeTakenMs / 1000.0, r.SubmittedAt, r.AttemptId, r.TimeTakenMs);
            }).ToList();
        var prizePeople = await db.Set<RoundPrize>().AsNoTracking().Where(p => p.RoundId == roundId && p.ParticipantId != null).Select(p => p.ParticipantId!.Value).ToListAsync(ct);
        var names = await db.Set<RoundParticipant>().AsNoTracking().Where(p => prizePeople.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.FullName, ct);
        var prizes = (await db.Set<RoundPrize>().AsNoTracking().Where(p => p.RoundId == roundId).OrderBy(p => p.Id).ToListAsync(ct))
            .Select(p => new PrizeRow(p.Name, p.Kind, p.Place,
                p.ParticipantId is { } pid ? names.GetValueOrDefault(pid) ?? "?" : p.UnitId is { } uid ? units.GetValueOrDefault(uid) ?? "?" : "?",
                p.ParticipantId, p.UnitId, p.ParticipantCount, p.Measure)).ToList();
        return new RoundResultsView(round.Id, round.Name, round.Status, round.QuestionsPerAttempt, round.AllCorrectCount, round.PublishAt, rows, prizes, round.PrizeOptions);
    }
}
