using Contest.Engine.Text;
using Contest.Engine.Units;

namespace Contest.Admin.Units.Excel;

/// <summary>
/// Compares a read workbook with the units and rosters already stored, and says what confirming would do. Re-import
/// updates by code: a row whose code exists changes that unit; a row with a new code adopts an existing unit that
/// has no code yet, the same name and the same parent (units added by hand before the first import); otherwise it
/// adds a unit. Units the file does not name are kept. A roster sheet replaces the rosters of the units it names.
/// </summary>
public static class UnitImportPlanner
{
    private sealed record Fault(UnitRow Row, UnitColumn Field, string Code, object[] Args);

    public static UnitImportReport Plan(ParsedUnitWorkbook parsed, IReadOnlyList<ExistingUnit> existing, IReadOnlyList<ExistingEntry> entries)
    {
        var report = new UnitImportReport { HasUnitSheet = parsed.HasUnitSheet, HasRosterSheet = parsed.HasRosterSheet };
        report.Problems.AddRange(parsed.Problems);
        report.Ignored.AddRange(parsed.Ignored);
        var byId = existing.ToDictionary(u => u.Id);
        var byCode = existing.Where(u => u.Code is not null).ToDictionary(u => u.Code!);

        // The first row of a code is the unit; a later row with that code is a mistake in the file.
        var firstOfCode = new Dictionary<string, UnitRow>();
        var candidates = new List<UnitRow>();
        foreach (var row in parsed.Units)
        {
            if (firstOfCode.TryGetValue(row.Code, out var first)) parsed.Add(row.Sheet, row.Row, UnitColumn.Code, UnitProblems.DuplicateInFile, first.Sheet, first.Row);
            else { firstOfCode[row.Code] = row; candidates.Add(row); }
        }
        report.Problems.Clear();
        report.Problems.AddRange(parsed.Problems);

        // Checks of the tree as it would end up can only run once every row is placed; a row they reject is taken out
        // and the rows are placed again, so a row under it is reported too (a few rounds at most).
        var failed = new Dictionary<UnitRow, List<Fault>>();
        UnitImportPlan plan;
        List<Fault> faults;
        Dictionary<string, int> nodeOfCode;
        Dictionary<string, (string Sheet, int Row)> badCodes;
        while (true)
        {
            plan = new UnitImportPlan();
            faults = [];
            nodeOfCode = [];
            badCodes = new(parsed.BadUnitCodes);
            foreach (var f in failed.Keys) badCodes.TryAdd(f.Code, (f.Sheet, f.Row));
            var adopted = new HashSet<int>();
            foreach (var row in candidates.Where(r => !failed.ContainsKey(r)).OrderBy(r => r.Level).ThenBy(r => candidates.IndexOf(r)))
            {
                var before = faults.Count;
                UnitRef? parent = null;
                UnitLevel? parentLevel = null;
                int? parentExistingId = null;
                if (row.ParentCode is { } pc)
                {
                    if (nodeOfCode.TryGetValue(pc, out var idx)) { parent = new(null, idx); parentLevel = plan.Units[idx].Row.Level; parentExistingId = plan.Units[idx].ExistingId; }
                    else if (badCodes.TryGetValue(pc, out var at)) faults.Add(new(row, UnitColumn.ParentCode, UnitProblems.ParentRowBad, [pc, at.Sheet, at.Row]));
                    // A parent row of the file not placed yet sits at the same level or lower (rows go top level first).
                    else if (firstOfCode.TryGetValue(pc, out var p)) faults.Add(new(row, UnitColumn.Level, UnitProblems.NotBelowParent, [row.Level, p.Level]));
                    else if (byCode.TryGetValue(pc, out var e)) { parent = new(e.Id, null); parentLevel = e.Level; parentExistingId = e.Id; }
                    else faults.Add(new(row, UnitColumn.ParentCode, UnitProblems.UnknownParent, [pc]));
                }
                if (faults.Count == before && Unit.CheckPlacement(row.Level, parentLevel) is { } placement)
                    faults.Add(placement switch
                    {
                        PlacementProblem.ProvinceUnderParent => new(row, UnitColumn.ParentCode, UnitProblems.ProvinceUnderParent, []),
                        PlacementProblem.OnlyProvinceAtTop => new(row, UnitColumn.ParentCode, UnitProblems.OnlyProvinceAtTop, [row.Level]),
                        _ => new(row, UnitColumn.Level, UnitProblems.NotBelowParent, [row.Level, parentLevel!.Value]),
                    });
                if (faults.Count > before) { badCodes.TryAdd(row.Code, (row.Sheet, row.Row)); continue; }

                var match = byCode.GetValueOrDefault(row.Code);
                if (match is null && (parent is null || parentExistingId is not null))
                {
                    match = existing.FirstOrDefault(u => u.Code is null && u.ParentId == parentExistingId && u.Name == row.Name && !adopted.Contains(u.Id));
                    if (match is not null) adopted.Add(match.Id);
                }
                var fields = new List<UnitColumn>();
                if (match is not null)
                {
                    if (match.Code != row.Code) fields.Add(UnitColumn.Code);
                    if (match.Name != row.Name) fields.Add(UnitColumn.Name);
                    if (match.Level != row.Level) fields.Add(UnitColumn.Level);
                    if (match.ParentId != parentExistingId || (parent?.PlanIndex is { } pi && plan.Units[pi].ExistingId is null)) fields.Add(UnitColumn.ParentCode);
                    if (match.MemberCount != row.MemberCount) fields.Add(UnitColumn.MemberCount);
                }
                var kind = match is null ? UnitChangeKind.Added : fields.Count > 0 ? UnitChangeKind.Changed : UnitChangeKind.Unchanged;
                nodeOfCode[row.Code] = plan.Units.Count;
                plan.Units.Add(new(row, match?.Id, parent, kind, fields));
            }

            var fresh = FinalStateFaults(plan, existing, byId);
            if (fresh.Count == 0) break;
            foreach (var f in fresh)
            {
                if (!failed.TryGetValue(f.Row, out var list)) failed[f.Row] = list = [];
                list.Add(f);
            }
        }
        foreach (var f in faults.Concat(failed.Values.SelectMany(x => x)))
            parsed.Add(f.Row.Sheet, f.Row.Row, f.Field, f.Code, f.Args);
        report.Problems.Clear();
        report.Problems.AddRange(parsed.Problems.OrderBy(p => p.Sheet == UnitColumns.UnitSheet ? 0 : 1).ThenBy(p => p.Sheet).ThenBy(p => p.Row));

        foreach (var u in plan.Units) report.Units.Add(new(u.Row.Sheet, u.Row.Row, u.Kind, u.Row.Code, u.Row.Name, u.Row.Level, u.Fields));
        var matched = plan.Units.Where(u => u.ExistingId is not null).Select(u => u.ExistingId!.Value).ToHashSet();
        report.UnitsNotInFile = existing.Count(u => !matched.Contains(u.Id));

        PlanRoster(parsed, report, plan, nodeOfCode, badCodes, byCode, matched, entries);
        report.Problems.Clear();
        report.Problems.AddRange(parsed.Problems.OrderBy(p => p.Sheet == UnitColumns.UnitSheet ? 0 : 1).ThenBy(p => p.Sheet).ThenBy(p => p.Row));
        report.Plan = plan;
        return report;
    }

    /// <summary>Two units of one name under one parent, and an existing child that no longer fits under a unit whose level changes.</summary>
    private static List<Fault> FinalStateFaults(UnitImportPlan plan, IReadOnlyList<ExistingUnit> existing, Dictionary<int, ExistingUnit> byId)
    {
        var faults = new List<Fault>();
        var planOfExisting = new Dictionary<int, int>();
        for (var i = 0; i < plan.Units.Count; i++)
            if (plan.Units[i].ExistingId is { } id) planOfExisting[id] = i;
        string KeyOfExistingParent(int? parentId) => parentId is null ? "top" : planOfExisting.TryGetValue(parentId.Value, out var i) ? $"p{i}" : $"e{parentId}";
        string KeyOf(UnitRef? parent) => parent is null ? "top" : parent.Value.PlanIndex is { } i ? $"p{i}" : $"e{parent.Value.UntouchedId}";

        var slots = new Dictionary<(string Parent, string Name), List<(int? Plan, ExistingUnit? Untouched)>>();
        void Put(string parent, string name, (int?, ExistingUnit?) who)
        {
            if (!slots.TryGetValue((parent, name), out var list)) slots[(parent, name)] = list = [];
            list.Add(who);
        }
        for (var i = 0; i < plan.Units.Count; i++) Put(KeyOf(plan.Units[i].Parent), plan.Units[i].Row.Name, (i, null));
        foreach (var u in existing.Where(u => !planOfExisting.ContainsKey(u.Id))) Put(KeyOfExistingParent(u.ParentId), u.Name, (null, u));

        foreach (var ((parentKey, name), who) in slots)
        {
            if (who.Count < 2) continue;
            var planned = who.Where(w => w.Plan is not null).Select(w => plan.Units[w.Plan!.Value]).OrderBy(u => u.Row.Sheet).ThenBy(u => u.Row.Row).ToList();
            if (who.Any(w => w.Untouched is not null))
            {
                var parentName = parentKey == "top" ? "" : parentKey[0] == 'p' ? plan.Units[int.Parse(parentKey[1..])].Row.Name : byId[int.Parse(parentKey[1..])].Name;
                foreach (var u in planned) faults.Add(new(u.Row, UnitColumn.Name, UnitProblems.NameTaken, [name, parentName]));
            }
            else
            {
                foreach (var u in planned.Skip(1)) faults.Add(new(u.Row, UnitColumn.Name, UnitProblems.DuplicateName, [planned[0].Row.Sheet, planned[0].Row.Row]));
            }
        }
        foreach (var u in existing.Where(u => !planOfExisting.ContainsKey(u.Id) && u.ParentId is { } p && planOfExisting.ContainsKey(p)))
        {
            var parent = plan.Units[planOfExisting[u.ParentId!.Value]];
            if (Unit.CheckPlacement(u.Level, parent.Row.Level) is not null)
                faults.Add(new(parent.Row, UnitColumn.Level, UnitProblems.ChildDoesNotFit, [u.Name, u.Level]));
        }
        return faults;
    }

    private static void PlanRoster(ParsedUnitWorkbook parsed, UnitImportReport report, UnitImportPlan plan, Dictionary<string, int> nodeOfCode,
        Dictionary<string, (string Sheet, int Row)> badCodes, Dictionary<string, ExistingUnit> byCode, HashSet<int> matched, IReadOnlyList<ExistingEntry> entries)
    {
        var rowsOfUnit = new Dictionary<UnitRef, List<RosterRow>>();
        var codeOfUnit = new Dictionary<UnitRef, string>();
        foreach (var row in parsed.Roster)
        {
            UnitRef unit;
            if (nodeOfCode.TryGetValue(row.UnitCode, out var idx)) unit = new(null, idx);
            else if (badCodes.TryGetValue(row.UnitCode, out var at)) { parsed.Add(row.Sheet, row.Row, UnitColumn.RosterUnitCode, UnitProblems.ParentRowBad, row.UnitCode, at.Sheet, at.Row); continue; }
            else if (byCode.TryGetValue(row.UnitCode, out var e) && !matched.Contains(e.Id)) unit = new(e.Id, null);
            else { parsed.Add(row.Sheet, row.Row, UnitColumn.RosterUnitCode, UnitProblems.UnknownUnit, row.UnitCode); continue; }
            if (!rowsOfUnit.TryGetValue(unit, out var list)) { rowsOfUnit[unit] = list = []; codeOfUnit[unit] = row.UnitCode; }
            list.Add(row);
        }

        var entriesOf = entries.GroupBy(e => e.UnitId).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var (unit, rows) in rowsOfUnit)
        {
            var good = new List<RosterRow>();
            var byMemberId = new Dictionary<string, RosterRow>();
            var byPerson = new Dictionary<(string, DateOnly), RosterRow>();
            foreach (var row in rows)
            {
                if (row.MemberId is { } id && byMemberId.TryGetValue(id, out var first)) { parsed.Add(row.Sheet, row.Row, UnitColumn.MemberId, UnitProblems.DuplicateMemberId, first.Sheet, first.Row); continue; }
                var person = (PersonName.MatchKey(row.FullName), row.DateOfBirth);
                if (byPerson.TryGetValue(person, out first)) { parsed.Add(row.Sheet, row.Row, UnitColumn.FullName, UnitProblems.DuplicatePerson, first.Sheet, first.Row); continue; }
                if (row.MemberId is { } mid) byMemberId[mid] = row;
                byPerson[person] = row;
                good.Add(row);
            }
            var existingId = unit.UntouchedId ?? plan.Units[unit.PlanIndex!.Value].ExistingId;
            var old = existingId is { } eid ? entriesOf.GetValueOrDefault(eid) ?? [] : [];
            var unmatched = old.ToList();
            foreach (var row in good)
            {
                var key = PersonName.MatchKey(row.FullName);
                var same = (row.MemberId is { } mid ? unmatched.FirstOrDefault(e => e.MemberId == mid) : null)
                    ?? unmatched.FirstOrDefault(e => e.NameKey == key && e.DateOfBirth == row.DateOfBirth && (e.MemberId is null || row.MemberId is null || e.MemberId == row.MemberId));
                if (same is null) { plan.RosterAdds.Add(new(unit, row)); report.RosterAdded++; continue; }
                unmatched.Remove(same);
                if (same.FullName == row.FullName && same.DateOfBirth == row.DateOfBirth && same.MemberId == row.MemberId) report.RosterUnchanged++;
                else { plan.RosterUpdates.Add((same.Id, row)); report.RosterChanged++; }
            }
            // A roster row with a mistake may be one of the people below: they stay until the file is fixed.
            var hasBadRows = parsed.BadRosterUnitCodes.Contains(codeOfUnit[unit]) || good.Count < rows.Count;
            if (unmatched.Count == 0) continue;
            if (hasBadRows) { report.RostersKept.Add(codeOfUnit[unit]); continue; }
            plan.RosterRemovals.AddRange(unmatched.Select(e => e.Id));
            report.RosterRemoved += unmatched.Count;
        }
    }
}
