using Contest.Admin.Questions.Excel;
using Contest.Engine.Units;

namespace Contest.Admin.Units.Excel;

/// <summary>
/// One thing wrong with one row: where (sheet, row, column letter and its header title; both empty when the sheet
/// lacks the column, then <see cref="Field"/> names it) and why (code + args, UI text <c>Problem.&lt;code&gt;</c>).
/// </summary>
public sealed record UnitRowProblem(string Sheet, int Row, string Column, string ColumnTitle, UnitColumn Field, string Code, object[] Args);

/// <summary>Row problem codes; each is a sentence <c>Problem.&lt;code&gt;</c> in UnitsUi.tsv.</summary>
public static class UnitProblems
{
    public const string Required = "required";
    /// <summary>Args: length, limit.</summary>
    public const string TooLong = "too-long";
    /// <summary>Args: the code as typed.</summary>
    public const string BadCode = "bad-code";
    /// <summary>Args: the word as typed.</summary>
    public const string UnknownLevel = "unknown-level";
    /// <summary>Args: the text as typed.</summary>
    public const string BadCount = "bad-count";
    /// <summary>Args: the text as typed.</summary>
    public const string BadDate = "bad-date";
    /// <summary>Args: the date (d/M/yyyy).</summary>
    public const string DateOutOfRange = "date-out-of-range";
    /// <summary>Args: the error value Excel shows.</summary>
    public const string CellError = "cell-error";
    /// <summary>Args: sheet and row of the first row with the same value.</summary>
    public const string DuplicateInFile = "duplicate-in-file";
    /// <summary>Args: the parent code.</summary>
    public const string UnknownParent = "unknown-parent";
    /// <summary>Args: the code, and the sheet and row where that unit has problems.</summary>
    public const string ParentRowBad = "parent-row-bad";
    /// <summary>Args: the unit's level word, the parent's level word.</summary>
    public const string NotBelowParent = "not-below-parent";
    public const string ProvinceUnderParent = "province-under-parent";
    public const string OnlyProvinceAtTop = "only-province-at-top";
    /// <summary>Args: the name, the parent's name (or empty at the top).</summary>
    public const string NameTaken = "name-taken";
    /// <summary>Args: sheet and row of the first unit of that name under the same parent.</summary>
    public const string DuplicateName = "duplicate-name";
    /// <summary>Args: a child unit's name and level word.</summary>
    public const string ChildDoesNotFit = "child-does-not-fit";
    /// <summary>Args: the unit code.</summary>
    public const string UnknownUnit = "unknown-unit";
    /// <summary>Args: sheet and row of the first entry with that member id.</summary>
    public const string DuplicateMemberId = "duplicate-member-id";
    /// <summary>Args: sheet and row of the first entry with that name and date of birth.</summary>
    public const string DuplicatePerson = "duplicate-person";
}

/// <summary>A header column the importer does not read; named in the report so nothing is dropped unsaid.</summary>
public sealed record UnitIgnoredColumn(string Sheet, string Column, string Title);

public enum UnitChangeKind { Added, Changed, Unchanged }

/// <summary>What importing one good row of the unit sheet does. <see cref="Fields"/> lists what changes.</summary>
public sealed record UnitChange(string Sheet, int Row, UnitChangeKind Kind, string Code, string Name, UnitLevel Level, IReadOnlyList<UnitColumn> Fields);

/// <summary>What a unit workbook would change. Building it saves nothing.</summary>
public sealed class UnitImportReport
{
    public FileProblem? FileProblem { get; init; }
    public List<UnitRowProblem> Problems { get; } = [];
    public List<UnitIgnoredColumn> Ignored { get; } = [];
    public List<UnitChange> Units { get; } = [];
    public bool HasUnitSheet { get; set; }
    public bool HasRosterSheet { get; set; }

    /// <summary>Units already in the system that the file does not name; an import never deletes them.</summary>
    public int UnitsNotInFile { get; set; }
    public int RosterAdded { get; set; }
    public int RosterChanged { get; set; }
    public int RosterRemoved { get; set; }
    public int RosterUnchanged { get; set; }

    /// <summary>Units whose roster rows include a bad one: their existing entries are kept, not removed.</summary>
    public List<string> RostersKept { get; } = [];

    internal UnitImportPlan? Plan { get; set; }

    public int BadRowCount => Problems.Select(p => (p.Sheet, p.Row)).Distinct().Count();
    public int Count(UnitChangeKind kind) => Units.Count(u => u.Kind == kind);

    /// <summary>True when confirming would change something.</summary>
    public bool HasChanges => Units.Any(u => u.Kind != UnitChangeKind.Unchanged) || RosterAdded + RosterChanged + RosterRemoved > 0;

    public static UnitImportReport Refused(FileProblem problem) => new() { FileProblem = problem };
}

/// <summary>File problem codes of the unit import beyond the question import's <see cref="FileProblem"/> ones.</summary>
public static class UnitFileProblems
{
    /// <summary>A header row but no data under it.</summary>
    public const string NoRows = "NoRows";
}
