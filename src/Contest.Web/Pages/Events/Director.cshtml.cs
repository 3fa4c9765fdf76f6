using Contest.Admin.Questions;
using Contest.Engine.Events;
using Contest.Engine.Questions;
using Contest.Engine.Storage;
using Contest.Web.Events;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Contest.Web.Pages.Events;

[Authorize(Policy = EventsSetup.DirectorPolicy)]
public sealed class DirectorModel(ContestDb db, EventDirector director, ProjectorViews views, MediaStore media, IStringLocalizer<EventsUi> e) : PageModel
{
    public ContestEvent Event { get; private set; } = null!;
    public Dictionary<ScreenKind, IReadOnlyList<ScreenTarget>> Targets { get; } = [];
    [TempData] public string? Message { get; set; }
    [TempData] public string? Error { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var ev = await db.Set<ContestEvent>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct);
        if (ev is null) return NotFound();
        Event = ev;
        foreach (var source in views.Sources.OrderBy(s => s.Kind))
            Targets[source.Kind] = await source.TargetsAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostShowAsync(int id, ScreenKind kind, string? target, string? title, string? text, IFormFile? image, CancellationToken ct)
    {
        target = string.IsNullOrWhiteSpace(target) ? null : target.Trim();
        // "kind=abc" binds as the default (Welcome): a form that was tampered with or is stale is refused, not obeyed.
        if (!ModelState.IsValid) return Refused(id, e["Check.UnknownScreen"]);
        if (DirectorChecks.Screen(e, kind, kind == ScreenKind.Slide ? null : target, title, text) is { } invalid) return Refused(id, invalid);
        if (kind == ScreenKind.Slide)
        {
            // A slide's only target is its image, and only one uploaded just now: a posted path is ignored.
            target = null;
            if (image is { Length: > 0 })
            {
                // Checked like question media (extension, size, the file's own first bytes), and images only.
                if (QuestionRules.MediaKindOf(image.FileName) != MediaKind.Image) return Refused(id, e["Director.ImageType"]);
                await using var stream = image.OpenReadStream();
                var (refusal, url, _) = await media.SaveAsync(image.FileName, stream, image.Length, ct);
                switch (refusal)
                {
                    case MediaStore.Refusal.TooBig: return Refused(id, e["Director.ImageTooBig", media.Options.MaxBytes / 1048576]);
                    case MediaStore.Refusal.Type: return Refused(id, e["Director.ImageType"]);
                    case MediaStore.Refusal.Content: return Refused(id, e["Director.ImageContent"]);
                }
                target = url;
            }
        }
        return await Done(id, director.ShowAsync(id, new ScreenChoice(kind, target, title, text), ct));
    }

    private RedirectToPageResult Refused(int id, string error)
    {
        Error = error;
        return RedirectToPage(new { id });
    }

    public Task<IActionResult> OnPostBrandAsync(int id, string? title, string? subtitle, string? logoUrl, string? primary, string? accent, string? language, CancellationToken ct)
    {
        if (DirectorChecks.Branding(e, title, primary, accent, logoUrl, language) is { } invalid) return Task.FromResult<IActionResult>(Refused(id, invalid));
        if ((subtitle?.Length ?? 0) > 300) return Task.FromResult<IActionResult>(Refused(id, e["Check.SubtitleLong", 300]));
        return Done(id, director.BrandAsync(id, title!, subtitle ?? "", logoUrl, primary!, accent!, language!, ct));
    }

    public Task<IActionResult> OnPostRevokeAsync(int id, CancellationToken ct) => Done(id, director.RevokeAsync(id, ct));

    private async Task<IActionResult> Done(int id, Task<EventDirector.Outcome> action)
    {
        if (!await db.Set<ContestEvent>().AnyAsync(x => x.Id == id)) return NotFound();
        var outcome = await action;
        // The forms were checked above in the organizer's language; what the director still refuses is content that
        // went away between loading the page and pressing the button (a game ended, a round was deleted).
        if (outcome.Error is null) Message = "ok"; else Error = e["Check.NoContent"];
        return RedirectToPage(new { id });
    }
}
