using Contest.Admin.Questions.Excel;

namespace Contest.Admin.Accounts;

/// <summary>The columns of the bulk account sheet.</summary>
public enum AccountColumn { FullName, UserName, Email, Role, Unit }

/// <summary>One account the sheet asks for, checked and ready to create.</summary>
public sealed record AccountRow(string Sheet, int Row, string FullName, string UserName, string? Email, string Role, int? UnitId, string? UnitPath);

/// <summary>One problem of one row: where (sheet, row, column letter and the header's own title) and why, in the admin's language.</summary>
public sealed record AccountProblem(string Sheet, int Row, string Column, string Title, string Message);

/// <summary>What reading a sheet found: a reason to refuse the whole file, or the good rows and every problem of the bad ones.</summary>
public sealed class AccountImport
{
    public FileProblem? Refused { get; init; }
    public List<AccountRow> Good { get; } = [];
    public List<AccountProblem> Problems { get; } = [];
    public int BadRowCount => Problems.Select(p => (p.Sheet, p.Row)).Distinct().Count();

    public static AccountImport Refuse(FileProblem problem) => new() { Refused = problem };
}

public static class AccountSheet
{
    /// <summary>Most accounts in one file: a province's organizers and judges are tens, not thousands.</summary>
    public const int MaxRows = 500;

    /// <summary>How many rows from the top the header row is looked for in (a title or a note may sit above it).</summary>
    public const int HeaderSearchRows = 10;

    public const int MaxFullName = 200;
    public const int MaxUserName = 100;
    public const int MaxEmail = 256;

    /// <summary>The template's header titles, in order; the reader also accepts the titles below, written with or without accents.</summary>
    public static readonly AccountColumn[] Order = [AccountColumn.FullName, AccountColumn.UserName, AccountColumn.Email, AccountColumn.Role, AccountColumn.Unit];

    public static readonly AccountColumn[] Required = [AccountColumn.FullName, AccountColumn.UserName, AccountColumn.Role];

    /// <summary>Header titles per column, lower case and without accents (see <see cref="AccountSheetReader"/>).</summary>
    public static readonly Dictionary<string, AccountColumn> Titles = new(StringComparer.Ordinal)
    {
        ["ho ten"] = AccountColumn.FullName, ["ho va ten"] = AccountColumn.FullName, ["full name"] = AccountColumn.FullName, ["name"] = AccountColumn.FullName,
        ["ten dang nhap"] = AccountColumn.UserName, ["user name"] = AccountColumn.UserName, ["username"] = AccountColumn.UserName, ["login"] = AccountColumn.UserName,
        ["email"] = AccountColumn.Email, ["e-mail"] = AccountColumn.Email, ["thu dien tu"] = AccountColumn.Email,
        ["vai tro"] = AccountColumn.Role, ["role"] = AccountColumn.Role,
        ["don vi"] = AccountColumn.Unit, ["unit"] = AccountColumn.Unit, ["ma don vi"] = AccountColumn.Unit,
    };
}
