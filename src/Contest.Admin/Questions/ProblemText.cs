using Contest.Admin.Questions.Excel;
using Contest.Engine.Questions;
using Microsoft.Extensions.Localization;

namespace Contest.Admin.Questions;

/// <summary>The sentence for a problem code in the current UI language.</summary>
public static class ProblemText
{
    /// <summary>
    /// Column lists among the args (the columns a sheet lacks) are named in the UI language; sizes, given in
    /// bytes, are shown in megabytes.
    /// </summary>
    public static string Of(this IStringLocalizer<QuestionsUi> t, FileProblem p) =>
        t["File." + p.Code, [.. p.Args.Select(a => a switch
        {
            QuestionColumn[] columns => string.Join(", ", columns.Select(c => t.Of(c))),
            long or int when p.Code is FileProblem.TooBig or FileProblem.ZipBomb => Convert.ToDouble(a, System.Globalization.CultureInfo.InvariantCulture) / (1024 * 1024),
            _ => a,
        })]];

    public static string Of(this IStringLocalizer<QuestionsUi> t, RowProblem p) => t["Problem." + p.Code, p.Args];

    public static string Of(this IStringLocalizer<QuestionsUi> t, QuestionProblem p) => t["Problem." + p.Code, p.Args];

    public static string Of(this IStringLocalizer<QuestionsUi> t, QuestionColumn c) => t["Column." + c];

    /// <summary>"I — Đáp án đúng" for a column of the sheet; the column's name alone when the sheet lacks it.</summary>
    public static string ColumnOf(this IStringLocalizer<QuestionsUi> t, RowProblem p) =>
        p.Column.Length > 0 ? $"{p.Column} — {p.ColumnTitle}" : t.Of(p.Field);

    public static string LayoutName(this IStringLocalizer<QuestionsUi> t, string layout) =>
        t["Layout." + layout] is { ResourceNotFound: false } name ? name : layout;
}
