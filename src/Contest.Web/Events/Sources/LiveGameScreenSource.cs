using System.Globalization;
using Contest.Engine.Events;
using Contest.Engine.LiveGames;

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
public sealed class LiveGameScreenSource(LiveGameService games, TimeProvider time) : IScreenSource
{
    public ScreenKind Kind => ScreenKind.LiveGame;

    public async Task<IReadOnlyList<ScreenTarget>> TargetsAsync(CancellationToken ct) =>
        (await games.Store.ActiveAsync()).Select(g => new ScreenTarget(g.Id.ToString(), $"{g.Title} — PIN {g.Pin}")).ToList();

    public async Task<object?> ContentAsync(string target, CancellationToken ct)
    {
        if (!Guid.TryParse(target, out var id) || await games.Store.FindAsync(id) is not { } game) return null;
        var s = await games.HostStateAsync(id);
        // At the reveal the host's state drops the question; the hall still needs it beside the key (the phones had it).
        var open = s.Phase switch
        {
            GamePhase.Question => s.Question,
            GamePhase.Reveal => s.Question ?? game.CurrentQuestionView,
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
