using System.Collections.Concurrent;
using Contest.Engine.Storage;
using Microsoft.EntityFrameworkCore;

namespace Contest.Engine.Rounds.Integrity;

/// <summary>
/// The flags of closed rounds, computed once per change of their evidence. Once a round has closed its attempts no
/// longer change, yet the sweeper asks whether a held round may publish every 20 s and the review page asks on every
/// view: each answer used to read every attempt with its items again. An entry holds while the round's
/// <see cref="StampAsync">stamp</see> (a few aggregates: attempts, hidden reports, registrations and voided entries,
/// decisions and their undoing, the round's settings) is unchanged. Open rounds are never cached. One per process;
/// each node checks the stamp against the database, so a decision taken on another node is seen at once.
/// Known limit: editing a question's text after close does not refresh its reading floor here.
/// </summary>
public sealed class FlagCache
{
    private readonly ConcurrentDictionary<(string Db, int RoundId), (string Stamp, IReadOnlyList<FlaggedParticipant> Flags)> _entries = new();

    /// <summary>How many times flags were computed rather than served from here (tests and measurements read it).</summary>
    public int Computed => _computed;
    private int _computed;

    internal async Task<IReadOnlyList<FlaggedParticipant>> GetOrComputeAsync(ContestDb db, ContestRound round, IntegritySettings settings,
        Func<Task<IReadOnlyList<FlaggedParticipant>>> compute, CancellationToken ct)
    {
        if (round.Status is not (RoundStatus.Closed or RoundStatus.Published))
        {
            Interlocked.Increment(ref _computed);
            return await compute();
        }
        var key = (db.Database.GetConnectionString() ?? "", round.Id);
        var stamp = await StampAsync(db, round, settings, ct);
        if (_entries.TryGetValue(key, out var hit) && hit.Stamp == stamp) return hit.Flags;
        Interlocked.Increment(ref _computed);
        var flags = await compute();
        // Few rounds are closed and unpublished at once; a bound still keeps a long-lived node from growing.
        if (_entries.Count > 500) _entries.Clear();
        _entries[key] = (stamp, flags);
        return flags;
    }

    /// <summary>What the flags of a closed round depend on, as one string of cheap aggregates.</summary>
    private static async Task<string> StampAsync(ContestDb db, ContestRound round, IntegritySettings settings, CancellationToken ct)
    {
        var attempts = await db.Set<RoundAttempt>().Where(a => a.RoundId == round.Id)
            .GroupBy(a => 1).Select(g => new { Count = g.Count(), Last = g.Max(a => a.Id), Hidden = g.Sum(a => a.HiddenCount) }).FirstOrDefaultAsync(ct);
        var people = await db.Set<RoundParticipant>()
            .GroupBy(p => 1).Select(g => new { Count = g.Count(), Last = g.Max(p => p.Id), Voided = g.Count(p => p.VoidedAt != null) }).FirstOrDefaultAsync(ct);
        var decisions = await db.Set<IntegrityDecision>().Where(d => d.RoundId == round.Id)
            .GroupBy(d => 1).Select(g => new { Count = g.Count(), Undone = g.Count(d => d.UndoneAt != null) }).FirstOrDefaultAsync(ct);
        return string.Join('|', round.Status, round.IntegrityChecks, round.ReadingMsPerCharacter, round.ReadingMinimumMs, settings,
            attempts?.Count, attempts?.Last, attempts?.Hidden, people?.Count, people?.Last, people?.Voided, decisions?.Count, decisions?.Undone);
    }
}
