using Contest.Admin.Localization;
using Contest.Admin.Questions;
using Contest.Engine.Questions;
using Contest.Engine.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Contest.Admin.Areas.Admin.Pages.Banks;

/// <summary>Create or edit one question, with the phone preview beside the form.</summary>
public sealed class EditModel(ContestDb db, TimeProvider time, MediaStore media, IStringLocalizer<QuestionsUi> q, IStringLocalizer<Forms> f) : PageModel
{
    public QuestionBank Bank { get; private set; } = null!;
    public Question Preview { get; private set; } = null!;
    public bool IsNew { get; private set; }
    public List<string> Errors { get; } = [];
    public bool Saved { get; private set; }
    public long MediaLimitMb => media.Options.MaxBytes / (1024 * 1024);

    [BindProperty] public QuestionType Type { get; set; }
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public List<string?> Options { get; set; } = [];
    [BindProperty] public List<int> Correct { get; set; } = [];
    [BindProperty] public string? Accepted { get; set; }
    [BindProperty] public bool IgnoreCase { get; set; } = true;
    [BindProperty] public bool IgnoreDiacritics { get; set; }
    [BindProperty] public bool IgnoreExtraSpaces { get; set; } = true;
    [BindProperty] public bool PartialCredit { get; set; }
    [BindProperty] public int? TimeLimitSeconds { get; set; } = 20;
    [BindProperty] public int? Points { get; set; } = 1000;
    [BindProperty] public Difficulty Difficulty { get; set; } = Difficulty.Medium;
    [BindProperty] public string? Tags { get; set; }
    [BindProperty] public string? Language { get; set; } = "vi";
    [BindProperty] public string? Explanation { get; set; }
    [BindProperty] public IFormFile? MediaFile { get; set; }
    [BindProperty] public bool RemoveMedia { get; set; }

    /// <summary>Where each rule's field is shown on the form.</summary>
    private static readonly Dictionary<string, string> FormField = new()
    {
        [QuestionFields.Type] = nameof(Type), [QuestionFields.Text] = nameof(Text), [QuestionFields.Options] = nameof(Options),
        [QuestionFields.Correct] = nameof(Options), [QuestionFields.Accepted] = nameof(Accepted), [QuestionFields.TimeLimit] = nameof(TimeLimitSeconds),
        [QuestionFields.Points] = nameof(Points), [QuestionFields.Difficulty] = nameof(Difficulty), [QuestionFields.Tags] = nameof(Tags),
        [QuestionFields.Language] = nameof(Language), [QuestionFields.Explanation] = nameof(Explanation), [QuestionFields.Media] = nameof(MediaFile),
    };

    public async Task<IActionResult> OnGetAsync(int bankId, int? id, bool saved, CancellationToken ct)
    {
        if (await db.Set<QuestionBank>().FindAsync([bankId], ct) is not { } bank) return NotFound();
        Bank = bank;
        IsNew = id is null;
        Saved = saved;
        var question = id is null
            ? new Question { Text = "", Language = bank.Language, Options = ["", "", "", ""], CorrectOptions = [] }
            : await db.Set<Question>().FirstOrDefaultAsync(x => x.Id == id && x.BankId == bankId, ct);
        if (question is null) return NotFound();
        Load(question);
        Preview = question;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int bankId, int? id, CancellationToken ct)
    {
        if (await db.Set<QuestionBank>().FindAsync([bankId], ct) is not { } bank) return NotFound();
        Bank = bank;
        IsNew = id is null;
        var question = id is null
            ? new Question { Text = "", BankId = bankId, CreatedAt = time.GetUtcNow() }
            : await db.Set<Question>().FirstOrDefaultAsync(x => x.Id == id && x.BankId == bankId, ct);
        if (question is null) return NotFound();

        ModelState.ForgetUnreadableCheckboxes(f["Bind.Missing"], nameof(IgnoreCase), nameof(IgnoreDiacritics), nameof(IgnoreExtraSpaces), nameof(PartialCredit), nameof(RemoveMedia));
        // What could not even be read (letters in a number box, an unknown type) is reported by binding, translated.
        if (TimeLimitSeconds is null) Unless(nameof(TimeLimitSeconds), q["Edit.TimeRequired"]);
        if (Points is null) Unless(nameof(Points), q["Edit.PointsRequired"]);
        var (mediaKind, mediaUrl) = (question.MediaKind, question.MediaUrl);
        if (RemoveMedia) (mediaKind, mediaUrl) = (MediaKind.None, null);
        if (MediaFile is { Length: > 0 } file && ModelState.IsValid)
        {
            await using var stream = file.OpenReadStream();
            var (refusal, url, kind) = await media.SaveAsync(file.FileName, stream, file.Length, ct);
            switch (refusal)
            {
                case MediaStore.Refusal.TooBig: ModelState.AddModelError(nameof(MediaFile), q["Edit.MediaTooBig", Math.Round(file.Length / 1048576.0, 1), MediaLimitMb]); break;
                case MediaStore.Refusal.Type: ModelState.AddModelError(nameof(MediaFile), q["Edit.MediaType"]); break;
                case MediaStore.Refusal.Content: ModelState.AddModelError(nameof(MediaFile), q["Edit.MediaContent"]); break;
                default: (mediaKind, mediaUrl) = (kind, url); break;
            }
        }

        var input = new QuestionDto(question.Id, Type, Text ?? "", Options.Select(o => o ?? "").ToList(), Correct,
            (Accepted ?? "").Split('\n').Select(a => a.Trim()).Where(a => a.Length > 0).ToList(),
            IgnoreCase, IgnoreDiacritics, IgnoreExtraSpaces, PartialCredit, TimeLimitSeconds ?? question.TimeLimitSeconds, Points ?? question.Points, Difficulty,
            (Tags ?? "").Split(',', ';').ToList(), Language ?? "vi", Explanation ?? "", mediaKind, mediaUrl);
        input.ApplyTo(question);
        while (question.Options.Count > 0 && question.Options[^1].Length == 0) question.Options.RemoveAt(question.Options.Count - 1);
        if (question.Type == QuestionType.FillBlank) { question.Options = []; question.CorrectOptions = []; }
        if (question.Type == QuestionType.Ordering) question.CorrectOptions = [];
        if (question.Type == QuestionType.TrueFalse && question.Options.Count == 0) question.Options = question.Language == "en" ? ["True", "False"] : ["Đúng", "Sai"];
        if (question.Type != QuestionType.FillBlank) question.AcceptedAnswers = [];

        // Every problem at once; a field whose typed value could not be read keeps only that message.
        var unreadable = ModelState.Where(e => e.Value?.ValidationState == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid).Select(e => e.Key).ToHashSet();
        foreach (var (field, messages) in await BanksApi.ProblemsAsync(question, db, q, ct, (QuestionLimits?)HttpContext.RequestServices.GetService(typeof(QuestionLimits))))
        {
            var formField = FormField.GetValueOrDefault(field, "");
            if (unreadable.Contains(formField)) continue;
            foreach (var m in messages) ModelState.AddModelError(formField, m);
        }
        if (!ModelState.IsValid)
        {
            Errors.Add(f["Form.FixBelow"]);
            Preview = question;
            if (!IsNew) db.Entry(question).State = EntityState.Detached;
            return Page();
        }
        if (IsNew) db.Add(question);
        await db.SaveChangesAsync(ct);
        return RedirectToPage("Edit", new { bankId, id = question.Id, saved = true });
    }

    public string TypeName(QuestionType t) => q["Type." + t];

    private void Unless(string field, string message)
    {
        if (ModelState.GetFieldValidationState(field) != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid) ModelState.AddModelError(field, message);
    }

    private void Load(Question x)
    {
        Type = x.Type; Text = x.Text; Options = [.. x.Options]; Correct = [.. x.CorrectOptions]; Accepted = string.Join("\n", x.AcceptedAnswers);
        IgnoreCase = x.IgnoreCase; IgnoreDiacritics = x.IgnoreDiacritics; IgnoreExtraSpaces = x.IgnoreExtraSpaces; PartialCredit = x.PartialCredit; TimeLimitSeconds = x.TimeLimitSeconds;
        Points = x.Points; Difficulty = x.Difficulty; Tags = string.Join(", ", x.Tags); Language = x.Language; Explanation = x.Explanation;
    }
}
