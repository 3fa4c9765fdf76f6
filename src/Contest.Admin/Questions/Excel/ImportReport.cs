using Contest.Engine.Questions;

namespace Contest.Admin.Questions.Excel;

/// <summary>A question read from one row that passed every rule.</summary>
public sealed record ImportedRow(string Sheet, int Row, Question Question);

/// <summary>
/// One thing wrong with one row: where (sheet, row, column letter and the header's title; both empty when the
/// sheet has no such column, then <see cref="Field"/> names it) and why (code + args, UI text <c>Problem.&lt;code&gt;</c>).
/// </summary>
public sealed record RowProblem(string Sheet, int Row, string Column, string ColumnTitle, string Code, object[] Args)
{
    public QuestionColumn Field { get; init; }
}

/// <summary>A header column the importer does not read ("STT", "Ghi chú"…); the report names it so nothing is dropped unsaid.</summary>
public sealed record IgnoredColumn(string Sheet, string Column, string Title);

/// <summary>Problem codes only the import produces (the rest are the rules' <see cref="ProblemCodes"/>).</summary>
public static class ImportCodes
{
    /// <summary>Args: the type word as typed. The sentence lists the words understood.</summary>
    public const string UnknownTypeWord = "unknown-type-word";
    /// <summary>Args: the difficulty as typed. The sentence lists the words understood.</summary>
    public const string UnknownDifficultyWord = "unknown-difficulty-word";
    /// <summary>Args: the bank's name.</summary>
    public const string DuplicateInBank = "duplicate-in-bank";
    /// <summary>Args: sheet and row of the first copy in the same file.</summary>
    public const string DuplicateInFile = "duplicate-in-file";
    /// <summary>Args: the error value (#N/A, #DIV/0!…) Excel shows in the cell.</summary>
    public const string CellError = "cell-error";
}

/// <summary>What a file would import. Nothing is saved while building it.</summary>
public sealed class ImportReport
{
    public FileProblem? FileProblem { get; init; }
    /// <summary>Contest, Kahoot or Quizizz; UI text <c>Layout.&lt;name&gt;</c>.</summary>
    public string Layout { get; init; } = "";
    public List<ImportedRow> Good { get; } = [];
    public List<RowProblem> Problems { get; } = [];
    public List<IgnoredColumn> Ignored { get; } = [];

    public int BadRowCount => Problems.Select(p => (p.Sheet, p.Row)).Distinct().Count();
    public int TotalRows => Good.Count + BadRowCount;

    public static ImportReport Refused(FileProblem problem) => new() { FileProblem = problem };
}
