using Contest.Admin.Localization;
using Contest.Admin.Questions;
using Contest.Engine.Questions;
using Contest.Engine.Storage;
using Contest.Engine.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Contest.Admin.Areas.Admin.Pages.Banks;

public sealed class BankModel(ContestDb db, TimeProvider time, IStringLocalizer<QuestionsUi> q) : PageModel
{
    public QuestionBank Bank { get; private set; } = null!;
    public List<Question> Questions { get; private set; } = [];
    public int Total { get; private set; }
    public List<string> AllTags { get; private set; } = [];
    public List<QuestionBank> OtherBanks { get; private set; } = [];
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    [BindProperty(SupportsGet = true)] public string? Search { get; set; }
    [BindProperty(SupportsGet = true)] public QuestionType? Type { get; set; }
    [BindProperty(SupportsGet = true)] public string? Tag { get; set; }
    [BindProperty(SupportsGet = true)] public Difficulty? Difficulty { get; set; }

    [BindProperty] public List<int> Selected { get; set; } = [];
    [BindProperty] public string? NewTag { get; set; }
    [BindProperty] public int? TargetBank { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, string? done, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (int.TryParse(done, out var n)) Message = q.Count("Bank.Done", n);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, int qid, CancellationToken ct)
    {
        var n = await db.Set<Question>().Where(x => x.BankId == id && x.Id == qid).ExecuteDeleteAsync(ct);
        return Back(id, n);
    }

    public async Task<IActionResult> OnPostDuplicateAsync(int id, int qid, CancellationToken ct)
    {
        var source = await db.Set<Question>().AsNoTracking().FirstOrDefaultAsync(x => x.BankId == id && x.Id == qid, ct);
        if (source is null) return await Invalid(id, q["Bank.NotFound"], ct);
        var copy = Copy(source);
        // A copy must not collide with its source under the duplicate rule, so it is marked as a copy.
        var suffix = " " + q["Bank.CopySuffix"];
        copy.Text = TextNormalizer.Nfc(source.Text.Length > 2000 - suffix.Length ? source.Text[..(2000 - suffix.Length)] : source.Text) + suffix;
        db.Add(copy);
        await db.SaveChangesAsync(ct);
        return RedirectToPage("Edit", new { bankId = id, id = copy.Id });
    }

    public async Task<IActionResult> OnPostTagAsync(int id, CancellationToken ct)
    {
        var tag = TextNormalizer.Nfc((NewTag ?? "").Trim());
        if (Selected.Count == 0) return await Invalid(id, q["Bank.NothingSelected"], ct);
        if (tag.Length == 0) return await Invalid(id, q["Bank.TagRequired"], ct, nameof(NewTag));
        if (tag.Length > 50) return await Invalid(id, q["Bank.TagTooLong", 50], ct, nameof(NewTag));
        var rows = await db.Set<Question>().Where(x => x.BankId == id && Selected.Contains(x.Id)).ToListAsync(ct);
        foreach (var r in rows.Where(r => !r.Tags.Contains(tag) && r.Tags.Count < 10)) r.Tags = [.. r.Tags, tag];
        await db.SaveChangesAsync(ct);
        return Back(id, rows.Count);
    }

    public async Task<IActionResult> OnPostMoveAsync(int id, CancellationToken ct)
    {
        if (Selected.Count == 0) return await Invalid(id, q["Bank.NothingSelected"], ct);
        if (TargetBank is not { } target || target == id || !await db.Set<QuestionBank>().AnyAsync(b => b.Id == target, ct))
            return await Invalid(id, q["Bank.TargetRequired"], ct, nameof(TargetBank));
        var n = await db.Set<Question>().Where(x => x.BankId == id && Selected.Contains(x.Id)).ExecuteUpdateAsync(s => s.SetProperty(x => x.BankId, target), ct);
        return Back(id, n);
    }

    public async Task<IActionResult> OnPostDeleteSelectedAsync(int id, CancellationToken ct)
    {
        if (Selected.Count == 0) return await Invalid(id, q["Bank.NothingSelected"], ct);
        var n = await db.Set<Question>().Where(x => x.BankId == id && Selected.Contains(x.Id)).ExecuteDeleteAsync(ct);
        return Back(id, n);
    }

    public string TypeName(QuestionType t) => q["Type." + t];

    private IActionResult Back(int id, int n) => RedirectToPage("Bank", new { id, Search, Type, Tag, Difficulty, done = n });

    /// <summary>The page again with the problem, under the field it concerns when there is one, nothing changed.</summary>
    private async Task<IActionResult> Invalid(int id, string message, CancellationToken ct, string? field = null)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (field is null) Error = message;
        else ModelState.AddModelError(field, message);
        return Page();
    }

    private Question Copy(Question s) => new()
    {
        BankId = s.BankId, Type = s.Type, Text = s.Text, Options = [.. s.Options], CorrectOptions = [.. s.CorrectOptions], AcceptedAnswers = [.. s.AcceptedAnswers],
        IgnoreCase = s.IgnoreCase, IgnoreDiacritics = s.IgnoreDiacritics, IgnoreExtraSpaces = s.IgnoreExtraSpaces, TimeLimitSeconds = s.TimeLimitSeconds,
        Points = s.Points, Difficulty = s.Difficulty, Tags = [.. s.Tags], Language = s.Language, Explanation = s.Explanation, MediaKind = s.MediaKind,
        MediaUrl = s.MediaUrl, CreatedAt = time.GetUtcNow(),
    };

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var bank = await db.Set<QuestionBank>().FindAsync([id], ct);
        if (bank is null) return false;
        Bank = bank;
        var all = db.Set<Question>().Where(x => x.BankId == id);
        Total = await all.CountAsync(ct);
        Questions = await new QuestionQuery(Search, Type, Tag, Difficulty).Apply(all).OrderBy(x => x.Id).ToListAsync(ct);
        AllTags = [.. (await all.Select(x => x.Tags).ToListAsync(ct)).SelectMany(t => t).Distinct().Order()];
        OtherBanks = await db.Set<QuestionBank>().Where(b => b.Id != id).OrderBy(b => b.Name).ToListAsync(ct);
        return true;
    }
}
