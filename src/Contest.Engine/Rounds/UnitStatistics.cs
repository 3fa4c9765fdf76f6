using Contest.Engine.Storage;
using Contest.Engine.Units;
using Microsoft.EntityFrameworkCore;

namespace Contest.Engine.Rounds;

/// <summary>
/// One unit's participation in a round, counting its whole subtree: a district's figures include every
/// grassroots union and chapter under it. <see cref="Rate"/> is participants / members (null with no member count).
/// <see cref="MembersFromRoster"/> tells that <see cref="Members"/> is the unit's roster size rather than its declared count.
/// </summary>
public sealed record UnitStat(int UnitId, string Name, UnitLevel Level, int Depth, int Participants, int Members, double? Rate, double? AverageCorrect,
    int? ParentId = null, int ChildCount = 0, bool MembersFromRoster = false);

public static class UnitStatistics
{
    /// <summary>
    /// The one place a participation rate is computed (statistics, unit screen, the participation-rate prize):
    /// participants ÷ members; null when the unit has no member count. The denominator is the roster size when the unit has a roster (see Compute).
    /// </summary>
    public static double? ParticipationRate(int participants, int members) => members > 0 ? (double)participants / members : null;

    /// <param name="units">The tree; a unit's members are its roster size when it has a roster, else its member count,
    /// and when that is 0 the sum of its children's.</param>
    /// <param name="results">(unit the participant registered with, correct answers of their ranked attempt).</param>
    /// <param name="rosterSizes">Entries on each unit's roster (units without a roster may be left out).</param>
    public static IReadOnlyList<UnitStat> Compute(IReadOnlyList<Unit> units, IEnumerable<(int UnitId, int Correct)> results, IReadOnlyDictionary<int, int>? rosterSizes = null)
    {
        var children = units.ToLookup(u => u.ParentId);
        var direct = results.GroupBy(r => r.UnitId).ToDictionary(g => g.Key, g => (Count: g.Count(), Sum: g.Sum(x => x.Correct)));
        var rows = new List<UnitStat>();

        (int Count, long Sum, int Members) Walk(Unit u, int depth)
        {
            var at = rows.Count;
            rows.Add(null!);
            var (count, sum) = direct.TryGetValue(u.Id, out var d) ? (d.Count, (long)d.Sum) : (0, 0L);
            var childMembers = 0;
            foreach (var c in children[u.Id].OrderBy(c => c.Name, StringComparer.Ordinal))
            {
                var (cc, cs, cm) = Walk(c, depth + 1);
                count += cc;
                sum += cs;
                childMembers += cm;
            }
            var roster = rosterSizes?.GetValueOrDefault(u.Id) ?? 0;
            var members = roster > 0 ? roster : u.MemberCount > 0 ? u.MemberCount : childMembers;
            rows[at] = new UnitStat(u.Id, u.Name, u.Level, depth, count, members,
                ParticipationRate(count, members), count > 0 ? (double)sum / count : null, u.ParentId, children[u.Id].Count(), roster > 0);
            return (count, sum, members);
        }

        foreach (var root in children[null].OrderBy(u => u.Name, StringComparer.Ordinal)) Walk(root, 0);
        return rows;
    }

    public static async Task<IReadOnlyList<UnitStat>> ForRoundAsync(ContestDb db, int roundId, CancellationToken ct = default)
    {
        var units = await db.Units.AsNoTracking().ToListAsync(ct);
        var results = await (from r in db.Set<RoundResult>().AsNoTracking()
                             join p in db.Set<RoundParticipant>() on r.ParticipantId equals p.Id
                             where r.RoundId == roundId && p.UnitId != null
                             select new { UnitId = p.UnitId!.Value, r.Correct }).ToListAsync(ct);
        foreach (var u in units) u.Children = [];
        return Compute(units, results.Select(r => (r.UnitId, r.Correct)), await RosterSizesAsync(db, ct));
    }

    /// <summary>Entries on each unit's roster: the denominator of the report and of the participation-rate prize.</summary>
    public static Task<Dictionary<int, int>> RosterSizesAsync(ContestDb db, CancellationToken ct = default) =>
        db.Set<RosterEntry>().GroupBy(e => e.UnitId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
}
