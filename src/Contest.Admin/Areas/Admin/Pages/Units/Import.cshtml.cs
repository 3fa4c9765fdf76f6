using Contest.Admin.Questions.Excel;
using Contest.Admin.Units;
using Contest.Admin.Units.Excel;
using Contest.Engine.Storage;
using Contest.Engine.Units;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace Contest.Admin.Areas.Admin.Pages.Units;

/// <summary>Upload → preview (every bad row, every change) → confirm saves. Also the export and the template.</summary>
/// <remarks>Up to 128 MB is read so an over-large file gets the "too big" sentence instead of Kestrel's bare refusal.</remarks>
[RequestSizeLimit(128L * 1024 * 1024)]
public sealed class ImportModel(ContestDb db, UnitImporter importer, UnitImportUploads uploads, IStringLocalizer<UnitsUi> u, ILogger<ImportModel> log) : PageModel
{
    public UnitUpload? Upload { get; private set; }
    public UnitImportReport? Report { get; private set; }
    public bool Saved { get; private set; }
    public string? Error { get; private set; }
    public string? Notice { get; private set; }
    public int Uncoded { get; private set; }

    [BindProperty] public IFormFile? Workbook { get; set; }

    public long MaxBytes => importer.Limits.MaxBytes;

    /// <summary>The "too big" sentence with the limit filled in and {0} left for the script to put the file's size in.</summary>
    public string TooBigTemplate => u["File.TooBig"].Value
        .Replace("{1:0.#}", (MaxBytes / (1024.0 * 1024)).ToString("0.#", System.Globalization.CultureInfo.CurrentCulture))
        .Replace("{0:0.#}", "{0}");

    public async Task OnGetAsync(string? upload, int? codes, CancellationToken ct)
    {
        if (codes is { } n) Notice = u["UImport.CodesAssigned", n];
        if (upload is not null)
        {
            Upload = uploads.Get(upload, User.Identity!.Name!);
            if (Upload is null) Error = u["UImport.Expired"];
            else if (Upload.Saved is { } saved) { Report = saved; Saved = true; }
            else Report = await RunAsync(() => importer.DryRunAsync(Upload.File, ct));
        }
        Uncoded = await db.Set<Unit>().CountAsync(x => x.Code == null, ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Workbook is null || Workbook.Length == 0) { Error = u["UImport.NoFile"]; await OnGetAsync(null, null, ct); return Page(); }
        if (Workbook.Length > MaxBytes)
        {
            Error = u.Of(new FileProblem(FileProblem.TooBig, Workbook.Length, MaxBytes));
            await OnGetAsync(null, null, ct);
            return Page();
        }
        using var ms = new MemoryStream();
        await Workbook.CopyToAsync(ms, ct);
        var upload = uploads.Add(User.Identity!.Name!, Path.GetFileName(Workbook.FileName), ms.ToArray());
        return RedirectToPage("Import", new { upload = upload.Id });
    }

    public async Task<IActionResult> OnPostConfirmAsync(string upload, CancellationToken ct)
    {
        var u1 = uploads.Get(upload, User.Identity!.Name!);
        if (u1 is null || u1.Saved is not null) return RedirectToPage("Import", new { upload });
        // One confirmation saves: a double click finds the file already taken.
        byte[] file;
        lock (u1)
        {
            if (u1.File.Length == 0) return RedirectToPage("Import", new { upload });
            file = u1.File;
            u1.File = [];
        }
        var report = await RunAsync(() => importer.ImportAsync(file, ct));
        if (report is null) { u1.File = file; await OnGetAsync(null, null, ct); Upload = u1; return Page(); }
        u1.Saved = report;
        return RedirectToPage("Import", new { upload });
    }

    /// <summary>Gives every unit without a code one made of its level and id (T-1, H-12, CS-40, CD-311), skipping codes in use.</summary>
    public async Task<IActionResult> OnPostAssignCodesAsync(CancellationToken ct)
    {
        var all = await db.Set<Unit>().ToListAsync(ct);
        var taken = all.Where(x => x.Code is not null).Select(x => x.Code!).ToHashSet();
        var n = 0;
        foreach (var unit in all.Where(x => x.Code is null).OrderBy(x => x.Id))
        {
            var stem = unit.Level switch { UnitLevel.Province => "T", UnitLevel.District => "H", UnitLevel.Grassroots => "CS", _ => "CD" } + "-" + unit.Id;
            var code = stem;
            for (var i = 2; taken.Contains(code); i++) code = $"{stem}-{i}";
            taken.Add(code);
            unit.Code = code;
            n++;
        }
        await db.SaveChangesAsync(ct);
        return RedirectToPage("Import", new { codes = n });
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var units = await db.Set<Unit>().AsNoTracking().ToListAsync(ct);
        var byId = units.ToDictionary(x => x.Id);
        var entries = await db.Set<RosterEntry>().AsNoTracking().OrderBy(e => e.UnitId).ThenBy(e => e.Id).ToListAsync(ct);
        // Only units with a code can be named on the roster sheet; the page offers to give codes to the others.
        var lines = entries.Where(e => byId.TryGetValue(e.UnitId, out var unit) && unit.Code is not null)
            .Select(e => new RosterLine(byId[e.UnitId].Code!, byId[e.UnitId].Name, e.FullName, e.MemberId, e.DateOfBirth)).ToList();
        using var ms = new MemoryStream();
        UnitWorkbookWriter.WriteUnits(ms, units, lines);
        var stamp = Contest.Engine.Time.VietnamTime.ToLocal(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return File(ms.ToArray(), UnitWorkbookWriter.ContentType, $"don-vi-{stamp}.xlsx");
    }

    public IActionResult OnGetTemplate()
    {
        using var ms = new MemoryStream();
        UnitWorkbookWriter.WriteTemplate(ms);
        return File(ms.ToArray(), UnitWorkbookWriter.ContentType, "mau-don-vi.xlsx");
    }

    /// <summary>An unexpected failure shows a reference in the organizer's language; the details stay in the log.</summary>
    private async Task<UnitImportReport?> RunAsync(Func<Task<UnitImportReport>> run)
    {
        try
        {
            return await run();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var reference = Guid.NewGuid().ToString("N")[..8];
            log.LogError(e, "Unit import failed (reference {Reference})", reference);
            Error = u["UImport.Failed", reference];
            return null;
        }
    }
}
