using System.Globalization;
using Contest.Engine.Events;
using Contest.Engine.LiveGames;
using Contest.Engine.Storage;
using Contest.Web.Events;
using Microsoft.EntityFrameworkCore;

namespace Contest.Web.LiveGames;

public sealed record LiveScreenContent(string Title, string Phase, string Pin, int Players, int? QuestionNumber, int QuestionCount,
    string? Question, IReadOnlyList<string>? Options, DateTimeOffset? Deadline, DateTimeOffset ServerNow, BoardContent? Board, LiveRevealContent? Reveal,
    LiveFinalContent? Final = null);

/// <summary>
/// The end of a game on the wall (its podium, and for good once it is finished): <see cref="LiveScreenContent.Board"/>
/// holds the top ranks, the first three drawn as the podium; <see cref="Teams"/> the unit ranking of a team game;
/// <see cref="Note"/> says it is over, how many played and whether the host stopped it early; <see cref="Empty"/> is
/// said instead of a ranking when the game ended before any question.
/// </summary>
public sealed record LiveFinalContent(string Heading, string Note, BoardContent? Teams, string? Empty);

/// <summary>A closed question's key and how the hall answered: sent only in the Reveal phase, when every phone has it too.</summary>
public sealed record LiveRevealContent(IReadOnlyList<int> CorrectOptions, IReadOnlyList<string> Accepted, IReadOnlyList<int> OptionCounts, int Right, int Players);

/// <summary>
/// A live game on an event's projector. Built from the host's state, but only what players may see at
/// that phase: the question and its options while open (as every phone has them), the key and the answer
/// counts once revealed, rankings after. From the podium on, the final ranks come from the stored rows
/// (<see cref="LiveFinals"/>): the same screen whether the game's grain still runs, has gone since the game ended,
/// or the node is new.
/// </summary>
public sealed class LiveGameScreenSource(LivePlay play, LiveFinals finals, ContestDb db, TimeProvider time, Microsoft.Extensions.Localization.IStringLocalizer<EventsUi> e) : IScreenSource
{
    public ScreenKind Kind => ScreenKind.LiveGame;

    public async Task<IReadOnlyList<ScreenTarget>> TargetsAsync(CancellationToken ct)
    {
        // The newest game still running first (the one a director is about to show), finished games last and marked.
        // Games run on any node: the stored rows name them (as recent as an open PIN is kept).
        var since = time.GetUtcNow() - LivePinGrain.OpenWindow;
        var rows = await db.Set<LiveGameRecord>().AsNoTracking()
            .Select(g => new { g.Id, g.Title, g.Pin, g.CreatedAt, g.Phase, g.FinishedAt }).ToListAsync(ct);
        var found = rows.Where(g => g.CreatedAt >= since)
            .Select(g => (Target: Label(g.Id, g.Title, g.Pin, g.FinishedAt is not null), Finished: g.FinishedAt is not null, g.CreatedAt))
            .ToList();
        return found.OrderBy(g => g.Finished).ThenByDescending(g => g.CreatedAt).Select(g => g.Target).ToList();
    }

    private ScreenTarget Label(Guid id, string title, string pin, bool finished) =>
        new(id.ToString(), finished ? $"{title} — PIN {pin} ({e["Director.GameFinished"]})" : $"{title} — PIN {pin}");

    /// <summary>
    /// Through the game's grain, on whichever node it runs. While the game moves to another node the call may be
    /// refused "busy": a projector connecting then retries for a few seconds rather than falling back to the welcome
    /// screen. Any other refusal means the game is over or unknown.
    /// </summary>
    private async Task<LiveScreenState?> ScreenAsync(Guid id, CancellationToken ct)
    {
        var until = time.GetUtcNow() + TimeSpan.FromSeconds(5);
        for (var wait = TimeSpan.FromMilliseconds(250); ; wait *= 2)
        {
            try { return await play.ScreenAsync(id); }
            catch (LiveGameException e) when (e.Code is "busy" or "moved" && time.GetUtcNow() + wait < until)
            {
                await Task.Delay(wait, time, ct);
            }
            catch (LiveGameException) { return null; }
        }
    }

    public async Task<object?> ContentAsync(string target, CancellationToken ct)
    {
        if (!Guid.TryParse(target, out var id)) return null;
        var stored = await db.Set<LiveGameRecord>().AsNoTracking().Where(g => g.Id == id).Select(g => new { g.FinishedAt }).FirstOrDefaultAsync(ct);
        if (stored is null) return null;
        // Over: no need to wake the game's grain (gone once finished); a game that ends during the call is read back too.
        if (stored.FinishedAt is not null || await ScreenAsync(id, ct) is not { } screen) return await FinalAsync(id);
        var s = screen.State;
        // At the reveal the host's state drops the question; the hall still needs it beside the key (the phones had it).
        var open = s.Phase switch
        {
            GamePhase.Question => s.Question,
            GamePhase.Reveal => s.Question ?? screen.Question,
            _ => null,
        };
        var reveal = s.Phase == GamePhase.Reveal && s.Reveal is { } r
            ? new LiveRevealContent(r.Correct.Options, r.Correct.Accepted, r.OptionCounts, r.Right, r.Players)
            : null;
        var standings = s.Podium?.Podium ?? s.Leaderboard?.Top;
        var top = standings?.Count > 0 ? standings[0].Score : 0;
        var board = standings is null ? null : new BoardContent(s.Title, null,
            standings.Select(p => new BoardRow(p.Rank, p.Nickname, p.Unit, p.Score.ToString("N0", CultureInfo.CurrentCulture), top > 0 ? (double)p.Score / top : 0)).ToList());
        return new LiveScreenContent(s.Title, s.Phase.ToString(), s.Pin, s.Players.Count, s.QuestionIndex + 1, s.QuestionCount,
            open?.Text, open?.Options.Select(o => o.Text).ToList(), s.Phase == GamePhase.Question ? open?.Deadline : null, time.GetUtcNow(), board, reveal);
    }

    private async Task<LiveScreenContent?> FinalAsync(Guid id)
    {
        if (await finals.LoadAsync(id) is not { } r) return null;
        var g = r.Game;
        var culture = CultureInfo.CurrentCulture;
        var ranked = LiveFinals.Ranked(r);
        var top = ranked.Count > 0 ? ranked[0].FinalScore ?? 0 : 0;
        var rows = ranked.Take(LiveFinals.TopRanks)
            .Select(p => new BoardRow(p.FinalRank, p.Nickname, p.UnitName, (p.FinalScore ?? 0).ToString("N0", culture), top > 0 ? (double)(p.FinalScore ?? 0) / top : 0))
            .ToList();
        var topTeam = r.Teams.Count > 0 ? r.Teams[0].Score : 0;
        var teams = r.Teams.Count == 0 ? null : new BoardContent(e["Screen.LiveTeams"], null, r.Teams.Take(LiveFinals.TopRanks)
            .Select(t => new BoardRow(t.Rank, t.Name, e[t.Members == 1 ? "Screen.LiveMembers.one" : "Screen.LiveMembers.other", t.Members.ToString("N0", culture)],
                t.Score.ToString("N0", culture), topTeam > 0 ? (double)t.Score / topTeam : 0))
            .ToList());
        var played = r.Debrief.Played;
        var notes = new List<string> { e["Screen.LiveOver"] };
        if (ranked.Count > 0) notes.Add(e[ranked.Count == 1 ? "Screen.LivePlayers.one" : "Screen.LivePlayers.other", ranked.Count.ToString("N0", culture)]);
        if (played > 0 && played < g.QuestionIds.Count) notes.Add(e["Screen.LiveEndedEarly", played, g.QuestionIds.Count]);
        var phase = g.Phase == GamePhase.Finished ? GamePhase.Finished : GamePhase.Podium;
        return new LiveScreenContent(g.Title, phase.ToString(), g.Pin, ranked.Count, played > 0 ? played : null, g.QuestionIds.Count, null, null, null, time.GetUtcNow(),
            new BoardContent(g.Title, null, rows), null,
            new LiveFinalContent(e["Screen.LiveFinal"], string.Join(" · ", notes), teams, rows.Count == 0 ? e["Screen.LiveNoRanks"].Value : null));
    }
}
