using Contest.Admin.Questions;
using Contest.Engine.Questions;
using Contest.Engine.Storage;
using Contest.Engine.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Contest.Admin.Areas.Admin.Pages.Banks;

public sealed class IndexModel(ContestDb db, TimeProvider time, IStringLocalizer<QuestionsUi> q) : PageModel
{
    public List<BankDto> Banks { get; private set; } = [];

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Language { get; set; } = "vi";
    [BindProperty] public string? Description { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var name = TextNormalizer.CollapseSpaces(TextNormalizer.Nfc(Name ?? ""));
        var description = TextNormalizer.Nfc((Description ?? "").Trim());
        if (name.Length == 0) ModelState.AddModelError(nameof(Name), q["Banks.NameRequired"]);
        else if (name.Length > 300) ModelState.AddModelError(nameof(Name), q["Problem." + Engine.Questions.ProblemCodes.TooLong, name.Length, 300]);
        if (Language is not ("vi" or "en")) ModelState.AddModelError(nameof(Language), q["Banks.LanguageUnknown"]);
        if (description.Length > 2000) ModelState.AddModelError(nameof(Description), q["Banks.DescriptionTooLong", description.Length, 2000]);
        if (!ModelState.IsValid) { await LoadAsync(ct); return Page(); }
        var bank = new QuestionBank { Name = name, Language = Language!, Description = description, CreatedAt = time.GetUtcNow() };
        db.Add(bank);
        await db.SaveChangesAsync(ct);
        return RedirectToPage("Bank", new { id = bank.Id });
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Banks = await db.Set<QuestionBank>().OrderBy(b => b.Name).Select(b => new BankDto(b.Id, b.Name, b.Language, b.Description, b.Questions.Count)).ToListAsync(ct);
}
