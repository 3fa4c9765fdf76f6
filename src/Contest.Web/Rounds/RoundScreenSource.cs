using System.Globalization;
using Contest.Engine.Events;
using Contest.Engine.Rounds;
using Contest.Engine.Storage;
using Contest.Web.Events;
using Contest.Web.Rounds;
using Microsoft.EntityFrameworkCore;

namespace Contest.Web.Rounds;

public sealed record RoundScreenContent(string Status, BoardContent? Ranking, BoardContent? Prizes);

/// <summary>
/// A scheduled round on the projector: its live leaderboard while open (only if the organiser allows
/// it for the round), the final ranking and prize winners once published. Names and units only.
/// </summary>
public sealed class RoundScreenSource(ContestDb db, RoundResultsQuery results, RoundLiveBoard live) : IScreenSource
{
    private const int Rows = 10;

    public ScreenKind Kind => ScreenKind.Round;

    public Task<IReadOnlyList<ScreenTarget>> TargetsAsync(CancellationToken ct) => RoundTargetsAsync(db, ct);

    /// <summary>Every round, newest first: what both the round screen and the unit screen can show.</summary>
    public static async Task<IReadOnlyList<ScreenTarget>> RoundTargetsAsync(ContestDb db, CancellationToken ct) =>
        (await db.Set<ContestRound>().AsNoTracking().OrderByDescending(r => r.Id).Select(r => new { r.Id, r.Name }).ToListAsync(ct))
            .Select(r => new ScreenTarget(r.Id.ToString(CultureInfo.InvariantCulture), r.Name)).ToList();

    public async Task<object?> ContentAsync(string target, CancellationToken ct)
    {
        if (!int.TryParse(target, NumberStyles.None, CultureInfo.InvariantCulture, out var roundId)) return null;
        var round = await db.Set<ContestRound>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == roundId, ct);
        if (round is null) return null;

        if (await results.GetAsync(roundId, staff: false, ct) is { } published)
        {
            var top = published.Ranking.Take(Rows)
                .Select(r => new BoardRow(r.Rank, r.FullName, r.Unit, $"{r.Correct}/{published.Questions}", published.Questions > 0 ? (double)r.Correct / published.Questions : null)).ToList();
            var prizes = published.Prizes.Select(p => new BoardRow(p.Place, p.Winner, p.Name, "")).ToList();
            return new RoundScreenContent(round.Status.ToString(), new BoardContent(round.Name, null, top), prizes.Count > 0 ? new BoardContent(round.Name, null, prizes) : null);
        }

        var view = await live.ViewAsync(roundId, null, Rows, ct);
        if (view is null) return new RoundScreenContent(round.Status.ToString(), null, null);
        var entries = view.Top;
        var ids = entries.Select(e => int.Parse(e.Member, CultureInfo.InvariantCulture)).ToList();
        var people = await db.Set<RoundParticipant>().AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new { p.Id, p.FullName, Unit = db.Units.Where(u => u.Id == p.UnitId).Select(u => u.Name).FirstOrDefault() })
            .ToDictionaryAsync(p => p.Id, ct);
        var rows = entries.Select(e =>
        {
            var p = people.GetValueOrDefault(int.Parse(e.Member, CultureInfo.InvariantCulture));
            // While the round can still be attempted the screen shows the order only (see LiveBoardView).
            return new BoardRow(e.Rank, p?.FullName ?? "?", p?.Unit, e.Correct?.ToString(CultureInfo.CurrentCulture) ?? "");
        }).ToList();
        return new RoundScreenContent(round.Status.ToString(), new BoardContent(round.Name, null, rows), null);
    }
}
