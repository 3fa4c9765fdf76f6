namespace Contest.Engine.Text;

/// <summary>
/// The key two spellings of one person's name share: "Nguyễn Văn  An", "nguyen van an" and a decomposed
/// "Nguyễn Văn An" typed on another keyboard all give "nguyen van an". Roster matching compares these keys.
/// </summary>
public static class PersonName
{
    public const int MaxLength = 200;

    /// <summary>Diacritics removed (đ → d), case folded, whitespace collapsed.</summary>
    public static string MatchKey(string? fullName) =>
        TextNormalizer.CollapseSpaces(TextNormalizer.StripDiacritics(TextNormalizer.Nfc(fullName ?? ""))).ToLowerInvariant();
}
