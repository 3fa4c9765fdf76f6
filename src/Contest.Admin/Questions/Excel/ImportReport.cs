using Contest.Engine.Questions;

namespace Contest.Admin.Questions.Excel;

/// <summary>A question read from one row that passed every rule.</summary>
public sealed record ImportedRow(string Sheet, int Row, Question Question);

/// <summary>One thing wrong with one row: where (sheet, row, column letter and title) and why (code + args, UI text <c>Problem.&lt;code&gt;</c>).</summary>
public sealed record RowProblem(string Sheet, int Row, string Column, string ColumnTitle, string Code, object[] Args);

/// <summary>What a file would import. Nothing is saved while building it.</summary>
public sealed class ImportReport
{
    public FileProblem? FileProblem { get; init; }
    public string Layout { get; init; } = "";
    public List<ImportedRow> Good { get; } = [];
    public List<RowProblem> Problems { get; } = [];

    public int BadRowCount => Problems.Select(p => (p.Sheet, p.Row)).Distinct().Count();
    public int TotalRows => Good.Count + BadRowCount;

    public static ImportReport Refused(FileProblem problem) => new() { FileProblem = problem };
}
