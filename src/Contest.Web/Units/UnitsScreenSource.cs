using System.Globalization;
using Contest.Engine.Events;
using Contest.Engine.Rounds;
using Contest.Engine.Storage;
using Contest.Web.Events;
using Contest.Web.Rounds;
using Contest.Engine.Units;
using Microsoft.EntityFrameworkCore;

namespace Contest.Web.Units;

public sealed record UnitsScreenContent(BoardContent ByAverage, BoardContent ByParticipation);

/// <summary>District-level units of a round, ranked by average score and by participation rate (the seed asks every grassroots unit to take part; this is how the hall sees it).</summary>
public sealed class UnitsScreenSource(ContestDb db) : IScreenSource
{
    public ScreenKind Kind => ScreenKind.Units;

    public Task<IReadOnlyList<ScreenTarget>> TargetsAsync(CancellationToken ct) => RoundScreenSource.RoundTargetsAsync(db, ct);

    public async Task<object?> ContentAsync(string target, CancellationToken ct)
    {
        if (!int.TryParse(target, NumberStyles.None, CultureInfo.InvariantCulture, out var roundId)) return null;
        var round = await db.Set<ContestRound>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == roundId, ct);
        if (round is null) return null;
        var stats = (await UnitStatistics.ForRoundAsync(db, roundId, ct)).Where(s => s.Level == UnitLevel.District).ToList();

        var byAverage = stats.Where(s => s.AverageCorrect is not null).OrderByDescending(s => s.AverageCorrect).ThenBy(s => s.Name, StringComparer.Ordinal).ToList();
        var bestAverage = byAverage.FirstOrDefault()?.AverageCorrect ?? 0;
        var byRate = stats.Where(s => s.Rate is not null).OrderByDescending(s => s.Rate).ThenBy(s => s.Name, StringComparer.Ordinal).ToList();
        return new UnitsScreenContent(
            new BoardContent(round.Name, null, byAverage.Select((s, i) => new BoardRow(i + 1, s.Name, $"{s.Participants:N0}", s.AverageCorrect!.Value.ToString("0.0", CultureInfo.CurrentCulture), bestAverage > 0 ? s.AverageCorrect.Value / bestAverage : 0)).ToList()),
            new BoardContent(round.Name, null, byRate.Select((s, i) => new BoardRow(i + 1, s.Name, $"{s.Participants:N0} / {s.Members:N0}", s.Rate!.Value.ToString("P1", CultureInfo.CurrentCulture), Math.Min(1, s.Rate.Value))).ToList()));
    }
}
