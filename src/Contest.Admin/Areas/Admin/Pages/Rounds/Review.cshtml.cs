using Contest.Admin.Errors;
using Contest.Admin.Rounds;
using Contest.Engine.Errors;
using Contest.Engine.Rounds;
using Contest.Engine.Rounds.Integrity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Contest.Admin.Areas.Admin.Pages.Rounds;

/// <summary>
/// A round's review queue (/admin/rounds/review/{id}): flagged entries after close, decided one by one (let stand, or void
/// with a reason), or the review skipped; then publish. The area's convention already requires the Admin or Organizer role.
/// </summary>
public sealed class ReviewModel(ReviewQueue queue, RoundLifecycle lifecycle, IStringLocalizer<ReviewUi> v, IStringLocalizer<ErrorTexts> e, TimeProvider time) : PageModel
{
    public ReviewQueueView? Queue { get; private set; }
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    /// <summary>The entry the <see cref="Error"/> is about; null: about the page (skip, publish).</summary>
    public int? ErrorFor { get; private set; }

    /// <summary>The reason typed before an error, shown again so it is not lost.</summary>
    public string? Reason { get; private set; }

    /// <summary>Closed, past its publish time, and still waiting for decisions: the scheduled publish is on hold.</summary>
    public bool Held => Queue is { Open: true, Skip: null } q && q.Pending.Count > 0 && (q.Round.PublishAt ?? q.Round.ClosesAt) <= time.GetUtcNow();

    public bool CanPublish => Queue is { Open: true } q && (q.Pending.Count == 0 || q.Skip is not null);

    public async Task<IActionResult> OnGetAsync(int id, string? done, string? who, CancellationToken ct)
    {
        Queue = await queue.GetAsync(id, ct);
        if (Queue is null) return NotFound();
        Message = done switch
        {
            "cleared" => v["Done.Cleared", who ?? ""].Value,
            "voided" => v["Done.Voided", who ?? ""].Value,
            "skipped" => v["Done.Skipped"].Value,
            "undone" => v["Done.Undone", who ?? ""].Value,
            "published" => v["Done.Published"].Value,
            _ => null,
        };
        return Page();
    }

    public Task<IActionResult> OnPostClearAsync(int id, int? participantId, string? reason, CancellationToken ct) =>
        DecideAsync(id, participantId, reason, DecisionOutcome.Cleared, ct);

    public Task<IActionResult> OnPostVoidAsync(int id, int? participantId, string? reason, CancellationToken ct) =>
        DecideAsync(id, participantId, reason, DecisionOutcome.Voided, ct);

    private async Task<IActionResult> DecideAsync(int id, int? participantId, string? reason, DecisionOutcome outcome, CancellationToken ct)
    {
        if (participantId is not { } pid) return await ShowAsync(id, null, v["Err.ParticipantMissing"], reason, ct);
        var by = User.Identity?.Name ?? "?";
        var refusal = outcome == DecisionOutcome.Voided
            ? await queue.VoidAsync(id, pid, reason, by, ct)
            : await queue.ClearAsync(id, pid, reason, by, ct);
        if (refusal is { } r) return await ShowAsync(id, pid, Words(r), reason, ct);
        var name = (await queue.GetAsync(id, ct))?.Names.GetValueOrDefault(pid) ?? "";
        return RedirectToPage(new { id, done = outcome == DecisionOutcome.Voided ? "voided" : "cleared", who = name });
    }

    /// <summary>Takes back a decision before publish (a void is re-ranked away); after publish the page says why it cannot.</summary>
    public async Task<IActionResult> OnPostUndoAsync(int id, int? participantId, CancellationToken ct)
    {
        if (participantId is not { } pid) return await ShowAsync(id, null, v["Err.ParticipantMissing"], null, ct);
        if (await queue.UndoAsync(id, pid, User.Identity?.Name ?? "?", ct) is { } r) return await ShowAsync(id, null, Words(r), null, ct);
        var name = (await queue.GetAsync(id, ct))?.Names.GetValueOrDefault(pid) ?? "";
        return RedirectToPage(new { id, done = "undone", who = name });
    }

    public async Task<IActionResult> OnPostSkipAsync(int id, string? reason, CancellationToken ct)
    {
        if (await queue.SkipAsync(id, reason, User.Identity?.Name ?? "?", ct) is { } r) return await ShowAsync(id, null, Words(r), reason, ct);
        return RedirectToPage(new { id, done = "skipped" });
    }

    public async Task<IActionResult> OnPostPublishAsync(int id, CancellationToken ct)
    {
        if (await lifecycle.PublishNowAsync(id, User.Identity?.Name ?? "?", ct) is { } r) return await ShowAsync(id, null, Words(r), null, ct);
        return RedirectToPage(new { id, done = "published" });
    }

    private async Task<IActionResult> ShowAsync(int id, int? errorFor, string error, string? reason, CancellationToken ct)
    {
        Queue = await queue.GetAsync(id, ct);
        if (Queue is null) return NotFound();
        Error = error;
        ErrorFor = errorFor;
        Reason = reason;
        return Page();
    }

    /// <summary>A refusal in the reader's language, from the one error table.</summary>
    private string Words(ContestError r) => ApiProblem.Text(e, r);

    /// <summary>A flag's facts in words, in the reader's language; the other participants are returned apart so the page can link them.</summary>
    public IReadOnlyList<string> Facts(IntegrityFlag flag)
    {
        var f = flag.Facts;
        var k = flag.Kind.ToString();
        var parts = new List<string>();
        if (f.Count is { } n)
        {
            var key = $"Count.{k}";
            var s = v[key, n, f.OutOf ?? 0];
            parts.Add(s.ResourceNotFound ? (f.OutOf is { } o ? v["OutOf", n, o] : v["Times", n]) : s);
        }
        if (f.Duration is { } d) parts.Add(Keyed("Duration", k, Span(d)));
        if (f.Threshold is { } t) parts.Add(Keyed("Threshold", k, Span(t)));
        if (!string.IsNullOrEmpty(f.Network)) parts.Add(v["Network", f.Network]);
        return parts;
    }

    private string Keyed(string prefix, string kind, string value)
    {
        var s = v[$"{prefix}.{kind}", value];
        return s.ResourceNotFound ? v[$"{prefix}.Other", value] : s;
    }

    /// <summary>"1,2 giây" under a minute, "3 phút 5 giây" above: answer times are seconds, page-hidden totals minutes.</summary>
    public string Span(TimeSpan d) => d.TotalSeconds < 60
        ? v["Seconds", d.TotalSeconds.ToString(d.TotalSeconds < 10 ? "0.0" : "0", System.Globalization.CultureInfo.CurrentCulture)]
        : v["Minutes", (int)d.TotalMinutes, d.Seconds];
}
