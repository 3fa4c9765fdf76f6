using Contest.Admin.Questions;
using Contest.Engine.Questions;
using Contest.Engine.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Contest.Admin.Areas.Admin.Pages.Banks;

/// <summary>Upload → background dry run with progress → report → confirm → background save with progress → done.</summary>
/// <remarks>
/// Kestrel drops a request over 30 MB before the page can answer; up to 128 MB is read here so an over-large file
/// gets the "too big" sentence (the page's script refuses one before sending it, in the first place).
/// </remarks>
[RequestSizeLimit(128L * 1024 * 1024)]
public sealed class ImportModel(ContestDb db, ImportJobs jobs, IOptions<Questions.Excel.ImportLimits> limits, IStringLocalizer<QuestionsUi> q) : PageModel
{
    public QuestionBank Bank { get; private set; } = null!;
    public ImportJob? Job { get; private set; }
    public string? Error { get; private set; }

    [BindProperty] public IFormFile? Upload { get; set; }

    public long MaxBytes => limits.Value.MaxBytes;

    /// <summary>The "too big" sentence with the limit filled in and {0} left for the script to put the file's size in.</summary>
    public string TooBigTemplate => q["File.TooBig"].Value
        .Replace("{1:0.#}", (limits.Value.MaxBytes / (1024.0 * 1024)).ToString("0.#", System.Globalization.CultureInfo.CurrentCulture))
        .Replace("{0:0.#}", "{0}");

    public async Task<IActionResult> OnGetAsync(int id, string? job, CancellationToken ct)
    {
        if (await db.Set<QuestionBank>().FindAsync([id], ct) is not { } bank) return NotFound();
        Bank = bank;
        if (job is not null)
        {
            Job = jobs.Get(job, id, User.Identity!.Name!);
            if (Job is null) Error = q["Import.Expired"];
        }
        return Page();
    }

    /// <summary>Polled by the page while a job runs.</summary>
    public IActionResult OnGetProgress(int id, string job) => jobs.Get(job, id, User.Identity!.Name!) is { } j
        ? new JsonResult(new { done = j.Done, total = j.Total, finished = j.Finished })
        : NotFound();

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (await db.Set<QuestionBank>().FindAsync([id], ct) is not { } bank) return NotFound();
        Bank = bank;
        if (Upload is null || Upload.Length == 0) { Error = q["Import.NoFile"]; return Page(); }
        if (Upload.Length > limits.Value.MaxBytes) { Error = q.Of(new Questions.Excel.FileProblem(Questions.Excel.FileProblem.TooBig, Upload.Length, limits.Value.MaxBytes)); return Page(); }
        using var ms = new MemoryStream();
        await Upload.CopyToAsync(ms, ct);
        var job = jobs.Start(id, User.Identity!.Name!, ms.ToArray());
        return RedirectToPage("Import", new { id, job = job.Id });
    }

    public IActionResult OnPostConfirm(int id, string job)
    {
        var j = jobs.Get(job, id, User.Identity!.Name!);
        if (j is null || !jobs.Confirm(j)) return RedirectToPage("Import", new { id, job });
        return RedirectToPage("Import", new { id, job });
    }
}
