using Contest.Admin.Questions.Excel;
using Contest.Engine.Questions;
using Microsoft.Extensions.Localization;

namespace Contest.Admin.Questions;

/// <summary>The sentence for a problem code in the current UI language.</summary>
public static class ProblemText
{
    public static string Of(this IStringLocalizer<QuestionsUi> t, FileProblem p) => t["File." + p.Code, p.Args];

    public static string Of(this IStringLocalizer<QuestionsUi> t, RowProblem p) => t["Problem." + p.Code, p.Args];

    public static string Of(this IStringLocalizer<QuestionsUi> t, QuestionProblem p) => t["Problem." + p.Code, p.Args];
}
