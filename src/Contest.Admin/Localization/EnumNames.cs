using System.Globalization;
using System.Resources;
using Microsoft.Extensions.Localization;

namespace Contest.Admin.Localization;

/// <summary>Marker type for the enum display names (Enums.tsv → Enums.resx / Enums.en.resx).</summary>
public sealed class Enums;

/// <summary>
/// The words people see for enum values, in the request's language: <c>Names.Of(RoundStatus.Scheduled)</c> is
/// "Đã lên lịch" / "Scheduled". Keys are <c>EnumType.Value</c> in Enums.tsv. Pages inject this instead of
/// printing <c>value.ToString()</c>, which would show code names. Singleton: the localizer reads the culture per call.
/// </summary>
public sealed class EnumNames(IStringLocalizer<Enums> names)
{
    public string Of<T>(T value) where T : struct, Enum => names[Key(value)];

    /// <summary>For values held as strings, such as role names: <c>Of("Role", "Judge")</c>.</summary>
    public string Of(string type, string value) => names[type + "." + value];

    /// <summary>A counted phrase from Enums.tsv ("Count.Questions" → "1 question" / "2 questions"), see <see cref="Plural"/>.</summary>
    public string Count(string key, long n) => names.Count(key, n);

    /// <summary>Every defined value with its display name, in declaration order, for drop-downs and checkbox lists.</summary>
    public IReadOnlyList<(T Value, string Name)> All<T>() where T : struct, Enum => [.. Enum.GetValues<T>().Select(v => (v, Of(v)))];

    /// <summary>True when the value has a display name in the current language (tests use this to find gaps).</summary>
    public bool Has<T>(T value) where T : struct, Enum => !names[Key(value)].ResourceNotFound;

    public static string Key<T>(T value) where T : struct, Enum => typeof(T).Name + "." + value;

    private static readonly ResourceManager Resources = new(typeof(Enums).FullName!, typeof(Enums).Assembly);

    /// <summary>The name in a given language, for files written outside a request (Excel exports read as reports).</summary>
    public static string In<T>(string language, T value) where T : struct, Enum =>
        Resources.GetString(Key(value), CultureInfo.GetCultureInfo(language)) ?? value.ToString();

    /// <summary>"Vietnamese / English", for the bilingual headings and notes of exports.</summary>
    public static string Both<T>(T value) where T : struct, Enum => In("vi", value) + " / " + In("en", value);
}
