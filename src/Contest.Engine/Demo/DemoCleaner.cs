using System.Globalization;
using Contest.Engine.Contests;
using Contest.Engine.Events;
using Contest.Engine.LiveGames;
using Contest.Engine.Pitches;
using Contest.Engine.Questions;
using Contest.Engine.Rounds;
using Contest.Engine.Storage;
using Contest.Engine.Units;
using Microsoft.EntityFrameworkCore;

namespace Contest.Engine.Demo;

/// <summary>What "start clean" removed, and the demo rows it kept because something the organizers made still uses them.</summary>
public sealed record DemoCleanup(int Contests, int Units, int Banks, int PitchRounds, int Other, IReadOnlyList<string> Kept)
{
    public int Removed => Contests + Units + Banks + PitchRounds + Other;
}

/// <summary>
/// Removes the rows the demo seeding recorded in <see cref="DemoRow"/> and nothing else: the admin account and every
/// row an organizer created stay. A demo row that an organizer's row still points at (their round in a demo contest,
/// their user in a demo unit, their game on a demo bank) is kept and named, so nothing of theirs breaks or vanishes.
/// Afterwards a <see cref="DemoData.RemovedMark"/> row stops the demo from being seeded again into the empty database.
/// </summary>
public static class DemoCleaner
{
    /// <summary>What <see cref="RemoveAsync"/> would remove now, counted from the marks (before checking what is in use).</summary>
    public static async Task<DemoCleanup> PreviewAsync(ContestDb db, CancellationToken ct = default)
    {
        var marks = await MarksAsync(db, ct);
        int Count(string table) => marks.TryGetValue(table, out var k) ? k.Count : 0;
        return new(Count(DemoRow.Contest), Count(DemoRow.Unit), Count(DemoRow.Bank), Count(DemoRow.PitchRound),
            Count(DemoRow.Round) + Count(DemoRow.LiveGame) + Count(DemoRow.Event) + Count(DemoRow.User), []);
    }

    public static Task<DemoCleanup> RemoveAsync(ContestDb db, TimeProvider time, CancellationToken ct = default) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var result = await RemoveInTransactionAsync(db, time, ct);
            await tx.CommitAsync(ct);
            return result;
        });

    private static async Task<DemoCleanup> RemoveInTransactionAsync(ContestDb db, TimeProvider time, CancellationToken ct)
    {
        var marks = await MarksAsync(db, ct);
        HashSet<int> Ids(string table) => marks.TryGetValue(table, out var keys)
            ? [.. keys.Select(k => int.TryParse(k, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : 0).Where(i => i > 0)]
            : [];
        var kept = new List<string>();
        var keptMarks = new List<DemoRow>();
        void Keep(string table, int id, string name)
        {
            kept.Add(name);
            keptMarks.Add(new DemoRow { Table = table, Key = id.ToString(CultureInfo.InvariantCulture) });
        }
        var other = 0;

        // Rows that hang under contests and banks go first, so what is left pointing at a demo row is the organizers'.
        var rounds = Ids(DemoRow.Round);
        other += await db.Set<ContestRound>().Where(r => rounds.Contains(r.Id)).ExecuteDeleteAsync(ct);
        var games = (marks.GetValueOrDefault(DemoRow.LiveGame) ?? []).Select(k => Guid.TryParse(k, out var g) ? g : Guid.Empty).ToHashSet();
        other += await db.Set<LiveGameRecord>().Where(g => games.Contains(g.Id)).ExecuteDeleteAsync(ct);
        var pitchIds = Ids(DemoRow.PitchRound);
        var pitchRounds = await db.PitchRounds.Where(r => pitchIds.Contains(r.Id)).ToListAsync(ct);
        db.PitchRounds.RemoveRange(pitchRounds);
        await db.SaveChangesAsync(ct);

        // Contests: kept while an organizer's round, pitch round or live game is filed under one.
        var contestIds = Ids(DemoRow.Contest);
        var contests = await db.Contests.Where(c => contestIds.Contains(c.Id)).ToListAsync(ct);
        var usedContests = (await db.Set<ContestRound>().Where(r => contestIds.Contains(r.ContestId)).Select(r => r.ContestId).ToListAsync(ct))
            .Concat(await db.PitchRounds.Where(r => contestIds.Contains(r.ContestId)).Select(r => r.ContestId).ToListAsync(ct))
            .Concat(await db.Set<LiveGameRecord>().Where(g => g.ContestId != null && contestIds.Contains(g.ContestId.Value)).Select(g => g.ContestId!.Value).ToListAsync(ct))
            .ToHashSet();
        var removedContests = 0;
        foreach (var c in contests)
        {
            if (usedContests.Contains(c.Id)) Keep(DemoRow.Contest, c.Id, c.Name);
            else { db.Contests.Remove(c); removedContests++; }
        }

        // Banks: kept while an organizer's round draws from one (or fixes one of its questions) or a game was played on one.
        var bankIds = Ids(DemoRow.Bank);
        var banks = await db.QuestionBanks.Where(b => bankIds.Contains(b.Id)).ToListAsync(ct);
        var bankOfQuestion = await db.Questions.Where(q => bankIds.Contains(q.BankId)).Select(q => new { q.Id, q.BankId }).ToDictionaryAsync(q => q.Id, q => q.BankId, ct);
        var usedBanks = new HashSet<int>();
        foreach (var r in await db.Set<ContestRound>().AsNoTracking().Select(r => new { r.BankIds, r.FixedQuestionIds }).ToListAsync(ct))
        {
            usedBanks.UnionWith(r.BankIds);
            usedBanks.UnionWith(r.FixedQuestionIds.Where(bankOfQuestion.ContainsKey).Select(q => bankOfQuestion[q]));
        }
        usedBanks.UnionWith(await db.Set<LiveGameRecord>().Where(g => g.BankId != null).Select(g => g.BankId!.Value).Distinct().ToListAsync(ct));
        var removedBanks = 0;
        foreach (var b in banks)
        {
            if (usedBanks.Contains(b.Id)) Keep(DemoRow.Bank, b.Id, b.Name);
            else { db.QuestionBanks.Remove(b); removedBanks++; }
        }
        await db.SaveChangesAsync(ct);

        // Units: a demo unit stays while anyone or anything of the organizers' is in it or under it.
        var unitIds = Ids(DemoRow.Unit);
        var units = await db.Units.ToListAsync(ct);
        var byId = units.ToDictionary(u => u.Id);
        var pinned = new HashSet<int>(units.Where(u => !unitIds.Contains(u.Id)).Select(u => u.Id));
        pinned.UnionWith(await db.Users.Where(u => u.UnitId != null).Select(u => u.UnitId!.Value).ToListAsync(ct));
        pinned.UnionWith(await db.Set<RoundParticipant>().Where(p => p.UnitId != null).Select(p => p.UnitId!.Value).Distinct().ToListAsync(ct));
        pinned.UnionWith(await db.Set<RoundPrize>().Where(p => p.UnitId != null).Select(p => p.UnitId!.Value).Distinct().ToListAsync(ct));
        pinned.UnionWith(await db.Set<LivePlayerRecord>().Where(p => p.UnitId != null).Select(p => p.UnitId!.Value).Distinct().ToListAsync(ct));
        pinned.UnionWith(await db.PitchTeams.Where(t => t.UnitId != null).Select(t => t.UnitId!.Value).Distinct().ToListAsync(ct));
        var keepUnits = new HashSet<int>();
        foreach (var id in pinned)
            for (var u = byId.GetValueOrDefault(id); u is not null && keepUnits.Add(u.Id); u = u.ParentId is { } p ? byId.GetValueOrDefault(p) : null) { }
        int Depth(Unit u) { var d = 0; for (var p = u.ParentId; p is { } pid && byId.TryGetValue(pid, out var x); p = x.ParentId) d++; return d; }
        var removedUnits = 0;
        // Children before parents: the parent key restricts deletes.
        foreach (var level in units.Where(u => unitIds.Contains(u.Id)).GroupBy(Depth).OrderByDescending(g => g.Key))
        {
            foreach (var u in level)
            {
                if (keepUnits.Contains(u.Id)) Keep(DemoRow.Unit, u.Id, u.Name);
                else { db.Units.Remove(u); removedUnits++; }
            }
            await db.SaveChangesAsync(ct);
        }

        var events = Ids(DemoRow.Event);
        other += await db.Set<ContestEvent>().Where(e => events.Contains(e.Id)).ExecuteDeleteAsync(ct);
        var users = (marks.GetValueOrDefault(DemoRow.User) ?? []).ToList();
        foreach (var u in await db.Users.Where(u => users.Contains(u.Id)).ToListAsync(ct)) { db.Users.Remove(u); other++; }

        // Kept rows stay marked, so a later "start clean" removes them once nothing uses them any more.
        await db.Set<DemoRow>().ExecuteDeleteAsync(ct);
        db.Set<DemoRow>().AddRange(keptMarks);
        db.Set<DemoRow>().Add(new DemoRow { Table = DemoData.RemovedMark, Key = time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture) });
        await db.SaveChangesAsync(ct);
        return new DemoCleanup(removedContests, removedUnits, removedBanks, pitchRounds.Count, other, kept);
    }

    private static async Task<Dictionary<string, List<string>>> MarksAsync(ContestDb db, CancellationToken ct) =>
        (await db.Set<DemoRow>().AsNoTracking().Where(d => d.Table != DemoData.RemovedMark).ToListAsync(ct))
            .GroupBy(d => d.Table).ToDictionary(g => g.Key, g => g.Select(d => d.Key).ToList());
}
