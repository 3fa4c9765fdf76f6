using Contest.Admin.Questions.Excel;
using Contest.Admin.Units.Excel;
using Contest.Engine.Units;
using Microsoft.Extensions.Localization;

namespace Contest.Admin.Units;

/// <summary>Sentences of the unit pages and the unit import in the current UI language.</summary>
public static class UnitText
{
    public static string Level(this IStringLocalizer<UnitsUi> u, UnitLevel level) => u["Level." + level];

    /// <summary>Level arguments are named in the reader's language; the problem at the top of the tree has its own sentence.</summary>
    public static string Of(this IStringLocalizer<UnitsUi> u, UnitRowProblem p)
    {
        var code = p.Code == UnitProblems.NameTaken && p.Args is [_, ""] ? "NameTakenAtTop" : p.Code;
        return u["Problem." + code, [.. p.Args.Select(a => a is UnitLevel l ? u.Level(l) : a)]];
    }

    /// <summary>Column lists are named in the UI language; sizes, given in bytes, are shown in megabytes.</summary>
    public static string Of(this IStringLocalizer<UnitsUi> u, FileProblem p) =>
        u["File." + p.Code, [.. p.Args.Select(a => a switch
        {
            UnitColumn[] columns => string.Join(", ", columns.Select(c => u.Of(c))),
            long or int when p.Code is FileProblem.TooBig or FileProblem.ZipBomb => Convert.ToDouble(a, System.Globalization.CultureInfo.InvariantCulture) / (1024 * 1024),
            _ => a,
        })]];

    public static string Of(this IStringLocalizer<UnitsUi> u, UnitColumn c) => u["Column." + c];

    /// <summary>"B — Tên đơn vị" for a column of the sheet; the column's name alone when the sheet lacks it.</summary>
    public static string ColumnOf(this IStringLocalizer<UnitsUi> u, UnitRowProblem p) =>
        p.Column.Length > 0 ? $"{p.Column} — {p.ColumnTitle}" : u.Of(p.Field);

    /// <summary>Why a unit of <paramref name="level"/> cannot sit under <paramref name="parent"/> (null: at the top).</summary>
    public static string Placement(this IStringLocalizer<UnitsUi> u, PlacementProblem problem, UnitLevel level, UnitLevel? parent) => problem switch
    {
        PlacementProblem.ProvinceUnderParent => u["Units.ProvinceHasParent"],
        PlacementProblem.OnlyProvinceAtTop => u["Units.OnlyProvinceRoot"],
        _ => u["Units.BadPlacement", u.Level(level), u.Level(parent!.Value)],
    };
}
