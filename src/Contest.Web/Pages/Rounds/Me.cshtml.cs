using System.Security.Claims;
using Contest.Engine.Rounds;
using Contest.Engine.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Contest.Web.Pages.Rounds;

/// <summary>One row of "my attempts". <see cref="TimeRanOut"/>: ended by the clock, whether or not the clean-up has recorded it yet.</summary>
public sealed record PastAttempt(long Id, int RoundId, string Round, int Number, DateTimeOffset StartedAt, bool Finished, bool TimeRanOut, RoundStatus Status, int? Correct, int? Rank);

[Authorize]
public sealed class MeModel(ContestDb db, RoundAttempts attempts, TimeProvider time) : PageModel
{
    public RoundParticipant? Participant { get; private set; }
    public string? UnitName { get; private set; }
    public IReadOnlyList<PastAttempt> Attempts { get; private set; } = [];
    public IReadOnlyList<string> QualifiedFor { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (User.FindFirstValue(ClaimTypes.NameIdentifier) is not { } id || await attempts.ParticipantOfUserAsync(id, ct) is not { } p) return RedirectToPage("Register");
        Participant = p;
        UnitName = p.UnitId is { } u ? await db.Units.Where(x => x.Id == u).Select(x => x.Name).SingleOrDefaultAsync(ct) : null;
        var rows = await (from a in db.Set<RoundAttempt>().AsNoTracking()
                          join r in db.Set<ContestRound>() on a.RoundId equals r.Id
                          where a.ParticipantId == p.Id
                          select new { a.Id, a.RoundId, r.Name, a.Number, a.StartedAt, a.FinishedAt, a.Deadline, a.End, r.Status, a.Correct }).ToListAsync(ct);
        var ranks = await db.Set<RoundResult>().AsNoTracking().Where(x => x.ParticipantId == p.Id).ToDictionaryAsync(x => x.AttemptId, x => x.Rank, ct);
        var now = time.GetUtcNow();
        // Scores stay hidden until results are published: a correct count would leak answers to a second attempt.
        Attempts = rows.OrderByDescending(a => a.StartedAt).Select(a =>
        {
            var published = a.Status == RoundStatus.Published;
            // An attempt left open past its deadline is over (it counts as it stood) even before the close job records it.
            var expired = a.FinishedAt is null && a.Deadline <= now;
            return new PastAttempt(a.Id, a.RoundId, a.Name, a.Number, a.StartedAt, a.FinishedAt is not null || expired, a.End == AttemptEnd.TimedOut || expired, a.Status,
                published ? a.Correct : null, published && ranks.TryGetValue(a.Id, out var rank) ? rank : null);
        }).ToList();
        var stages = await db.Set<ContestRound>().AsNoTracking().Where(r => r.QualifyTopN != null).ToListAsync(ct);
        var q = new List<string>();
        foreach (var s in stages)
        {
            if ((await Qualification.QualifiersAsync(db, s, ct)).Any(x => x.ParticipantId == p.Id)) q.Add(s.Name);
        }
        QualifiedFor = q;
        return Page();
    }
}
