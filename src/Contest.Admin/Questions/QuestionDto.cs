using System.Text.Json.Serialization;
using Contest.Engine.Questions;
using Contest.Engine.Text;

namespace Contest.Admin.Questions;

public sealed record BankDto(int Id, string Name, string Language, string Description, int QuestionCount);

public sealed record BankInput(string Name, string? Language, string? Description);

/// <summary>A question as the API shows and takes it. Option indexes are zero-based.</summary>
public sealed record QuestionDto(
    int Id,
    [property: JsonConverter(typeof(JsonStringEnumConverter<QuestionType>))] QuestionType Type,
    string Text,
    List<string> Options,
    List<int> CorrectOptions,
    List<string> AcceptedAnswers,
    bool IgnoreCase,
    bool IgnoreDiacritics,
    bool IgnoreExtraSpaces,
    bool PartialCredit,
    int TimeLimitSeconds,
    int Points,
    [property: JsonConverter(typeof(JsonStringEnumConverter<Difficulty>))] Difficulty Difficulty,
    List<string> Tags,
    string Language,
    string Explanation,
    [property: JsonConverter(typeof(JsonStringEnumConverter<MediaKind>))] MediaKind MediaKind,
    string? MediaUrl)
{
    public static QuestionDto From(Question q) => new(q.Id, q.Type, q.Text, q.Options, q.CorrectOptions, q.AcceptedAnswers, q.IgnoreCase,
        q.IgnoreDiacritics, q.IgnoreExtraSpaces, q.PartialCredit, q.TimeLimitSeconds, q.Points, q.Difficulty, q.Tags, q.Language, q.Explanation, q.MediaKind, q.MediaUrl);

    /// <summary>Copies the editable fields onto a question, NFC-normalised so validation sees what will be stored.</summary>
    public void ApplyTo(Question q)
    {
        q.Type = Type;
        q.Text = TextNormalizer.Nfc((Text ?? "").Trim());
        q.Options = [.. (Options ?? []).Select(o => TextNormalizer.Nfc((o ?? "").Trim()))];
        q.CorrectOptions = [.. CorrectOptions ?? []];
        q.AcceptedAnswers = [.. (AcceptedAnswers ?? []).Select(a => TextNormalizer.Nfc((a ?? "").Trim()))];
        q.IgnoreCase = IgnoreCase;
        q.IgnoreDiacritics = IgnoreDiacritics;
        q.IgnoreExtraSpaces = IgnoreExtraSpaces;
        q.PartialCredit = PartialCredit;
        q.TimeLimitSeconds = TimeLimitSeconds;
        q.Points = Points;
        q.Difficulty = Difficulty;
        q.Tags = [.. (Tags ?? []).Select(t => TextNormalizer.Nfc((t ?? "").Trim())).Where(t => t.Length > 0).Distinct()];
        q.Language = string.IsNullOrWhiteSpace(Language) ? "vi" : Language;
        q.Explanation = TextNormalizer.Nfc((Explanation ?? "").Trim());
        q.MediaKind = MediaKind;
        q.MediaUrl = string.IsNullOrWhiteSpace(MediaUrl) ? null : MediaUrl.Trim();
    }
}

public sealed record ImportProblemDto(string Sheet, int Row, string Column, string ColumnTitle, string Code, string Message);

/// <summary>
/// The dry-run report (or, with confirm, what was saved); a file refused whole is a ProblemDetails instead
/// (BanksApi.FileRefused). <see cref="Ignored"/> lists header columns the import does not read.
/// </summary>
public sealed record ImportResultDto(string Layout, int GoodRows, int BadRows, int Saved, List<ImportProblemDto> Problems,
    List<Excel.IgnoredColumn>? Ignored = null);
