using Contest.Admin.Errors;
using Contest.Admin.Questions.Excel;
using Contest.Engine.Questions;
using Contest.Engine.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Contest.Admin.Questions;

/// <summary>
/// /api/banks: the admin pages' operations over HTTP, for the Admin and Organizer roles. Uploads are the raw
/// .xlsx body (Content-Type application/vnd.openxmlformats-officedocument.spreadsheetml.sheet): a cross-site
/// form cannot send that type, so cookie-authenticated callers need no antiforgery token.
/// </summary>
public static class BanksApi
{
    /// <summary>A question typed in the editor or sent to the API repeats one of its bank (the import has its own wording).</summary>
    public const string DuplicateOfQuestion = "duplicate-of-question";

    public static RouteGroupBuilder MapQuestionBanks(this WebApplication app)
    {
        app.MapGet(MediaStore.UrlPrefix + "{name}", (string name, MediaStore media) =>
                media.PathOf(name) is { } path
                    ? Results.File(path, QuestionRules.MediaKindOf(name) == MediaKind.Audio ? AudioType(name) : ImageType(name), enableRangeProcessing: true)
                    : Results.NotFound())
            .WithTags("Media").WithSummary("A question's uploaded image or audio (public: players' phones load it).");

        var api = app.MapGroup("/api/banks").RequireAuthorization(AdminRegistration.AdminOrOrganizerPolicy).WithTags("Question banks");

        api.MapGet("/", async (ContestDb db, CancellationToken ct) =>
            TypedResults.Ok(await db.Set<QuestionBank>().OrderBy(b => b.Name)
                .Select(b => new BankDto(b.Id, b.Name, b.Language, b.Description, b.Questions.Count)).ToListAsync(ct)))
            .WithSummary("All question banks with their question counts.");

        api.MapPost("/", async Task<Results<Created<BankDto>, ApiProblem>> (BankInput input, ContestDb db, TimeProvider time, IStringLocalizer<ErrorTexts> e, CancellationToken ct) =>
        {
            var errors = BankErrors(input, e);
            if (errors.Count > 0) return ApiProblem.Fields(errors);
            var bank = new QuestionBank { Name = input.Name.Trim(), Language = input.Language ?? "vi", Description = input.Description?.Trim() ?? "", CreatedAt = time.GetUtcNow() };
            db.Add(bank);
            await db.SaveChangesAsync(ct);
            return TypedResults.Created($"/api/banks/{bank.Id}", new BankDto(bank.Id, bank.Name, bank.Language, bank.Description, 0));
        }).WithSummary("Create a bank.");

        api.MapGet("/{bankId:int}/questions", async Task<Results<Ok<List<QuestionDto>>, NotFound>> (
            int bankId, string? search, QuestionType? type, string? tag, Difficulty? difficulty, ContestDb db, CancellationToken ct) =>
        {
            if (!await db.Set<QuestionBank>().AnyAsync(b => b.Id == bankId, ct)) return TypedResults.NotFound();
            var rows = await new QuestionQuery(search, type, tag, difficulty).Apply(db.Set<Question>().Where(q => q.BankId == bankId)).OrderBy(q => q.Id).ToListAsync(ct);
            return TypedResults.Ok(rows.Select(QuestionDto.From).ToList());
        }).WithSummary("A bank's questions, filtered by text, type, tag and difficulty. Includes the answers: staff only.");

        api.MapGet("/{bankId:int}/questions/{id:int}", async Task<Results<Ok<QuestionDto>, NotFound>> (int bankId, int id, ContestDb db, CancellationToken ct) =>
            await db.Set<Question>().FirstOrDefaultAsync(q => q.Id == id && q.BankId == bankId, ct) is { } q ? TypedResults.Ok(QuestionDto.From(q)) : TypedResults.NotFound())
            .WithSummary("One question.");

        api.MapPost("/{bankId:int}/questions", async Task<Results<Created<QuestionDto>, ApiProblem, NotFound>> (
            int bankId, QuestionDto input, ContestDb db, TimeProvider time, IStringLocalizer<QuestionsUi> t, QuestionLimits rules, CancellationToken ct) =>
        {
            if (!await db.Set<QuestionBank>().AnyAsync(b => b.Id == bankId, ct)) return TypedResults.NotFound();
            var q = new Question { Text = "", BankId = bankId, CreatedAt = time.GetUtcNow() };
            input.ApplyTo(q);
            if (await FieldErrorsAsync(q, db, t, ct, rules) is { Count: > 0 } errors) return ApiProblem.Fields(errors);
            db.Add(q);
            await db.SaveChangesAsync(ct);
            return TypedResults.Created($"/api/banks/{bankId}/questions/{q.Id}", QuestionDto.From(q));
        }).WithSummary("Create a question; every rule is checked, a duplicate of a question in the bank is refused.");

        api.MapPut("/{bankId:int}/questions/{id:int}", async Task<Results<Ok<QuestionDto>, ApiProblem, NotFound>> (
            int bankId, int id, QuestionDto input, ContestDb db, IStringLocalizer<QuestionsUi> t, QuestionLimits rules, CancellationToken ct) =>
        {
            var q = await db.Set<Question>().FirstOrDefaultAsync(x => x.Id == id && x.BankId == bankId, ct);
            if (q is null) return TypedResults.NotFound();
            input.ApplyTo(q);
            if (await FieldErrorsAsync(q, db, t, ct, rules) is { Count: > 0 } errors) return ApiProblem.Fields(errors);
            await db.SaveChangesAsync(ct);
            return TypedResults.Ok(QuestionDto.From(q));
        }).WithSummary("Replace a question's fields.");

        api.MapDelete("/{bankId:int}/questions/{id:int}", async Task<Results<NoContent, NotFound>> (int bankId, int id, ContestDb db, CancellationToken ct) =>
            await db.Set<Question>().Where(q => q.Id == id && q.BankId == bankId).ExecuteDeleteAsync(ct) == 1 ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithSummary("Delete a question.");

        api.MapPost("/{bankId:int}/import", async Task<Results<Ok<ImportResultDto>, ApiProblem, NotFound>> (
            int bankId, bool? confirm, HttpRequest request, ContestDb db, QuestionImporter importer, IStringLocalizer<QuestionsUi> t, CancellationToken ct) =>
        {
            var bank = await db.Set<QuestionBank>().FindAsync([bankId], ct);
            if (bank is null) return TypedResults.NotFound();
            var body = await ReadLimitedAsync(request.Body, importer.Limits.MaxBytes, ct);
            (ImportReport report, int saved) = body is null
                ? (ImportReport.Refused(new(FileProblem.TooBig, request.ContentLength ?? importer.Limits.MaxBytes + 1, importer.Limits.MaxBytes)), 0)
                : confirm == true ? await importer.ImportAsync(bank, body, ct: ct) : (await importer.DryRunAsync(bank, body, ct: ct), 0);
            var dto = ToDto(report, saved, t);
            return report.FileProblem is { } refused ? FileRefused(refused, t.Of(refused), dto) : TypedResults.Ok(dto);
        }).Accepts<Stream>(QuestionSheetWriter.ContentType)
          .WithSummary("Check an .xlsx (body) and report every bad row; with ?confirm=true also save the good rows. Without confirm nothing is saved.");

        api.MapGet("/{bankId:int}/export", async Task<Results<FileContentHttpResult, NotFound>> (int bankId, ContestDb db, IOptions<ImportLimits> limits, CancellationToken ct) =>
        {
            var bank = await db.Set<QuestionBank>().FindAsync([bankId], ct);
            if (bank is null) return TypedResults.NotFound();
            var questions = await db.Set<Question>().Where(q => q.BankId == bankId).OrderBy(q => q.Id).ToListAsync(ct);
            var ms = new MemoryStream();
            QuestionSheetWriter.WriteBank(ms, questions, limits.Value);
            return TypedResults.File(ms.ToArray(), QuestionSheetWriter.ContentType, FileName(bank.Name));
        }).WithSummary("The bank as an .xlsx in the import template's layout (formula-looking text is written as text).");

        api.MapGet("/template", (IOptions<ImportLimits> limits) =>
        {
            var ms = new MemoryStream();
            QuestionSheetWriter.WriteTemplate(ms, limits.Value);
            return TypedResults.File(ms.ToArray(), QuestionSheetWriter.ContentType, "mau-cau-hoi.xlsx");
        }).WithSummary("The empty import template with its instructions sheet and drop-downs.");

        return api;
    }

    public static string FileName(string bankName)
    {
        var safe = new string([.. Engine.Text.TextNormalizer.StripDiacritics(bankName).Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-')]);
        while (safe.Contains("--")) safe = safe.Replace("--", "-");
        return (safe.Trim('-') is { Length: > 0 } s ? s[..Math.Min(60, s.Length)] : "bank") + ".xlsx";
    }

    public static ImportResultDto ToDto(ImportReport report, int saved, IStringLocalizer<QuestionsUi> t) => new(
        report.Layout, report.Good.Count, report.BadRowCount, saved,
        [.. report.Problems.Select(p => new ImportProblemDto(p.Sheet, p.Row, p.Column, p.ColumnTitle.Length > 0 ? p.ColumnTitle : t.Of(p.Field), p.Code, t.Of(p)))],
        report.Ignored);

    /// <summary>
    /// A refused file as the one error shape: <c>code</c> "import-&lt;problem&gt;" (import-too-big, import-text-file…),
    /// <c>detail</c> what to do in the caller's language, and the report's counts with its (empty) <c>rows</c>.
    /// </summary>
    public static ApiProblem FileRefused(FileProblem refused, string detail, ImportResultDto report) =>
        new(Engine.Errors.ContestError.Invalid("import-" + Engine.Errors.CodeCase.Kebab(refused.Code), $"The file cannot be imported ({refused.Code}); nothing was saved.") with
        {
            Data = new Dictionary<string, object?>
            {
                ["layout"] = report.Layout, ["goodRows"] = report.GoodRows, ["badRows"] = report.BadRows, ["saved"] = report.Saved, ["rows"] = report.Problems,
            },
        }, detail: detail);

    /// <summary>The editor's problems of a question, for the API's <c>errors</c>: field, code and the words in the caller's language.</summary>
    public static async Task<List<FieldError>> FieldErrorsAsync(Question q, ContestDb db, IStringLocalizer<QuestionsUi> t, CancellationToken ct, QuestionLimits? rules = null) =>
        [.. (await ProblemListAsync(q, db, ct, rules)).Select(p => new FieldError(p.Field, p.Code, t.Of(p)))];

    /// <summary>The same problems keyed by field, for the editor page.</summary>
    public static async Task<Dictionary<string, string[]>> ProblemsAsync(Question q, ContestDb db, IStringLocalizer<QuestionsUi> t, CancellationToken ct, QuestionLimits? rules = null) =>
        (await ProblemListAsync(q, db, ct, rules)).GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(t.Of).ToArray());

    /// <summary>Rule problems plus a duplicate of another question of the same bank.</summary>
    private static async Task<List<QuestionProblem>> ProblemListAsync(Question q, ContestDb db, CancellationToken ct, QuestionLimits? rules)
    {
        var problems = QuestionRules.Validate(q, rules).ToList();
        if (problems.Count == 0)
        {
            var key = QuestionRules.DuplicateKey(q.Type, q.Text);
            var others = await db.Set<Question>().Where(x => x.BankId == q.BankId && x.Id != q.Id && x.Type == q.Type).Select(x => new { x.Id, x.Text }).ToListAsync(ct);
            if (others.FirstOrDefault(o => QuestionRules.DuplicateKey(q.Type, o.Text) == key) is { } dup)
            {
                // Named by its number and bank, so the editor can find the question it collides with.
                var bank = await db.Set<QuestionBank>().Where(b => b.Id == q.BankId).Select(b => b.Name).SingleOrDefaultAsync(ct) ?? "";
                problems.Add(new(QuestionFields.Text, DuplicateOfQuestion, dup.Id, bank));
            }
        }
        return problems;
    }

    private static List<FieldError> BankErrors(BankInput input, IStringLocalizer<ErrorTexts> e)
    {
        var errors = new List<FieldError>();
        void Add(string field, string code, params object[] args) => errors.Add(new(field, code, e[code, args]));
        if (string.IsNullOrWhiteSpace(input.Name)) Add("name", "bank-name-required");
        else if (input.Name.Trim().Length > MaxBankName) Add("name", "bank-name-long", input.Name.Trim().Length, MaxBankName);
        if (input.Language is not (null or "vi" or "en")) Add("language", "bank-language");
        return errors;
    }

    /// <summary>The longest bank name, as the bank form allows.</summary>
    public const int MaxBankName = 300;

    /// <summary>The body, or null when it is longer than the limit (read no further than that).</summary>
    private static async Task<MemoryStream?> ReadLimitedAsync(Stream body, long max, CancellationToken ct)
    {
        var ms = new MemoryStream();
        var buffer = new byte[81920];
        int n;
        while ((n = await body.ReadAsync(buffer, ct)) > 0)
        {
            ms.Write(buffer, 0, n);
            if (ms.Length > max) return null;
        }
        ms.Position = 0;
        return ms;
    }

    private static string ImageType(string name) => Path.GetExtension(name) switch { ".png" => "image/png", ".gif" => "image/gif", ".webp" => "image/webp", _ => "image/jpeg" };

    private static string AudioType(string name) => Path.GetExtension(name) switch { ".m4a" => "audio/mp4", ".ogg" => "audio/ogg", ".wav" => "audio/wav", _ => "audio/mpeg" };
}
