using Contest.Engine.Accounts;
using Contest.Engine.Contests;
using Contest.Engine.LiveGames;
using Contest.Engine.Pitches;
using Contest.Engine.Rounds;
using Contest.Engine.Storage;
using Contest.Engine.Units;
using Microsoft.EntityFrameworkCore;

namespace Contest.Admin.Units;

/// <summary>What refers to a unit. A unit is deleted only when nothing does, so no result, account or team loses its unit unsaid.</summary>
public sealed record UnitUsage(int Children, int RosterEntries, int Participants, int Users, int LivePlayers, int PitchTeams, int Contests, int Prizes)
{
    public bool InUse => Children + RosterEntries + Participants + Users + LivePlayers + PitchTeams + Contests + Prizes > 0;

    /// <summary>Each use with its count, in the order the page lists them; UI text <c>Usage.&lt;name&gt;</c>.</summary>
    public IEnumerable<(string Key, int Count)> Items =>
        new[]
        {
            ("Children", Children), ("RosterEntries", RosterEntries), ("Participants", Participants), ("Users", Users),
            ("LivePlayers", LivePlayers), ("PitchTeams", PitchTeams), ("Contests", Contests), ("Prizes", Prizes),
        }.Where(x => x.Item2 > 0);

    public static async Task<UnitUsage> OfAsync(ContestDb db, int unitId, CancellationToken ct) => new(
        await db.Set<Unit>().CountAsync(u => u.ParentId == unitId, ct),
        await db.Set<RosterEntry>().CountAsync(e => e.UnitId == unitId, ct),
        await db.Set<RoundParticipant>().CountAsync(p => p.UnitId == unitId, ct),
        await db.Set<AppUser>().CountAsync(u => u.UnitId == unitId, ct),
        await db.Set<LivePlayerRecord>().CountAsync(p => p.UnitId == unitId, ct),
        await db.Set<PitchTeam>().CountAsync(t => t.UnitId == unitId, ct),
        await db.Set<ContestInfo>().CountAsync(c => c.OrganizerUnitId == unitId, ct),
        await db.Set<RoundPrize>().CountAsync(p => p.UnitId == unitId, ct));
}
