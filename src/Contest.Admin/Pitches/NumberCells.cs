using ClosedXML.Excel;

namespace Contest.Admin.Pitches;

/// <summary>Numbers of the pitch workbooks: an empty score leaves its cell blank rather than writing 0.</summary>
internal static class NumberCells
{
    public static IXLCell Number(this IXLCell cell, decimal? value)
    {
        if (value is { } v) cell.SetValue(v);
        return cell;
    }
}
