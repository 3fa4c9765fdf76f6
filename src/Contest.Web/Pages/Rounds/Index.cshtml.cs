using System.Security.Claims;
using Contest.Engine.Rounds;
using Contest.Engine.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Contest.Web.Pages.Rounds;

/// <summary>The participant's standing in one round: attempts used, one still running, the best score once results are out.</summary>
public sealed record MyRoundState(int Used, bool Running, int? BestCorrect);

public sealed class IndexModel(ContestDb db, RoundAttempts attempts, TimeProvider time, Contest.Web.Rounds.AttemptDevice device) : PageModel
{
    public IReadOnlyList<ContestRound> Rounds { get; private set; } = [];
    public RoundParticipant? Participant { get; private set; }
    public IReadOnlyDictionary<int, MyRoundState> Mine { get; private set; } = new Dictionary<int, MyRoundState>();
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Rounds = (await db.Set<ContestRound>().AsNoTracking().Include(r => r.Prizes).ToListAsync(ct)).OrderByDescending(r => r.OpensAt).ToList();
        if (User.FindFirstValue(ClaimTypes.NameIdentifier) is { } id) Participant = await attempts.ParticipantOfUserAsync(id, ct);
        if (Participant is null) return;
        var now = time.GetUtcNow();
        var mine = await db.Set<RoundAttempt>().AsNoTracking().Where(a => a.ParticipantId == Participant.Id)
            .Select(a => new { a.RoundId, a.FinishedAt, a.Deadline, a.Correct }).ToListAsync(ct);
        var published = Rounds.Where(r => r.Status == RoundStatus.Published).Select(r => r.Id).ToHashSet();
        // Scores stay hidden until results are published: a correct count would leak answers to a second attempt.
        Mine = mine.GroupBy(a => a.RoundId).ToDictionary(g => g.Key, g => new MyRoundState(
            g.Count(),
            g.Any(a => a.FinishedAt is null && a.Deadline > now),
            published.Contains(g.Key) ? g.Max(a => a.Correct) : null));
    }

    public MyRoundState StateOf(int roundId) => Mine.TryGetValue(roundId, out var s) ? s : new MyRoundState(0, false, null);

    public async Task<IActionResult> OnPostStartAsync(int roundId, CancellationToken ct)
    {
        if (User.FindFirstValue(ClaimTypes.NameIdentifier) is not { } id) return Challenge();
        var participant = await attempts.ParticipantOfUserAsync(id, ct);
        if (participant is null) return RedirectToPage("Register");
        var (view, error) = await attempts.StartAsync(roundId, participant.Id, device.Origin(HttpContext), ct);
        if (view is not null) return Redirect($"/rounds/attempt/{view.AttemptId}");
        Error = $"Take.Error.{error!.Code}";
        await OnGetAsync(ct);
        return Page();
    }
}
