using Contest.Admin.Rounds;
using Contest.Engine.Rounds;
using Contest.Engine.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Contest.Admin.Areas.Admin.Pages.Rounds;

public sealed record ParticipantRow(int Id, string FullName, string? Phone, string? IdNumber, string? Unit, bool Voided, string? VoidReason);

public sealed class IndexModel(ContestDb db, ParticipantRegistry registry, IStringLocalizer<RoundsAdminUi> a, IStringLocalizer<Errors.ErrorTexts> e) : PageModel
{
    public IReadOnlyList<ContestRound> Rounds { get; private set; } = [];
    public IReadOnlyList<ParticipantRow> Participants { get; private set; } = [];
    [BindProperty] public RegistrationSettings Settings { get; set; } = new();
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    /// <summary>The participant whose void form the error belongs to.</summary>
    public int? ErrorFor { get; private set; }

    public async Task OnGetAsync(bool saved, CancellationToken ct)
    {
        if (saved) Message = a["Saved"];
        await LoadAsync(loadSettings: true, ct);
    }

    public async Task<IActionResult> OnPostSettingsAsync(CancellationToken ct)
    {
        ModelState.ForgetUnreadableCheckboxes(a["Err.Settings"], "Settings.RequireDateOfBirth", "Settings.RequireUnit", "Settings.RequirePhone", "Settings.RequireEmail", "Settings.RequireIdNumber");
        if (!ModelState.IsValid)
        {
            // Only a hand-made request sends a checkbox something other than true/false.
            Error = a["Err.Settings"];
            await LoadAsync(loadSettings: false, ct);
            return Page();
        }
        await registry.SaveSettingsAsync(Settings, ct);
        return RedirectToPage(new { saved = true });
    }

    public async Task<IActionResult> OnPostVoidAsync(int? participantId, string? reason, CancellationToken ct)
    {
        var text = (reason ?? "").Trim();
        var p = participantId is { } id ? await db.Set<RoundParticipant>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct) : null;
        if (p is null) return NotFound();
        // The registry's rules (a reason, not too long, not void already), in the error table's words.
        if (await registry.VoidAsync(p.Id, text, User.Identity?.Name ?? "?", ct) is { } refused) Error = a["Err.NotSaved", Errors.ApiProblem.Text(e, refused)];
        if (Error is null) return RedirectToPage(new { saved = true });
        ErrorFor = p.Id;
        await LoadAsync(loadSettings: true, ct);
        return Page();
    }

    private async Task LoadAsync(bool loadSettings, CancellationToken ct)
    {
        Rounds = (await db.Set<ContestRound>().AsNoTracking().ToListAsync(ct)).OrderByDescending(r => r.OpensAt).ToList();
        if (loadSettings) Settings = await registry.SettingsAsync(ct);
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        Participants = (await db.Set<RoundParticipant>().AsNoTracking().OrderByDescending(p => p.Id).Take(500).ToListAsync(ct))
            .Select(p => new ParticipantRow(p.Id, p.FullName, p.Phone, p.IdNumber, p.UnitId is { } u ? units.GetValueOrDefault(u) : null, p.IsVoided, p.VoidReason)).ToList();
    }
}
