using Contest.Engine.LiveGames;
using Contest.Engine.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Localization;

namespace Contest.Web.LiveGames;

/// <summary>
/// A live game after its end, read back from its stored rows: its grain goes once the game is finished (and a fresh
/// node never had it), yet the hall's projector, the host's page and every phone reloaded after the end still show
/// the final ranks. The ranks and scores are those stored at the podium (<see cref="LivePlayerRecord.FinalRank"/>),
/// units and the unit ranking as the game had them, computed by the same code as the results workbook.
/// </summary>
public sealed class LiveFinals(StorageSettings storage, TimeProvider time, IStringLocalizer<LiveResultsUi> t)
{
    /// <summary>How many places the projector lists (the largest podium a host can choose).</summary>
    public const int TopRanks = GameSettings.MaxPodium;

    // A finished game never changes again, and at its end a whole hall may reload at once: each game is read once a while,
    // not once per phone.
    private readonly MemoryCache _finished = new(new MemoryCacheOptions { SizeLimit = 32 });

    /// <summary>The stored results of a game whose ranks are final (from its podium on); null for an unknown or running game.</summary>
    public async Task<LiveResults?> LoadAsync(Guid gameId)
    {
        if (_finished.TryGetValue(gameId, out LiveResults? cached)) return cached;
        LiveResults? results;
        await using (var db = StorageRegistration.Create(storage))
        {
            if (!await db.Set<LiveGameRecord>().AnyAsync(g => g.Id == gameId && g.FinishedAt != null)) return null;
            results = await LiveResultsExport.LoadAsync(db, gameId, t);
        }
        // Kept only once finished for good: at the podium the host's next step still changes the stored phase.
        if (results?.Game.Phase == GamePhase.Finished)
            _finished.Set(gameId, results, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10) });
        return results;
    }

    /// <summary>The players still in the game at its end, in their final order (empty for a game ended in its lobby).</summary>
    public static IReadOnlyList<LivePlayerRecord> Ranked(LiveResults r) =>
        r.Players.Where(p => !p.Kicked && p.FinalRank is not null).OrderBy(p => p.FinalRank).ThenBy(p => p.JoinedAt).ToList();

    /// <summary>What the host's page gets for a finished game: the podium, the unit ranking and the debrief.</summary>
    public async Task<HostState?> HostAsync(Guid gameId)
    {
        if (await LoadAsync(gameId) is not { } r) return null;
        var g = r.Game;
        var ranked = Ranked(r);
        var podium = ranked.Count == 0 ? null : new HostPodium(
            ranked.Take(g.PodiumSize).Select(p => new Standing(p.FinalRank!.Value, p.Id, p.Nickname, p.UnitName, p.FinalScore ?? 0, p.FinalRank.Value, 0, 0)).ToList(),
            r.Teams, r.Debrief);
        var settings = new GameSettings { Scoring = g.Scoring, StreakBonus = g.StreakBonus, Teams = g.Teams, PodiumSize = g.PodiumSize, TimerFactor = g.TimerFactor };
        return new HostState(g.Id, g.Pin, g.Title, GamePhase.Finished, false, g.QuestionIds.Count, g.CurrentIndex >= 0 ? g.CurrentIndex : null,
            r.Players.Where(p => !p.Kicked).Select(p => new PlayerView(p.Id, p.Nickname, p.UnitName)).ToList(), 0, settings, null, null, null, podium);
    }

    /// <summary>
    /// A phone of a finished game, by the PIN it played with and its resume token: its final rank and score (no rank for a
    /// player removed, or a game ended in its lobby). Null when no finished game of that PIN knows the token.
    /// </summary>
    public async Task<(Guid GameId, PlayerState State)?> PlayerAsync(string? pin, string? resumeToken)
    {
        if (!GamePin.IsValid(pin) || string.IsNullOrWhiteSpace(resumeToken) || resumeToken.Length > 100) return null;
        var hash = LiveGameService.Hash(resumeToken);
        Guid? gameId;
        await using (var db = StorageRegistration.Create(storage))
        {
            gameId = await (from p in db.Set<LivePlayerRecord>()
                            join g in db.Set<LiveGameRecord>() on p.GameId equals g.Id
                            where p.ResumeTokenHash == hash && g.Pin == pin && g.FinishedAt != null
                            select (Guid?)g.Id).FirstOrDefaultAsync();
        }
        if (gameId is not { } id || await LoadAsync(id) is not { } r) return null;
        var me = r.Players.First(p => p.ResumeTokenHash == hash);
        var ranked = Ranked(r);
        PlayerFinal? final = null;
        if (!me.Kicked && me.FinalRank is { } rank)
        {
            var team = me.UnitId is { } unit ? r.Teams.FirstOrDefault(x => x.UnitId == unit) : null;
            final = new PlayerFinal(me.FinalScore ?? 0, rank, ranked.Count, rank <= r.Game.PodiumSize, team?.Rank, team?.Score);
        }
        return (id, new PlayerState(id, me.Nickname, GamePhase.Finished, false, final?.Score ?? 0, null, false, null, final));
    }

    /// <summary>The newest game with this PIN that ended within the time a PIN is kept (a phone reloading /play?pin= after the end).</summary>
    public async Task<string?> EndedTitleAsync(string pin)
    {
        var since = time.GetUtcNow() - LivePinGrain.OpenWindow;
        await using var db = StorageRegistration.Create(storage);
        var ended = await db.Set<LiveGameRecord>().AsNoTracking().Where(g => g.Pin == pin && g.FinishedAt != null)
            .Select(g => new { g.Title, g.CreatedAt }).ToListAsync();
        return ended.Where(g => g.CreatedAt >= since).OrderByDescending(g => g.CreatedAt).Select(g => g.Title).FirstOrDefault();
    }
}
