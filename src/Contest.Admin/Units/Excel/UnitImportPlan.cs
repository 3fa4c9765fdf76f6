using Contest.Engine.Units;

namespace Contest.Admin.Units.Excel;

/// <summary>A unit as it stands before the import.</summary>
public sealed record ExistingUnit(int Id, string? Code, string Name, UnitLevel Level, int? ParentId, int MemberCount);

/// <summary>A roster entry as it stands before the import.</summary>
public sealed record ExistingEntry(int Id, int UnitId, string FullName, string NameKey, string? MemberId, DateOnly DateOfBirth);

/// <summary>A unit the file leaves as it is (<see cref="UntouchedId"/>) or a row of the plan (<see cref="PlanIndex"/>), existing or new.</summary>
public readonly record struct UnitRef(int? UntouchedId, int? PlanIndex);

public sealed record PlannedUnit(UnitRow Row, int? ExistingId, UnitRef? Parent, UnitChangeKind Kind, IReadOnlyList<UnitColumn> Fields);

public sealed record PlannedEntry(UnitRef Unit, RosterRow Row);

/// <summary>What confirming saves: units in level order (every parent before its children), then roster changes.</summary>
public sealed class UnitImportPlan
{
    public List<PlannedUnit> Units { get; } = [];
    public List<PlannedEntry> RosterAdds { get; } = [];
    public List<(int EntryId, RosterRow Row)> RosterUpdates { get; } = [];
    public List<int> RosterRemovals { get; } = [];
}
