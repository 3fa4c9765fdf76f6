using Contest.Admin.Accounts;
using Contest.Admin.Localization;
using Contest.Admin.Questions;
using Contest.Admin.Questions.Excel;
using Contest.Engine.Accounts;
using Contest.Engine.Storage;
using Contest.Engine.Units;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Contest.Admin.Areas.Admin.Pages.Users;

/// <summary>
/// Bulk creation of judges and organizers: upload → every bad row reported (sheet, row, column, why), nothing created
/// → confirm → the accounts created with temporary passwords → a sheet of those passwords to download. Admin only,
/// as the accounts page.
/// </summary>
[Authorize(Policy = AdminRegistration.AdminOnlyPolicy)]
[RequestSizeLimit(16L * 1024 * 1024)]
public sealed class ImportModel(ContestDb db, UserManager<AppUser> users, AccountImports imports, IOptions<ImportLimits> limits, IOptions<IdentityOptions> identity,
    TimeProvider time, EnumNames names, IStringLocalizer<AccountsUi> a, IStringLocalizer<QuestionsUi> q) : PageModel
{
    [BindProperty] public IFormFile? Upload { get; set; }

    public AccountImport? Report { get; private set; }
    public string? Job { get; private set; }
    public AccountImports.Sheet? Sheet { get; private set; }
    public string? SheetId { get; private set; }
    public string? Error { get; private set; }

    /// <summary>A refused file in words: the reasons shared with the question import in its words, the account-specific ones in ours.</summary>
    public string Why(FileProblem p) => p.Code switch
    {
        FileProblem.NoHeader or FileProblem.MissingColumns or FileProblem.MergedCells or FileProblem.TooManyRows or AccountSheetReader.NoAccounts => a["File." + p.Code, p.Args],
        _ => q.Of(p),
    };

    public IActionResult OnGet(string? job, string? sheet)
    {
        var owner = User.Identity!.Name!;
        if (job is not null)
        {
            if (imports.Get(job, owner) is { } pending) (Job, Report) = (job, pending.Report);
            else Error = a["Import.Expired"];
        }
        if (sheet is not null)
        {
            if (imports.GetSheet(sheet, owner) is { } s) (SheetId, Sheet) = (sheet, s);
            else Error = a["Import.SheetGone"];
        }
        return Page();
    }

    public IActionResult OnGetTemplate() =>
        File(AccountWorkbooks.Template(a, names), AccountWorkbooks.ContentType, a["Template.FileName"]);

    public IActionResult OnGetPasswords(string? sheet) => imports.GetSheet(sheet, User.Identity!.Name!) is { } s
        ? File(s.Bytes, AccountWorkbooks.ContentType, $"mat-khau-tam-{Contest.Engine.Time.VietnamTime.ToLocal(time.GetUtcNow()):yyyyMMdd-HHmm}.xlsx")
        : RedirectToPage("Import", new { sheet });

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Upload is null || Upload.Length == 0) { Error = a["Import.NoFile"]; return Page(); }
        if (Upload.Length > limits.Value.MaxBytes) { Error = q.Of(new FileProblem(FileProblem.TooBig, Upload.Length, limits.Value.MaxBytes)); return Page(); }
        using var ms = new MemoryStream();
        await Upload.CopyToAsync(ms, ct);
        var report = (await ReaderAsync(ct)).Read(ms.ToArray());
        return RedirectToPage("Import", new { job = imports.Add(User.Identity!.Name!, report) });
    }

    public async Task<IActionResult> OnPostConfirmAsync(string? job, CancellationToken ct)
    {
        var owner = User.Identity!.Name!;
        if (imports.Take(job, owner) is not { } pending || pending.Report.Good.Count == 0) return RedirectToPage("Import", new { job });
        var now = time.GetUtcNow();
        // Units may have been deleted since the check: a row whose unit is gone is created without one rather than failing.
        var unitIds = (await db.Set<Unit>().Select(u => u.Id).ToListAsync(ct)).ToHashSet();
        var issued = new List<AccountWorkbooks.Issued>();
        var notCreated = new List<string>();
        foreach (var row in pending.Report.Good)
        {
            var user = new AppUser { UserName = row.UserName, DisplayName = row.FullName, Email = row.Email, UnitId = row.UnitId is { } u && unitIds.Contains(u) ? u : null };
            var (password, result) = await AccountCreation.CreateAsync(users, user, row.Role, now);
            if (password is not null) issued.Add(new(row, password, user.TemporaryPasswordExpiresAt!.Value));
            // Someone took the name between the check and the confirm.
            else notCreated.Add($"{row.UserName} ({string.Join(" ", result.Errors.Select(e => e.Description))})");
        }
        var bytes = AccountWorkbooks.Passwords(a, names, issued);
        return RedirectToPage("Import", new { sheet = imports.AddSheet(owner, bytes, issued.Count, notCreated) });
    }

    private async Task<AccountSheetReader> ReaderAsync(CancellationToken ct)
    {
        var taken = (await db.Users.Select(u => u.NormalizedUserName).Where(n => n != null).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal)!;
        var units = new UnitPaths(await db.Set<Unit>().AsNoTracking().ToListAsync(ct));
        return new AccountSheetReader(a, limits.Value, taken!, units, identity.Value.User.AllowedUserNameCharacters);
    }
}
