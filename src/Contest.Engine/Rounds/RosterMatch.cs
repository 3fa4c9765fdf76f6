using Contest.Engine.Storage;
using Contest.Engine.Text;
using Contest.Engine.Units;
using Microsoft.EntityFrameworkCore;

namespace Contest.Engine.Rounds;

/// <summary>Whether a round admits only people on their unit's member roster, and how they are recognised there.</summary>
public enum RosterMatch
{
    /// <summary>Anyone registered may take the round.</summary>
    None = 0,

    /// <summary>Member card number (số thẻ đoàn viên) and date of birth must match an entry of the chosen unit.</summary>
    MemberIdAndBirth = 1,

    /// <summary>Full name (diacritics, case and spacing ignored) and date of birth must match an entry of the chosen unit.</summary>
    NameAndBirth = 2,
}

/// <summary>The outcome of looking a person up on a unit's roster. <see cref="Code"/> is null when they match.</summary>
public sealed record RosterLookup(RosterEntry? Entry, string? Code, string? Message)
{
    public bool Matched => Code is null;
}

/// <summary>
/// Finds a person's entry on the roster of the unit they chose. One roster entry is one person: an entry already
/// held by another participant does not match again, so a member cannot register twice under another phone.
/// </summary>
public static class RosterMatcher
{
    /// <param name="participantId">The person being checked (their own entry is not "taken"); null while registering.</param>
    public static async Task<RosterLookup> FindAsync(ContestDb db, RosterMatch mode, int? unitId, string? fullName, DateOnly? dateOfBirth, string? memberId,
        int? participantId, CancellationToken ct = default)
    {
        if (mode == RosterMatch.None) return new(null, null, null);
        if (unitId is not { } unit) return new(null, "roster-no-unit", "Choose your unit: the round admits members on their unit's roster.");
        if (dateOfBirth is not { } dob) return new(null, "roster-no-birth", "Give your date of birth: it is checked against your unit's roster.");
        var id = RosterEntry.CleanMemberId(memberId);
        if (mode == RosterMatch.MemberIdAndBirth && id is null) return new(null, "roster-no-member-id", "Give your member card number: it is checked against your unit's roster.");
        if (!await db.Set<RosterEntry>().AnyAsync(e => e.UnitId == unit, ct))
            return new(null, "roster-empty", "Your unit has no member roster in the system yet; ask your unit's secretary.");

        var candidates = db.Set<RosterEntry>().AsNoTracking().Where(e => e.UnitId == unit && e.DateOfBirth == dob);
        if (mode == RosterMatch.MemberIdAndBirth) candidates = candidates.Where(e => e.MemberId == id);
        else
        {
            var key = PersonName.MatchKey(fullName);
            candidates = candidates.Where(e => e.NameKey == key);
        }
        var found = await candidates.OrderBy(e => e.Id).ToListAsync(ct);
        if (found.Count == 0)
            return new(null, mode == RosterMatch.MemberIdAndBirth ? "roster-mismatch-id" : "roster-mismatch-name",
                mode == RosterMatch.MemberIdAndBirth
                    ? "No member of the chosen unit has this member card number and date of birth."
                    : "No member of the chosen unit has this name and date of birth.");
        var ids = found.Select(e => e.Id).ToList();
        var holders = await db.Set<RoundParticipant>().AsNoTracking().Where(p => p.RosterEntryId != null && ids.Contains(p.RosterEntryId.Value))
            .Select(p => new { p.Id, Entry = p.RosterEntryId!.Value }).ToListAsync(ct);
        var free = found.FirstOrDefault(e => holders.All(h => h.Entry != e.Id || h.Id == participantId));
        return free is null
            ? new(null, "roster-taken", "This member of the roster is already registered: one entry per person.")
            : new(free, null, null);
    }

    /// <summary>
    /// What registration asks: the strictest thing the rounds still to come need. When every round that is open or
    /// scheduled requires a roster match, a person no such round would admit is refused now rather than at the start
    /// of the round; the accepted ways are those those rounds use. Empty when no match is needed.
    /// </summary>
    public static async Task<IReadOnlyList<RosterMatch>> RequiredAtRegistrationAsync(ContestDb db, CancellationToken ct = default)
    {
        var modes = await db.Set<ContestRound>().AsNoTracking().Where(r => r.Status == RoundStatus.Scheduled || r.Status == RoundStatus.Open)
            .Select(r => r.RosterMatch).Distinct().ToListAsync(ct);
        return modes.Count == 0 || modes.Contains(RosterMatch.None) ? [] : [.. modes.Order()];
    }
}
