using Contest.Admin.Localization;
using Contest.Engine.Contests;
using Contest.Engine.Events;
using Contest.Engine.LiveGames;
using Contest.Engine.Pitches;
using Contest.Engine.Rounds;
using Contest.Engine.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Contest.Admin.Contests;

/// <summary>What is filed under a contest; a contest may be deleted only when this is empty.</summary>
public sealed record ContestUsage(int Rounds, int PitchRounds, int LiveGames, string? Event)
{
    public static readonly ContestUsage None = new(0, 0, 0, null);

    public bool IsEmpty => Rounds == 0 && PitchRounds == 0 && LiveGames == 0 && Event is null;

    /// <summary>"2 vòng thi trực tuyến, sự kiện "Lễ khai mạc"" — only the parts that are there.</summary>
    public string Describe(IStringLocalizer<ContestsUi> c)
    {
        var parts = new List<string>();
        if (Rounds > 0) parts.Add(c.Count("Use.Rounds", Rounds));
        if (PitchRounds > 0) parts.Add(c.Count("Use.PitchRounds", PitchRounds));
        if (LiveGames > 0) parts.Add(c.Count("Use.LiveGames", LiveGames));
        if (Event is not null) parts.Add(c["Use.Event", Event]);
        return string.Join(", ", parts);
    }

    /// <summary>Every contest's usage in four queries (a province has a handful of contests, not thousands).</summary>
    public static async Task<Dictionary<int, ContestUsage>> AllAsync(ContestDb db, CancellationToken ct)
    {
        var rounds = await db.Set<ContestRound>().GroupBy(r => r.ContestId).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        var pitch = await db.PitchRounds.GroupBy(r => r.ContestId).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        var games = await db.Set<LiveGameRecord>().Where(g => g.ContestId != null).GroupBy(g => g.ContestId!.Value).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        var events = await (from c in db.Contests join e in db.Set<ContestEvent>() on c.EventId equals e.Id select new { c.Id, e.Title }).ToDictionaryAsync(x => x.Id, x => x.Title, ct);
        var ids = await db.Contests.Select(c => c.Id).ToListAsync(ct);
        return ids.ToDictionary(id => id, id => new ContestUsage(rounds.GetValueOrDefault(id), pitch.GetValueOrDefault(id), games.GetValueOrDefault(id), events.GetValueOrDefault(id)));
    }

    public static async Task<ContestUsage> OfAsync(ContestDb db, ContestInfo contest, CancellationToken ct) => new(
        await db.Set<ContestRound>().CountAsync(r => r.ContestId == contest.Id, ct),
        await db.PitchRounds.CountAsync(r => r.ContestId == contest.Id, ct),
        await db.Set<LiveGameRecord>().CountAsync(g => g.ContestId == contest.Id, ct),
        contest.EventId is { } e ? await db.Set<ContestEvent>().Where(x => x.Id == e).Select(x => x.Title).SingleOrDefaultAsync(ct) : null);
}
