using Contest.Engine.Rounds;
using Contest.Engine.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Contest.Admin.Areas.Admin.Pages.Rounds;

public sealed record ParticipantRow(int Id, string FullName, string? Phone, string? IdNumber, string? Unit, bool Voided, string? VoidReason);

public sealed class IndexModel(ContestDb db, ParticipantRegistry registry) : PageModel
{
    public IReadOnlyList<ContestRound> Rounds { get; private set; } = [];
    public IReadOnlyList<ParticipantRow> Participants { get; private set; } = [];
    [BindProperty] public RegistrationSettings Settings { get; set; } = new();
    public string? Message { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Rounds = (await db.Set<ContestRound>().AsNoTracking().ToListAsync(ct)).OrderByDescending(r => r.OpensAt).ToList();
        Settings = await registry.SettingsAsync(ct);
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        Participants = (await db.Set<RoundParticipant>().AsNoTracking().OrderByDescending(p => p.Id).Take(500).ToListAsync(ct))
            .Select(p => new ParticipantRow(p.Id, p.FullName, p.Phone, p.IdNumber, p.UnitId is { } u ? units.GetValueOrDefault(u) : null, p.IsVoided, p.VoidReason)).ToList();
    }

    public async Task<IActionResult> OnPostSettingsAsync(CancellationToken ct)
    {
        await registry.SaveSettingsAsync(Settings, ct);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostVoidAsync(int participantId, string? reason, CancellationToken ct)
    {
        Message = await registry.VoidAsync(participantId, reason ?? "", User.Identity?.Name ?? "?", ct);
        if (Message is null) return RedirectToPage();
        await OnGetAsync(ct);
        return Page();
    }
}
