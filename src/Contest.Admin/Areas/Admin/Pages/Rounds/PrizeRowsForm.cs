using Contest.Admin.Rounds;
using Contest.Engine.Rounds;
using Contest.Engine.Text;
using Contest.Engine.Units;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Contest.Admin.Areas.Admin.Pages.Rounds;

/// <summary>One row of the prize table as typed; a row left wholly empty (no name, no number) is ignored.</summary>
public sealed class PrizeInput
{
    public PrizeKind Kind { get; set; }
    public string? Name { get; set; }
    public int? Count { get; set; }
    public UnitLevel? Level { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Name) && Count is null;

    public static PrizeInput Of(PrizeRule p) => new() { Kind = p.Kind, Name = p.Name, Count = p.Count, Level = p.UnitLevel };
}

/// <summary>One row as the partial _PrizeRows draws it: <see cref="Index"/> is its number in the field names ("__i__" in the template).</summary>
public sealed record PrizeRowView(string Index, int Number, PrizeInput Row, bool Spare)
{
    public static PrizeRowView At(int index, PrizeInput row) => new(index.ToString(System.Globalization.CultureInfo.InvariantCulture), index + 1, row, false);

    /// <summary>The empty row after the others, for a page without script.</summary>
    public static PrizeRowView SpareAt(int index) => At(index, new PrizeInput()) with { Spare = true };

    /// <summary>The row the script copies for "Add a prize"; it renumbers "__i__".</summary>
    public static PrizeRowView Template => new("__i__", 0, new PrizeInput(), false);
}

/// <summary>
/// Reads the prize rows of the round form into the table's rules, in the order shown, each problem added to
/// ModelState under its field in the page's language. The rules themselves are the engine's <see cref="PrizeTable"/>.
/// </summary>
public static class PrizeRowsForm
{
    /// <summary>The kinds that take a unit level, for the script that shows the level box only for them.</summary>
    public static readonly string UnitKinds = string.Join(",", Enum.GetValues<PrizeKind>().Where(k => new PrizeRule { Name = "", Kind = k }.IsUnitPrize));

    public static List<PrizeRule> Read(IReadOnlyList<PrizeInput> rows, PredictionTieBreak tieBreak, ModelStateDictionary state, IStringLocalizer<RoundsAdminUi> a)
    {
        var prizes = new List<PrizeRule>();
        if (!Enum.IsDefined(tieBreak)) state.AddModelError("PredictionTieBreak", a["Err.PrizeTieBreak"]);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var key = $"PrizeRows[{i}]";
            bool Bad(string field) => state.GetFieldValidationState($"{key}.{field}") == ModelValidationState.Invalid;
            if (row.IsBlank && !Bad("Count") && !Bad("Kind") && !Bad("Level")) continue;
            var name = TextNormalizer.CollapseSpaces(TextNormalizer.Nfc((row.Name ?? "").Trim()));
            if (name.Length == 0) state.AddModelError($"{key}.Name", a["Err.PrizeName"]);
            else if (name.Length > PrizeTable.MaxNameLength) state.AddModelError($"{key}.Name", a["Err.TooLong", name.Length, PrizeTable.MaxNameLength]);
            if (row.Count is null) { if (!Bad("Count")) state.AddModelError($"{key}.Count", a["Err.PrizeCount"]); }
            else if (row.Count is < 1 or > PrizeTable.MaxCount) state.AddModelError($"{key}.Count", a["Err.PrizeCount"]);
            if (!Bad("Kind") && !Enum.IsDefined(row.Kind)) state.AddModelError($"{key}.Kind", a["Err.PrizeKind"]);
            var rule = new PrizeRule { Kind = row.Kind, Name = name, Count = row.Count ?? 0, SortOrder = prizes.Count + 1 };
            // A level only means something for a unit prize; on another row it is left over from a changed kind.
            if (rule.IsUnitPrize)
            {
                if (row.Level is { } l && !Enum.IsDefined(l)) state.AddModelError($"{key}.Level", a["Err.PrizeLevel"]);
                rule.UnitLevel = row.Level;
            }
            else state.Remove($"{key}.Level");
            prizes.Add(rule);
        }
        if (prizes.Count > PrizeTable.MaxRows) state.AddModelError("PrizeRows", a["Err.PrizeRows", PrizeTable.MaxRows]);
        return prizes;
    }
}
