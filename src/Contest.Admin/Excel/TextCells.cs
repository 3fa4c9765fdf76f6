using ClosedXML.Excel;

namespace Contest.Admin.Excel;

/// <summary>
/// The one way every workbook writes user text: always a text cell, never a formula. A cell starting with
/// = + - @ that a spreadsheet evaluates is how an export turns into code running on the organizer's machine
/// (CSV/formula injection), so such a value also gets Excel's quote prefix, which shows the text as typed.
/// </summary>
public static class TextCells
{
    public static IXLCell SetText(this IXLCell cell, string? value)
    {
        // A blank cell and an empty text cell read the same in Excel; leaving it blank keeps "used" ranges tight.
        if (string.IsNullOrEmpty(value)) return cell;
        // SetValue stores a string literally; the Value setter would parse "=..." as a formula.
        cell.SetValue(value);
        cell.DataType = XLDataType.Text;
        if (value[0] is '=' or '+' or '-' or '@') cell.Style.IncludeQuotePrefix = true;
        return cell;
    }
}
