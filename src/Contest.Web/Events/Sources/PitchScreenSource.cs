using System.Globalization;
using Contest.Engine.Events;
using Contest.Engine.Pitches;
using Contest.Engine.Storage;
using Microsoft.EntityFrameworkCore;

namespace Contest.Web.Events.Sources;

/// <param name="Audience">The audience vote, apart from the judges' ranking; null while it has neither opened nor received a vote.</param>
public sealed record PitchScreenContent(string Round, string? Team, string? Project, string Phase, DateTimeOffset? TimerEndsAt, DateTimeOffset ServerNow, BoardContent Ranking, BoardContent? Audience);

/// <summary>The pitch round on the projector: the team on stage, its timer, the ranking of locked teams only (nothing provisional reaches the hall), and the audience vote.</summary>
public sealed class PitchScreenSource(PitchDesk desk, ContestDb db) : IScreenSource
{
    public ScreenKind Kind => ScreenKind.Pitch;

    public async Task<IReadOnlyList<ScreenTarget>> TargetsAsync(CancellationToken ct) =>
        (await desk.AllRoundsAsync(ct)).Select(r => new ScreenTarget(r.Id.ToString(CultureInfo.InvariantCulture), $"{r.ContestName} — {r.Name}")).ToList();

    public async Task<object?> ContentAsync(string target, CancellationToken ct)
    {
        if (!int.TryParse(target, NumberStyles.None, CultureInfo.InvariantCulture, out var roundId)) return null;
        var live = await desk.LiveAsync(roundId, ct);
        var ranking = await desk.RankingAsync(roundId, lockedOnly: true, ct);
        if (!live.Ok || !ranking.Ok) return null;
        var state = live.Value!;
        var team = state.CurrentTeamId is { } id ? await db.PitchTeams.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct) : null;
        var rows = ranking.Value!.Teams
            .Where(t => t.Locked && t.Score is not null)
            .OrderBy(t => t.Rank ?? int.MaxValue)
            .Select(t => new BoardRow(t.Rank, t.Name, t.Project, t.Score!.Value.ToString("0.00", CultureInfo.CurrentCulture), (double)t.Score.Value / 100))
            .ToList();
        var votes = await desk.VotesAsync(roundId, ct);
        BoardContent? audience = null;
        if (votes.Ok && (votes.Value!.Open || votes.Value.Total > 0))
        {
            var most = votes.Value.Teams.Count > 0 ? votes.Value.Teams.Max(t => t.Votes) : 0;
            audience = new BoardContent(ranking.Value.Name, null, votes.Value.Teams
                .Select(t => new BoardRow(null, t.Name, null, t.Votes.ToString("N0", CultureInfo.CurrentCulture), most > 0 ? (double)t.Votes / most : 0)).ToList());
        }
        return new PitchScreenContent(ranking.Value.Name, team?.Name, team?.Project, state.Phase.ToString(), state.TimerEndsAt, state.ServerNow,
            new BoardContent(ranking.Value.Name, null, rows), audience);
    }
}
