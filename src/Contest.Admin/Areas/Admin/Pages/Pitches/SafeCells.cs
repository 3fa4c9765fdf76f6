using ClosedXML.Excel;

namespace Contest.Admin.Areas.Admin.Pages.Pitches;

/// <summary>Writes user text as text: a comment starting with = + - @ must never become a formula in the organizer's Excel.</summary>
internal static class SafeCells
{
    public static IXLCell Text(this IXLCell cell, string? value)
    {
        // SetValue stores a string literally (the Value setter would parse "=..." as a formula).
        cell.SetValue(value ?? "");
        cell.DataType = XLDataType.Text;
        return cell;
    }

    public static IXLCell Number(this IXLCell cell, decimal? value)
    {
        if (value is { } v) cell.SetValue(v);
        return cell;
    }
}
