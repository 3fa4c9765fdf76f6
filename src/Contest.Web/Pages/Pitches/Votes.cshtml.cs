using Contest.Admin;
using Contest.Engine.Pitches;
using Contest.Engine.Storage;
using Contest.Web.Errors;
using Contest.Web.Pitches;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Contest.Web.Pages.Pitches;

/// <summary>
/// The organizer's desk for the audience vote: open and close it, switch on ticket codes and print them, and the
/// fraud audit (votes per address and per minute, refused attempts) with voiding and its reason.
/// </summary>
[Authorize(Policy = AdminRegistration.AdminOrOrganizerPolicy)]
public sealed class VotesModel(ContestDb db, AudienceVoteDesk desk, IStringLocalizer<PitchesUi> p, IStringLocalizer<Admin.Errors.ErrorTexts> errors) : PageModel
{
    public int RoundId { get; private set; }
    public string RoundName { get; private set; } = "";
    public VoteAudit? Audit { get; private set; }
    public string? Error { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(int roundId, CancellationToken ct) =>
        await LoadAsync(roundId, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostOpenAsync(int roundId, bool open, CancellationToken ct) =>
        DoAsync(roundId, async () => (await desk.SetOpenAsync(roundId, open, ct)).Error, open ? "Pitch.VoteOpened" : "Pitch.VoteClosedDone", ct);

    public Task<IActionResult> OnPostTicketsAsync(int roundId, bool required, CancellationToken ct) =>
        DoAsync(roundId, async () => (await desk.SetTicketsRequiredAsync(roundId, required, ct)).Error, required ? "Pitch.TicketsOn" : "Pitch.TicketsOff", ct);

    public Task<IActionResult> OnPostGenerateAsync(int roundId, int? count, CancellationToken ct) =>
        DoAsync(roundId, async () => (await desk.GenerateTicketsAsync(roundId, count ?? 0, ct)).Error, "Pitch.TicketsMade", ct);

    public Task<IActionResult> OnPostVoidAsync(int roundId, int voteId, string? reason, CancellationToken ct) =>
        DoAsync(roundId, async () => (await desk.VoidAsync(roundId, voteId, reason ?? "", User.Identity?.Name ?? "?", ct)).Error, "Pitch.VoidDone", ct);

    public Task<IActionResult> OnPostVoidAddressAsync(int roundId, string? address, string? reason, CancellationToken ct) =>
        DoAsync(roundId, async () => (await desk.VoidAddressAsync(roundId, address ?? "", reason ?? "", User.Identity?.Name ?? "?", ct)).Error, "Pitch.VoidDone", ct);

    /// <summary>The codes as a printable Excel sheet: a grid of cut-out slips with the vote address.</summary>
    public async Task<IActionResult> OnGetSheetAsync(int roundId, CancellationToken ct)
    {
        var round = await db.PitchRounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundId, ct);
        if (round is null) return NotFound();
        var tickets = await desk.TicketsAsync(roundId, ct);
        var url = Contest.Web.Events.QrSvg.Absolute(HttpContext, PitchesSetup.VotePath(roundId));
        return File(VoteTicketSheet.Build(round.Name, url, tickets, p), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"ve-binh-chon-{roundId}.xlsx");
    }

    private async Task<IActionResult> DoAsync(int roundId, Func<Task<Engine.Errors.ContestError?>> act, string done, CancellationToken ct)
    {
        if (!await db.PitchRounds.AnyAsync(r => r.Id == roundId, ct)) return NotFound();
        var error = await act();
        if (error is null)
        {
            Message = p[done];
            return RedirectToPage(new { roundId });
        }
        Error = errors.Say(error.Code, "pitch");
        await LoadAsync(roundId, ct);
        return Page();
    }

    private async Task<bool> LoadAsync(int roundId, CancellationToken ct)
    {
        var name = await db.PitchRounds.AsNoTracking().Where(r => r.Id == roundId).Select(r => r.Name).SingleOrDefaultAsync(ct);
        if (name is null) return false;
        RoundId = roundId;
        RoundName = name;
        Audit = (await desk.AuditAsync(roundId, ct)).Value;
        return true;
    }
}
