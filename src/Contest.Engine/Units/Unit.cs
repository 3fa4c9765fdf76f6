namespace Contest.Engine.Units;

/// <summary>Levels of the Youth Union's organisation tree, top to bottom.</summary>
public enum UnitLevel
{
    Province = 0,
    District = 1,
    Grassroots = 2,
    Chapter = 3,
}

/// <summary>A node of the organisation tree (tỉnh đoàn → huyện đoàn → đoàn cơ sở → chi đoàn).</summary>
public sealed class Unit
{
    public int Id { get; set; }
    public required string Name { get; set; }

    /// <summary>
    /// The organisation's own code for the unit ("HD-BUDANG"): optional, unique when set, and the key an Excel
    /// re-import updates by. Stored as <see cref="CleanCode"/> gives it.
    /// </summary>
    public string? Code { get; set; }
    public UnitLevel Level { get; set; }
    public int? ParentId { get; set; }
    public Unit? Parent { get; set; }
    public List<Unit> Children { get; set; } = [];
    public List<RosterEntry> Roster { get; set; } = [];

    /// <summary>Registered members; participation rates are computed against it.</summary>
    public int MemberCount { get; set; }

    public const int NameMaxLength = 200;
    public const int CodeMaxLength = 40;

    /// <summary>Trimmed and upper-cased, so "hd-budang " and "HD-BUDANG" are one code; null when empty.</summary>
    public static string? CleanCode(string? code) => string.IsNullOrWhiteSpace(code) ? null : code.Trim().ToUpperInvariant();

    /// <summary>Letters A–Z, digits and . _ - only: a code is typed in Excel and in URLs, so no spaces or diacritics.</summary>
    public static bool IsValidCode(string code) =>
        code.Length is > 0 and <= CodeMaxLength && code.All(c => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '.' or '_' or '-');

    /// <summary>A unit may only sit under a unit of a higher level, and the province is the only root. Null when allowed.</summary>
    public static PlacementProblem? CheckPlacement(UnitLevel level, UnitLevel? parentLevel) => (level, parentLevel) switch
    {
        (UnitLevel.Province, null) => null,
        (UnitLevel.Province, _) => PlacementProblem.ProvinceUnderParent,
        (_, null) => PlacementProblem.OnlyProvinceAtTop,
        var (l, p) when l <= p => PlacementProblem.NotBelowParent,
        _ => null,
    };
}

/// <summary>Why a unit cannot go where it was put; the admin pages word each in the reader's language.</summary>
public enum PlacementProblem
{
    /// <summary>A province Union has no parent.</summary>
    ProvinceUnderParent,
    /// <summary>Only a province Union is a root of the tree.</summary>
    OnlyProvinceAtTop,
    /// <summary>The parent's level is not above the unit's own (a district under a chapter).</summary>
    NotBelowParent,
}
