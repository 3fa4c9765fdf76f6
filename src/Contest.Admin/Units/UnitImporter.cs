using Contest.Admin.Questions.Excel;
using Contest.Admin.Units.Excel;
using Contest.Engine.Storage;
using Contest.Engine.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Contest.Engine.Time;

namespace Contest.Admin.Units;

/// <summary>Dry run and confirmed import of a unit workbook; the dry run writes nothing.</summary>
public sealed class UnitImporter(ContestDb db, IOptions<ImportLimits> limits, TimeProvider time)
{
    public ImportLimits Limits => limits.Value;

    /// <summary>Today in Vietnam (UTC+7, no daylight saving): no one on a roster is born after it.</summary>
    private DateOnly Today => DateOnly.FromDateTime(VietnamTime.ToLocal(time.GetUtcNow()).DateTime);

    public async Task<UnitImportReport> DryRunAsync(byte[] file, CancellationToken ct = default)
    {
        var (parsed, refused) = new UnitSheetReader(limits.Value).Read(new MemoryStream(file, writable: false), Today);
        if (refused is not null) return UnitImportReport.Refused(refused);
        var existing = await db.Set<Unit>().AsNoTracking()
            .Select(u => new ExistingUnit(u.Id, u.Code, u.Name, u.Level, u.ParentId, u.MemberCount)).ToListAsync(ct);
        var rosterCodes = parsed!.Roster.Select(r => r.UnitCode).Concat(parsed.BadRosterUnitCodes).ToHashSet();
        var unitIds = existing.Where(u => u.Code is not null && rosterCodes.Contains(u.Code)).Select(u => u.Id).ToList();
        var entries = new List<ExistingEntry>();
        // In slices: a parameter list of a thousand units stays far below both providers' limits.
        foreach (var slice in unitIds.Chunk(500))
            entries.AddRange(await db.Set<RosterEntry>().AsNoTracking().Where(e => slice.Contains(e.UnitId))
                .Select(e => new ExistingEntry(e.Id, e.UnitId, e.FullName, e.NameKey, e.MemberId, e.DateOfBirth)).ToListAsync(ct));
        return UnitImportPlanner.Plan(parsed, existing, entries);
    }

    /// <summary>
    /// Reads the file again against the units as they are now (they may have changed since the dry run) and saves
    /// what its good rows change, in one transaction.
    /// </summary>
    public async Task<UnitImportReport> ImportAsync(byte[] file, CancellationToken ct = default)
    {
        var report = await DryRunAsync(file, ct);
        if (report.Plan is not { } plan || !report.HasChanges) return report;
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var ids = plan.Units.Where(u => u.ExistingId is not null).Select(u => u.ExistingId!.Value).ToList();
            var tracked = new Dictionary<int, Unit>();
            foreach (var slice in ids.Chunk(500))
                foreach (var u in await db.Set<Unit>().Where(u => slice.Contains(u.Id)).ToListAsync(ct)) tracked[u.Id] = u;

            // Renames and moves first go through a name no one has, so two units swapping names under one parent
            // never meet the (parent, name) unique index half-way.
            var moving = plan.Units.Where(u => u.ExistingId is not null && u.Fields.Any(f => f is UnitColumn.Name or UnitColumn.ParentCode)).ToList();
            foreach (var u in moving) tracked[u.ExistingId!.Value].Name = $"\u0001import {u.ExistingId}";
            if (moving.Count > 0) await db.SaveChangesAsync(ct);

            var entities = new Unit[plan.Units.Count];
            for (var i = 0; i < plan.Units.Count; i++)
            {
                var p = plan.Units[i];
                var unit = p.ExistingId is { } id ? tracked[id] : new Unit { Name = p.Row.Name };
                unit.Code = p.Row.Code;
                unit.Name = p.Row.Name;
                unit.Level = p.Row.Level;
                unit.MemberCount = p.Row.MemberCount;
                if (p.Parent is null) { unit.Parent = null; unit.ParentId = null; }
                else if (p.Parent.Value.UntouchedId is { } parentId) { unit.Parent = null; unit.ParentId = parentId; }
                else unit.Parent = entities[p.Parent.Value.PlanIndex!.Value];
                if (p.ExistingId is null) db.Add(unit);
                entities[i] = unit;
            }
            await db.SaveChangesAsync(ct);

            foreach (var slice in plan.RosterRemovals.Chunk(500))
                await db.Set<RosterEntry>().Where(e => slice.Contains(e.Id)).ExecuteDeleteAsync(ct);
            var updates = plan.RosterUpdates.Select(u => u.EntryId).ToList();
            var toUpdate = new Dictionary<int, RosterEntry>();
            foreach (var slice in updates.Chunk(500))
                foreach (var e in await db.Set<RosterEntry>().Where(e => slice.Contains(e.Id)).ToListAsync(ct)) toUpdate[e.Id] = e;
            // Member ids moving between two entries of one unit would meet the (unit, member id) unique index
            // half-way: those entries let go of their ids first.
            var idMoves = plan.RosterUpdates.Where(x => toUpdate[x.EntryId].MemberId is not null && toUpdate[x.EntryId].MemberId != x.Row.MemberId).ToList();
            foreach (var (entryId, _) in idMoves) toUpdate[entryId].MemberId = null;
            if (idMoves.Count > 0) await db.SaveChangesAsync(ct);
            foreach (var (entryId, row) in plan.RosterUpdates)
            {
                var e = toUpdate[entryId];
                e.FullName = row.FullName;
                e.MemberId = row.MemberId;
                e.DateOfBirth = row.DateOfBirth;
            }
            foreach (var add in plan.RosterAdds)
            {
                var unitId = add.Unit.UntouchedId ?? entities[add.Unit.PlanIndex!.Value].Id;
                db.Add(new RosterEntry { UnitId = unitId, FullName = add.Row.FullName, MemberId = add.Row.MemberId, DateOfBirth = add.Row.DateOfBirth });
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        });
        return report;
    }
}
