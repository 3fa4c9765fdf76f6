using System.Globalization;
using Contest.Engine.Events;
using Contest.Engine.LiveGames;
using Contest.Engine.Storage;
using Contest.Web.LiveGames;
using Microsoft.EntityFrameworkCore;

namespace Contest.Web.Events.Sources;

public sealed record LiveScreenContent(string Title, string Phase, string Pin, int Players, int? QuestionNumber, int QuestionCount,
    string? Question, IReadOnlyList<string>? Options, DateTimeOffset? Deadline, DateTimeOffset ServerNow, BoardContent? Board, LiveRevealContent? Reveal);

/// <summary>A closed question's key and how the hall answered: sent only in the Reveal phase, when every phone has it too.</summary>
public sealed record LiveRevealContent(IReadOnlyList<int> CorrectOptions, IReadOnlyList<string> Accepted, IReadOnlyList<int> OptionCounts, int Right, int Players);

/// <summary>
/// A live game on an event's projector. Built from the host's state, but only what players may see at
/// that phase: the question and its options while open (as every phone has them), the key and the answer
/// counts once revealed, rankings after.
/// </summary>
public sealed class LiveGameScreenSource(LivePlay play, ContestDb db, TimeProvider time, Microsoft.Extensions.Localization.IStringLocalizer<EventsUi> e) : IScreenSource
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
        if (await ScreenAsync(id, ct) is not { } screen) return null;
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
}
