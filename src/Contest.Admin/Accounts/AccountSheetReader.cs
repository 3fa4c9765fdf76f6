using System.ComponentModel.DataAnnotations;
using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml;
using Contest.Admin.Questions.Excel;
using Contest.Engine.Accounts;
using Contest.Engine.Text;
using Microsoft.Extensions.Localization;

namespace Contest.Admin.Accounts;

/// <summary>
/// Reads the bulk account sheet into <see cref="AccountImport"/>: the file is checked as the question import checks
/// it (what it is, its size unpacked, hidden sheets, merged cells), then every row, reporting every problem of a row at
/// once. Nothing is created here.
/// </summary>
/// <param name="taken">Upper-cased user names that already have an account.</param>
/// <param name="allowedUserNameChars">Identity's allowed user name characters (the same rule as the accounts page).</param>
public sealed partial class AccountSheetReader(IStringLocalizer<AccountsUi> t, ImportLimits limits, IReadOnlySet<string> taken, UnitPaths units, string allowedUserNameChars)
{
    private static readonly Dictionary<string, string?> RoleNames = new(StringComparer.Ordinal)
    {
        ["giam khao"] = Roles.Judge, ["judge"] = Roles.Judge,
        ["ban to chuc"] = Roles.Organizer, ["btc"] = Roles.Organizer, ["to chuc"] = Roles.Organizer, ["nguoi to chuc"] = Roles.Organizer,
        ["organizer"] = Roles.Organizer, ["organiser"] = Roles.Organizer,
        // Known roles that are not made in bulk: an administrator can do anything, and participants register themselves.
        ["quan tri vien"] = null, ["quan tri"] = null, ["admin"] = null, ["administrator"] = null, ["thi sinh"] = null, ["participant"] = null,
    };

    public AccountImport Read(byte[] file)
    {
        if (WorkbookGuard.Check(file, limits) is { } refused) return AccountImport.Refuse(refused);
        if (WorkbookGuard.CheckPackage(file, limits) is { } bomb) return AccountImport.Refuse(bomb);
        List<SheetGrid> grids;
        try
        {
            using var zip = new ZipArchive(new MemoryStream(file, writable: false), ZipArchiveMode.Read);
            grids = XlsxCells.Read(zip);
        }
        catch (Exception e) when (e is InvalidDataException or XmlException or IOException)
        {
            return AccountImport.Refuse(new(FileProblem.Corrupt));
        }
        return Read(grids);
    }

    private AccountImport Read(List<SheetGrid> grids)
    {
        // Accounts nobody can see in Excel must not slip in.
        if (grids.FirstOrDefault(g => g.Hidden && !g.IsEmpty) is { } hidden) return AccountImport.Refuse(new(FileProblem.HiddenSheet, hidden.Name));
        if (grids.All(g => g.IsEmpty)) return AccountImport.Refuse(new(FileProblem.Empty));

        var sheets = new List<(SheetGrid Sheet, int HeaderRow, Dictionary<int, AccountColumn> Columns)>();
        foreach (var ws in grids.Where(g => !g.IsEmpty))
        {
            var (headerRow, columns) = FindHeader(ws);
            // A sheet without the header (the template's instructions) is not data.
            if (headerRow == 0) continue;
            var missing = AccountSheet.Required.Where(c => !columns.ContainsValue(c)).ToList();
            if (missing.Count > 0) return AccountImport.Refuse(new(FileProblem.MissingColumns, ws.Name, string.Join(", ", missing.Select(c => t["Column." + c].Value))));
            foreach (var (range, lastRow) in ws.Merged)
                if (lastRow >= headerRow) return AccountImport.Refuse(new(FileProblem.MergedCells, ws.Name, range));
            sheets.Add((ws, headerRow, columns));
        }
        if (sheets.Count == 0) return AccountImport.Refuse(new(FileProblem.NoHeader));
        var total = sheets.Sum(s => s.Sheet.Rows.Count(r => r.Key > s.HeaderRow && r.Value.Values.Any(v => v.Trim().Length > 0)));
        if (total == 0) return AccountImport.Refuse(new(NoAccounts));
        if (total > AccountSheet.MaxRows) return AccountImport.Refuse(new(FileProblem.TooManyRows, total, AccountSheet.MaxRows));

        var report = new AccountImport();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (ws, headerRow, columns) in sheets)
        {
            var at = columns.ToDictionary(c => c.Value, c => c.Key);
            foreach (var (r, rowCells) in ws.Rows)
            {
                if (r <= headerRow) continue;
                var problems = new List<(AccountColumn Column, string Message)>();
                string Cell(AccountColumn c)
                {
                    if (!at.TryGetValue(c, out var col)) return "";
                    var v = rowCells.TryGetValue(col, out var s) ? TextNormalizer.CollapseSpaces(TextNormalizer.Nfc(s)) : "";
                    if (ws.Errors.Contains((r, col))) { problems.Add((c, t["Problem.FormulaError", v])); return ""; }
                    return v;
                }
                var fullName = Cell(AccountColumn.FullName);
                var userName = Cell(AccountColumn.UserName);
                var email = Cell(AccountColumn.Email);
                var role = Cell(AccountColumn.Role);
                var unit = Cell(AccountColumn.Unit);
                if (fullName.Length + userName.Length + email.Length + role.Length + unit.Length == 0 && problems.Count == 0) continue;
                bool Reported(AccountColumn c) => problems.Any(p => p.Column == c);

                if (fullName.Length == 0) { if (!Reported(AccountColumn.FullName)) problems.Add((AccountColumn.FullName, t["Problem.Required"])); }
                else if (fullName.Length > AccountSheet.MaxFullName) problems.Add((AccountColumn.FullName, t["Problem.TooLong", fullName.Length, AccountSheet.MaxFullName]));

                if (userName.Length == 0) { if (!Reported(AccountColumn.UserName)) problems.Add((AccountColumn.UserName, t["Problem.Required"])); }
                else if (userName.Length > AccountSheet.MaxUserName) problems.Add((AccountColumn.UserName, t["Problem.TooLong", userName.Length, AccountSheet.MaxUserName]));
                else if (userName.Any(ch => !allowedUserNameChars.Contains(ch))) problems.Add((AccountColumn.UserName, t["Problem.UserNameChars", userName]));
                else if (taken.Contains(userName.ToUpperInvariant())) problems.Add((AccountColumn.UserName, t["Problem.UserNameTaken", userName]));
                else if (seen.TryGetValue(userName.ToUpperInvariant(), out var firstRow)) problems.Add((AccountColumn.UserName, t["Problem.UserNameRepeated", userName, firstRow]));
                else seen[userName.ToUpperInvariant()] = r;

                if (email.Length > AccountSheet.MaxEmail) problems.Add((AccountColumn.Email, t["Problem.TooLong", email.Length, AccountSheet.MaxEmail]));
                else if (email.Length > 0 && (!new EmailAddressAttribute().IsValid(email) || !EmailShape().IsMatch(email))) problems.Add((AccountColumn.Email, t["Problem.Email", email]));

                string? roleName = null;
                if (role.Length == 0) { if (!Reported(AccountColumn.Role)) problems.Add((AccountColumn.Role, t["Problem.Required"])); }
                else if (!RoleNames.TryGetValue(TextNormalizer.StripDiacritics(role).ToLowerInvariant(), out roleName)) problems.Add((AccountColumn.Role, t["Problem.Role", role]));
                else if (roleName is null) problems.Add((AccountColumn.Role, t["Problem.RoleNotBulk", role]));

                int? unitId = null;
                if (unit.Length > 0)
                {
                    var (id, candidates) = units.Find(unit);
                    if (id is not null) unitId = id;
                    else if (candidates.Count == 0) problems.Add((AccountColumn.Unit, t["Problem.UnitNotFound", unit]));
                    else problems.Add((AccountColumn.Unit, t["Problem.UnitAmbiguous", unit, candidates.Count, string.Join("; ", candidates.Take(5)), units.ShortestUniqueTail(candidates[0])]));
                }

                if (problems.Count == 0)
                {
                    report.Good.Add(new(ws.Name, r, fullName, userName, email.Length > 0 ? email : null, roleName!, unitId, unitId is { } u ? units.PathOf(u) : null));
                    continue;
                }
                // Left to right, as the admin reads the row.
                foreach (var (column, message) in problems.OrderBy(p => at[p.Column]))
                    report.Problems.Add(new(ws.Name, r, XlsxCells.LetterOf(at[column]), ws.Cell(headerRow, at[column]), message));
            }
        }
        return report;
    }

    public const string NoAccounts = "NoAccounts";

    /// <summary>The first of the top rows that names the user name column; its recognized titles by column number.</summary>
    private static (int Row, Dictionary<int, AccountColumn> Columns) FindHeader(SheetGrid ws)
    {
        foreach (var (r, cells) in ws.Rows)
        {
            if (r > AccountSheet.HeaderSearchRows) break;
            var columns = new Dictionary<int, AccountColumn>();
            foreach (var (c, text) in cells)
                if (AccountSheet.Titles.TryGetValue(TitleKey(text), out var column) && !columns.ContainsValue(column)) columns[c] = column;
            if (columns.ContainsValue(AccountColumn.UserName)) return (r, columns);
        }
        return (0, []);
    }

    /// <summary>"Đơn vị (mã hoặc đường dẫn) *" → "don vi": no accents, no notes in brackets, no required-field marks.</summary>
    private static string TitleKey(string title)
    {
        var bare = Brackets().Replace(title, " ").Replace('*', ' ').Replace(':', ' ');
        return TextNormalizer.CollapseSpaces(TextNormalizer.StripDiacritics(TextNormalizer.Nfc(bare))).ToLowerInvariant();
    }

    [GeneratedRegex(@"\([^)]*\)")]
    private static partial Regex Brackets();

    /// <summary>EmailAddressAttribute accepts anything with one @; a deliverable address also needs a dot after it and no spaces.</summary>
    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailShape();
}
