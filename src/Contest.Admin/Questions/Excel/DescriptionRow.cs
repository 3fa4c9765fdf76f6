namespace Contest.Admin.Questions.Excel;

/// <summary>
/// Recognises a template's description row: the row right under the header that says what each column holds.
/// Quizizz's spreadsheet template has one ("Text of the question (required)", "Text for option 1 (required…)",
/// "Integer (1-5 for the correct option)", "Time in seconds (optional, default value is 30)", "Link of the
/// image (optional)"…); read as a question it gave four confusing problems.
/// </summary>
internal static class DescriptionRow
{
    // Starts of description texts, after QuestionColumns.Key-style folding (no diacritics, lower case, spaces collapsed).
    private static readonly string[] Starts =
    [
        "text of the question", "text for option", "text for answer", "text of the answer", "the correct option", "correct option",
        "integer", "time in seconds", "link of the image", "link to the image", "image link", "question type", "correct answer",
        "answer explanation", "explanation", "optional", "required",
        "noi dung cau hoi", "noi dung dap an", "dap an dung", "thoi gian", "duong dan",
    ];

    /// <summary>
    /// True when the question cell describes its column and so do at least half of the row's filled cells; a cell
    /// that repeats its column's title counts as describing it. A real question never reads "Text of the question".
    /// </summary>
    public static bool Is(Dictionary<int, string> cells, Dictionary<int, string> titles, Dictionary<int, QuestionColumn> columns)
    {
        var filled = cells.Where(c => c.Value.Length > 0).ToList();
        if (filled.Count < 2) return false;
        var textColumn = columns.FirstOrDefault(c => c.Value == QuestionColumn.Text).Key;
        if (!cells.TryGetValue(textColumn, out var text) || !Describes(text, titles[textColumn])) return false;
        return filled.Count(c => Describes(c.Value, titles[c.Key])) * 2 >= filled.Count;
    }

    private static bool Describes(string cell, string title)
    {
        var folded = Fold(cell);
        if (folded.Length == 0) return false;
        return folded == Fold(title) || Starts.Any(s => folded.StartsWith(s, StringComparison.Ordinal));
    }

    private static string Fold(string s) =>
        Engine.Text.TextNormalizer.CollapseSpaces(Engine.Text.TextNormalizer.StripDiacritics(s)).ToLowerInvariant().Trim();
}
