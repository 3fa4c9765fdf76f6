using System.Globalization;
using System.Text;
using Contest.Engine.Text;

namespace Contest.Engine.LiveGames;

/// <summary>What a nickname may be. Projected in a hall full of teenagers, so crude words are refused.</summary>
public static class NicknameRules
{
    public const int MaxLength = 20;

    // Whole words, compared with diacritics kept: stripping them would turn "lớn" (big), "các" (the)
    // and "buổi" (session) into insults. Unaccented chat spellings are listed on their own.
    private static readonly HashSet<string> Words =
    [
        "lồn", "cặc", "buồi", "đụ", "địt", "đĩ", "đéo", "dm", "đm", "dcm", "đcm", "vcl", "vkl", "clm", "cmm", "đmm", "dmm",
        "loz", "cak", "deo", "djt", "dit", "fuck", "fucker", "shit", "bitch", "cunt", "dick", "pussy", "nigger", "slut", "whore",
    ];

    private static readonly string[] Fragments = ["fuck", "shit", "bitch", "cunt", "nigg", "địt", "lồn", "cặc"];

    /// <summary>The nickname as stored (NFC, spaces collapsed) or an error.</summary>
    public static string Clean(string? nickname, out string? error)
    {
        var n = TextNormalizer.CollapseSpaces(TextNormalizer.Nfc(nickname ?? ""));
        error = n.Length switch
        {
            0 => "Enter a nickname.",
            > MaxLength => $"A nickname has at most {MaxLength} characters.",
            _ => null,
        };
        if (error is null && n.Any(c => char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.PrivateUse or UnicodeCategory.Surrogate))
            error = "A nickname may not contain control or invisible characters.";
        if (error is null && LooksOffensive(n)) error = "Choose another nickname.";
        return n;
    }

    /// <summary>Two nicknames clash when they read the same: case, diacritics and spaces ignored.</summary>
    public static string Key(string nickname) =>
        TextNormalizer.StripDiacritics(nickname).ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal);

    public static bool LooksOffensive(string nickname)
    {
        var lower = nickname.ToLowerInvariant();
        var word = new StringBuilder();
        foreach (var c in lower + " ")
        {
            if (char.IsLetterOrDigit(c)) { word.Append(c); continue; }
            if (word.Length > 0 && Words.Contains(word.ToString())) return true;
            word.Clear();
        }
        var squeezed = new string(lower.Where(char.IsLetter).ToArray());
        return Fragments.Any(f => squeezed.Contains(f, StringComparison.Ordinal));
    }
}
