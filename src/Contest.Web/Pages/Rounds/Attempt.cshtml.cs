using System.Security.Claims;
using Contest.Engine.Questions;
using Contest.Engine.Questions.Answers;
using Contest.Engine.Rounds;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Contest.Web.Pages.Rounds;

/// <summary>
/// Taking a round without needing JavaScript: each page is a form that saves its answers on the server,
/// so a reload or a lost connection loses nothing and the time left always comes from the server.
/// </summary>
[Authorize]
public sealed class AttemptModel(RoundAttempts attempts, Contest.Web.Rounds.RoundLiveBoard live, Contest.Web.Rounds.AttemptDevice device,
    Contest.Web.Rounds.AttemptSightings sightings, Contest.Engine.Storage.ContestDb db) : PageModel
{
    [BindProperty(SupportsGet = true)] public long AttemptId { get; set; }
    [BindProperty(SupportsGet = true)] public int Q { get; set; } = 1;
    [BindProperty(SupportsGet = true)] public string? Step { get; set; }

    public AttemptView? View { get; private set; }
    public string? Error { get; private set; }
    public IEnumerable<AttemptQuestionView> Shown => View is null ? [] : View.Layout == RoundLayout.AllOnOnePage ? View.Questions : View.Questions.Where(q => q.Position == Q);
    public bool Predicting => Step == "predict";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await ParticipantIdAsync(ct) is not { } pid) return RedirectToPage("Register");
        var (view, error) = await attempts.GetAsync(AttemptId, pid, ct);
        if (view is null) return NotFound();
        View = view;
        if (error is not null) Error = error.Code;
        if (!view.Finished) await sightings.RecordAsync(HttpContext, db, AttemptId, pid, ct);
        Q = Math.Clamp(Q, 1, Math.Max(1, view.Questions.Count));
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string nav, CancellationToken ct)
    {
        if (await ParticipantIdAsync(ct) is not { } pid) return RedirectToPage("Register");
        var (view, _) = await attempts.GetAsync(AttemptId, pid, ct);
        if (view is null) return NotFound();
        View = view;
        if (view.Finished) return Redirect($"/rounds/attempt/{AttemptId}");
        var positions = view.Layout == RoundLayout.AllOnOnePage ? view.Questions : view.Questions.Where(q => q.Position == Q);
        foreach (var q in positions)
        {
            if (FromForm(q) is not { } answer) continue;
            if (await attempts.AnswerAsync(AttemptId, pid, q.Position, answer, ct) is { } error)
            {
                Error = error.Code;
                if (error.Code is "time-up" or "finished") return Redirect($"/rounds/attempt/{AttemptId}");
                (View, _) = await attempts.GetAsync(AttemptId, pid, ct);
                return Page();
            }
        }
        return nav switch
        {
            "prev" => Redirect($"/rounds/attempt/{AttemptId}?q={Math.Max(1, Q - 1)}"),
            "next" when Q < view.Questions.Count && view.Layout == RoundLayout.OnePerPage => Redirect($"/rounds/attempt/{AttemptId}?q={Q + 1}"),
            _ => Redirect($"/rounds/attempt/{AttemptId}?step=predict"),
        };
    }

    public async Task<IActionResult> OnPostSubmitAsync(int? prediction, CancellationToken ct)
    {
        if (await ParticipantIdAsync(ct) is not { } pid) return RedirectToPage("Register");
        // An empty box or "abc" (which binds as no prediction) is asked again rather than submitted without one.
        if (prediction is null && await attempts.GetAsync(AttemptId, pid, ct) is ({ Finished: false } open, _))
        {
            View = open;
            Error = string.IsNullOrWhiteSpace(Request.Form["prediction"]) ? "missing-prediction" : "invalid-prediction";
            Step = "predict";
            return Page();
        }
        var (view, error) = await attempts.SubmitAsync(AttemptId, pid, prediction, device.Origin(HttpContext), ct);
        if (error is { Code: "invalid-prediction" })
        {
            (View, _) = await attempts.GetAsync(AttemptId, pid, ct);
            Error = error.Code;
            Step = "predict";
            return Page();
        }
        if (view is null) return NotFound();
        if (error is null) await live.RecordAsync(view, pid, ct);
        return Redirect($"/rounds/attempt/{AttemptId}");
    }

    /// <summary>The answer typed or picked for one question, in shown indexes; null when left blank.</summary>
    private SubmittedAnswer? FromForm(AttemptQuestionView q)
    {
        var form = Request.Form;
        switch (q.Type)
        {
            case QuestionType.FillBlank:
                var text = form[$"t{q.Position}"].ToString();
                return string.IsNullOrWhiteSpace(text) ? null : SubmittedAnswer.Typed(text);
            case QuestionType.Ordering:
                var places = new List<(int Shown, int Place)>();
                for (var i = 0; i < q.Options.Count; i++)
                {
                    if (!int.TryParse(form[$"o{q.Position}_{i}"], out var place)) return null;
                    places.Add((i, place));
                }
                return SubmittedAnswer.Ordered(places.OrderBy(p => p.Place).ThenBy(p => p.Shown).Select(p => p.Shown).ToArray());
            default:
                var picked = form[$"a{q.Position}"].Select(v => int.TryParse(v, out var i) ? i : -1).ToArray();
                return picked.Length == 0 ? null : SubmittedAnswer.Choice(picked);
        }
    }

    private async Task<int?> ParticipantIdAsync(CancellationToken ct) =>
        User.FindFirstValue(ClaimTypes.NameIdentifier) is { } id ? await attempts.ParticipantIdOfUserAsync(id, ct) : null;
}
