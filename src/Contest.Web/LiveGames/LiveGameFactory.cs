using Contest.Engine.LiveGames;
using Contest.Engine.Storage;
using Microsoft.EntityFrameworkCore;

namespace Contest.Web.LiveGames;

/// <summary>What the host asks for when creating a game from a bank.</summary>
public sealed record CreateGameRequest
{
    public string? Title { get; init; }
    public int BankId { get; init; }

    /// <summary>Bank questions in play order; empty means the whole bank.</summary>
    public IReadOnlyList<int>? QuestionIds { get; init; }
    public bool Shuffle { get; init; }

    /// <summary>Play only this many (after shuffling); null means all chosen.</summary>
    public int? Count { get; init; }

    /// <summary>Overrides every question's time limit (5–240 s) or points (0–10000) when set.</summary>
    public int? TimeLimitSeconds { get; init; }
    public int? Points { get; init; }
    public ScoringMode Scoring { get; init; } = ScoringMode.Speed;
    public bool StreakBonus { get; init; }
    public TeamMode Teams { get; init; } = TeamMode.None;
    public int PodiumSize { get; init; } = 3;
    public double TimerFactor { get; init; } = 1.0;
}

public sealed record CreatedGame(Guid GameId, string Pin, string HostUrl, string JoinUrl);

public sealed class LiveGameFactory(ContestDb db, LiveGameService games, LivePlay play)
{
    public async Task<LiveGame> CreateAsync(CreateGameRequest r, string host)
    {
        if (r.TimeLimitSeconds is < 5 or > 240) throw new LiveGameException("bad-settings", "A time limit is 5 to 240 seconds.");
        if (r.Points is < 0 or > 10_000) throw new LiveGameException("bad-settings", "Points are 0 to 10000 per question.");
        if (r.Count is < 1) throw new LiveGameException("bad-settings", "Play at least one question.");
        var bank = await db.QuestionBanks.AsNoTracking().Include(b => b.Questions).FirstOrDefaultAsync(b => b.Id == r.BankId)
            ?? throw new LiveGameException("unknown-bank", $"No question bank {r.BankId}.");
        var byId = bank.Questions.ToDictionary(q => q.Id);
        List<Engine.Questions.Question> chosen;
        if (r.QuestionIds is { Count: > 0 } ids)
        {
            // Nullable, so a missing id 0 is reported instead of slipping through as "none missing".
            if (ids.Where(id => !byId.ContainsKey(id)).Select(id => (int?)id).FirstOrDefault() is { } missing)
                throw new LiveGameException("unknown-question", $"Question {missing} is not in bank \"{bank.Name}\".");
            if (ids.Distinct().Count() != ids.Count) throw new LiveGameException("bad-settings", "A question is chosen twice.");
            chosen = ids.Select(id => byId[id]).ToList();
        }
        else
        {
            chosen = bank.Questions.OrderBy(q => q.Id).ToList();
        }
        var random = Random.Shared;
        if (r.Shuffle) random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(chosen));
        if (r.Count is { } n) chosen = chosen.Take(n).ToList();
        var live = chosen.Select((q, i) => LiveQuestion.Create(i, q, r.Points, r.TimeLimitSeconds, random)).ToList();
        var settings = new GameSettings { Scoring = r.Scoring, StreakBonus = r.StreakBonus, Teams = r.Teams, PodiumSize = r.PodiumSize, TimerFactor = r.TimerFactor };
        var game = await games.CreateAsync(string.IsNullOrWhiteSpace(r.Title) ? bank.Name : r.Title, live, settings, host, bank.Id);
        // Its grain is activated now, from the stored row, on this node: the game runs where its host created it.
        // Should that fail (the database briefly away), the game is stored and its first call activates it.
        try { await play.StateAsync(game.Id); }
        catch (LiveGameException) { }
        return game;
    }
}
