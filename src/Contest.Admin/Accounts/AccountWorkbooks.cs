using ClosedXML.Excel;
using Contest.Admin.Excel;
using Contest.Admin.Localization;
using Contest.Admin.Questions.Excel;
using Contest.Engine.Accounts;
using Microsoft.Extensions.Localization;
using Contest.Engine.Time;

namespace Contest.Admin.Accounts;

/// <summary>The bulk account template and the sheet of temporary passwords that answers an import.</summary>
public static class AccountWorkbooks
{
    public const string ContentType = QuestionSheetWriter.ContentType;

    /// <summary>One created account and the password it was given.</summary>
    public sealed record Issued(AccountRow Row, string Password, DateTimeOffset ExpiresAt);

    public static byte[] Template(IStringLocalizer<AccountsUi> t, EnumNames roles)
    {
        using var wb = new XLWorkbook();
        var ws = wb.Worksheets.Add(t["Template.Sheet"]);
        Header(ws, t, AccountSheet.Order);
        // User names like "0912…" or "00123" must stay text when typed, or Excel drops the leading zeros.
        ws.Range(2, 2, 1000, 2).Style.NumberFormat.Format = "@";
        var role = ws.Range(2, 4, 1000, 4).SetDataValidation();
        role.List("\"" + roles.Of("Role", Roles.Judge) + "," + roles.Of("Role", Roles.Organizer) + "\"", true);
        role.ErrorStyle = XLErrorStyle.Stop;
        role.ErrorTitle = t["Column.Role"];
        role.ErrorMessage = t["Template.Help3"];

        var help = wb.Worksheets.Add(t["Template.Help"]);
        string[] lines = [t["Template.Help1"], t["Template.Help2"], t["Template.Help3"], t["Template.Help4"], t["Template.Help5", TemporaryPasswords.Lifetime.TotalHours]];
        for (var i = 0; i < lines.Length; i++) help.Cell(i + 1, 1).SetText(lines[i]);
        help.Column(1).Width = 120;
        help.Column(1).Style.Alignment.WrapText = true;
        return Save(wb);
    }

    /// <summary>
    /// Full name, user name, temporary password, role, unit and expiry of each account created. Every cell is text (a
    /// password or name starting with = + - @ stays text, never a formula), and the expiry is in Vietnam time.
    /// </summary>
    public static byte[] Passwords(IStringLocalizer<AccountsUi> t, EnumNames roles, IReadOnlyList<Issued> issued)
    {
        using var wb = new XLWorkbook();
        var ws = wb.Worksheets.Add(t["Passwords.Sheet"]);
        ws.Cell(1, 1).SetText(t["Passwords.Note"]);
        ws.Cell(1, 1).Style.Font.Italic = true;
        string[] titles = [t["Column.FullName"], t["Column.UserName"], t["Column.Password"], t["Column.Role"], t["Column.Unit"], t["Column.Expires"]];
        for (var c = 0; c < titles.Length; c++)
        {
            var cell = ws.Cell(2, c + 1);
            cell.SetText(titles[c]);
            cell.Style.Font.Bold = true;
            cell.Style.Fill.BackgroundColor = XLColor.FromHtml("#DCE6F1");
        }
        var row = 3;
        foreach (var (account, password, expires) in issued)
        {
            string[] values = [account.FullName, account.UserName, password, roles.Of("Role", account.Role), account.UnitPath ?? "", VietnamTime.Format(expires)];
            for (var c = 0; c < values.Length; c++) ws.Cell(row, c + 1).SetText(values[c]);
            row++;
        }
        // Passwords in a monospaced font: l/1 and O/0 are not in the alphabet, but the reader should not have to know.
        ws.Range(3, 3, Math.Max(3, row - 1), 3).Style.Font.FontName = "Consolas";
        int[] widths = [28, 20, 18, 16, 50, 22];
        for (var c = 0; c < widths.Length; c++) ws.Column(c + 1).Width = widths[c];
        ws.SheetView.FreezeRows(2);
        return Save(wb);
    }

    private static void Header(IXLWorksheet ws, IStringLocalizer<AccountsUi> t, AccountColumn[] columns)
    {
        for (var c = 0; c < columns.Length; c++)
        {
            var cell = ws.Cell(1, c + 1);
            cell.SetText(t["Column." + columns[c]]);
            cell.Style.Font.Bold = true;
            cell.Style.Fill.BackgroundColor = XLColor.FromHtml("#DCE6F1");
            ws.Column(c + 1).Width = columns[c] switch { AccountColumn.Unit => 50, AccountColumn.FullName or AccountColumn.Email => 28, _ => 18 };
        }
        ws.SheetView.FreezeRows(1);
    }

    private static byte[] Save(XLWorkbook wb)
    {
        using var ms = new MemoryStream();
        wb.SaveAs(ms);
        return ms.ToArray();
    }
}
