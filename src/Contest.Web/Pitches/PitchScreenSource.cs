using System.Globalization;
using Contest.Engine.Events;
using Contest.Engine.Pitches;
using Contest.Engine.Storage;
using Contest.Web.Events;
using Microsoft.EntityFrameworkCore;

namespace Contest.Web.Pitches;

/// <param name="Audience">The audience vote's totals, apart from the judges' ranking: only once the organizer has closed the vote.</param>
/// <param name="Vote">The vote's state and where to vote (QR), while it is open or once its totals are out; null otherwise.</param>
public sealed record PitchScreenContent(string Round, string? Team, string? Project, string Phase, DateTimeOffset? TimerEndsAt, DateTimeOffset ServerNow, BoardContent Ranking, BoardContent? Audience, VoteScreenContent? Vote);

/// <param name="Path">The vote page on this site; the projector prefixes its own host, and its QR is at Path + "/qr.svg".</param>
/// <param name="Prize">The audience prize's team(s) once the vote is closed (several on a tie).</param>
public sealed record VoteScreenContent(string Round, bool Open, bool Published, int Cast, string Path, IReadOnlyList<string> Prize, int PrizeVotes, BoardContent? Totals)
{
    public static async Task<VoteScreenContent?> BuildAsync(AudienceVoteDesk votes, int roundId, string round, CancellationToken ct)
    {
        var v = await votes.VotesAsync(roundId, organizer: false, ct);
        if (!v.Ok || (!v.Value!.Open && !v.Value.Published)) return null;
        var view = v.Value;
        BoardContent? totals = null;
        if (view.Published)
        {
            var most = view.Teams.Count > 0 ? view.Teams.Max(t => t.Votes) : 0;
            totals = new BoardContent(round, null, view.Teams
                .Select(t => new BoardRow(t.Rank, t.Name, t.Project, t.Votes.ToString("N0", CultureInfo.CurrentCulture), most > 0 ? (double)t.Votes / most : 0)).ToList());
        }
        var winners = view.Winners;
        return new VoteScreenContent(round, view.Open, view.Published, view.Total, PitchesSetup.VotePath(roundId),
            winners.Select(w => w.Name).ToList(), winners.FirstOrDefault()?.Votes ?? 0, totals);
    }
}

/// <summary>The pitch round on the projector: the team on stage, its timer, the ranking of locked teams only (nothing provisional reaches the hall), and the audience vote.</summary>
public sealed class PitchScreenSource(PitchDesk desk, AudienceVoteDesk votes, ContestDb db) : IScreenSource
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
        var vote = await VoteScreenContent.BuildAsync(votes, roundId, ranking.Value.Name, ct);
        return new PitchScreenContent(ranking.Value.Name, team?.Name, team?.Project, state.Phase.ToString(), state.TimerEndsAt, state.ServerNow,
            new BoardContent(ranking.Value.Name, null, rows), vote?.Totals, vote);
    }
}

/// <summary>
/// The event's join screen for the audience vote: the vote's QR code and address as big as the live game's PIN,
/// the number of votes cast while open, the audience prize once the organizer closes it.
/// </summary>
public sealed class PitchVoteScreenSource(PitchDesk desk, AudienceVoteDesk votes, ContestDb db) : IScreenSource
{
    public ScreenKind Kind => ScreenKind.PitchVote;

    public async Task<IReadOnlyList<ScreenTarget>> TargetsAsync(CancellationToken ct) =>
        (await desk.AllRoundsAsync(ct)).Select(r => new ScreenTarget(r.Id.ToString(CultureInfo.InvariantCulture), $"{r.ContestName} — {r.Name}")).ToList();

    public async Task<object?> ContentAsync(string target, CancellationToken ct)
    {
        if (!int.TryParse(target, NumberStyles.None, CultureInfo.InvariantCulture, out var roundId)) return null;
        var name = await db.PitchRounds.AsNoTracking().Where(r => r.Id == roundId).Select(r => r.Name).SingleOrDefaultAsync(ct);
        if (name is null) return null;
        // Before the vote opens the screen still shows where to vote: the hall can scan early.
        return await VoteScreenContent.BuildAsync(votes, roundId, name, ct)
            ?? new VoteScreenContent(name, false, false, 0, PitchesSetup.VotePath(roundId), [], 0, null);
    }
}
