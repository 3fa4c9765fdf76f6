using Contest.Engine.Text;
using Contest.Engine.Units;

namespace Contest.Admin.Units.Excel;

/// <summary>The columns of the two sheets of a unit workbook. UI text: <c>Column.&lt;name&gt;</c> in UnitsUi.</summary>
public enum UnitColumn
{
    Code,
    Name,
    Level,
    ParentCode,
    MemberCount,
    RosterUnitCode,
    /// <summary>The unit's name beside its code on the roster sheet, for the reader's eye only; the code decides.</summary>
    RosterUnitName,
    FullName,
    MemberId,
    DateOfBirth,
}

/// <summary>Header titles and level words as organizers write them, matched without diacritics, case or spaces.</summary>
public static class UnitColumns
{
    public const string UnitSheet = "Đơn vị";
    public const string RosterSheet = "Đoàn viên";
    public const string InstructionsSheet = "Hướng dẫn";

    /// <summary>The unit sheet's titles in the order the template and the export write them.</summary>
    public static readonly (UnitColumn Column, string Title)[] UnitTemplate =
    [
        (UnitColumn.Code, "Mã đơn vị"),
        (UnitColumn.Name, "Tên đơn vị"),
        (UnitColumn.Level, "Cấp"),
        (UnitColumn.ParentCode, "Mã đơn vị cấp trên"),
        (UnitColumn.MemberCount, "Số đoàn viên"),
    ];

    public static readonly (UnitColumn Column, string Title)[] RosterTemplate =
    [
        (UnitColumn.RosterUnitCode, "Mã đơn vị"),
        (UnitColumn.RosterUnitName, "Tên đơn vị"),
        (UnitColumn.FullName, "Họ và tên"),
        (UnitColumn.MemberId, "Số thẻ đoàn viên"),
        (UnitColumn.DateOfBirth, "Ngày sinh"),
    ];

    private static readonly Dictionary<string, UnitColumn> UnitTitles = Keys(
        (UnitColumn.Code, ["Mã đơn vị", "Mã", "Mã ĐV", "Code", "Unit code"]),
        (UnitColumn.Name, ["Tên đơn vị", "Tên", "Đơn vị", "Name", "Unit name", "Unit"]),
        (UnitColumn.Level, ["Cấp", "Cấp đơn vị", "Level"]),
        (UnitColumn.ParentCode, ["Mã đơn vị cấp trên", "Mã cấp trên", "Cấp trên", "Trực thuộc", "Parent code", "Parent"]),
        (UnitColumn.MemberCount, ["Số đoàn viên", "Số lượng đoàn viên", "Số ĐV", "Đoàn viên", "Members", "Member count"]));

    private static readonly Dictionary<string, UnitColumn> RosterTitles = Keys(
        (UnitColumn.RosterUnitCode, ["Mã đơn vị", "Mã chi đoàn", "Unit code"]),
        (UnitColumn.RosterUnitName, ["Tên đơn vị", "Đơn vị", "Chi đoàn", "Unit name", "Unit"]),
        (UnitColumn.FullName, ["Họ và tên", "Họ tên", "Full name"]),
        (UnitColumn.MemberId, ["Số thẻ đoàn viên", "Số thẻ", "Mã đoàn viên", "Mã số đoàn viên", "Member id", "Member number"]),
        (UnitColumn.DateOfBirth, ["Ngày sinh", "Ngày tháng năm sinh", "Date of birth", "Birth date", "DOB"]));

    /// <summary>Level words: the names the pages show, their English names, and the other names a level's Union goes by.</summary>
    private static readonly Dictionary<string, UnitLevel> LevelWords = Keys(
        (UnitLevel.Province, ["Tỉnh đoàn", "Tỉnh", "Cấp tỉnh", "Province", "Province Union"]),
        (UnitLevel.District, ["Huyện đoàn", "Thành đoàn", "Thị đoàn", "Quận đoàn", "Đoàn khối", "Huyện", "Cấp huyện", "District", "District Union"]),
        (UnitLevel.Grassroots, ["Đoàn cơ sở", "Cơ sở", "Cấp cơ sở", "Đoàn xã", "Đoàn phường", "Đoàn thị trấn", "Grassroots", "Grassroots Union"]),
        (UnitLevel.Chapter, ["Chi đoàn", "Chapter"]));

    /// <summary>The word the template and export write for a level (the Vietnamese page name).</summary>
    public static readonly Dictionary<UnitLevel, string> LevelNames = new()
    {
        [UnitLevel.Province] = "Tỉnh đoàn",
        [UnitLevel.District] = "Huyện đoàn",
        [UnitLevel.Grassroots] = "Đoàn cơ sở",
        [UnitLevel.Chapter] = "Chi đoàn",
    };

    public static UnitColumn? MatchUnit(string title) => UnitTitles.TryGetValue(Key(title), out var c) ? c : null;

    public static UnitColumn? MatchRoster(string title) => RosterTitles.TryGetValue(Key(title), out var c) ? c : null;

    public static UnitLevel? Level(string word) => LevelWords.TryGetValue(Key(word), out var l) ? l : null;

    /// <summary>"Mã đơn vị *" and "mã  đơn vị:" are the same title.</summary>
    public static string Key(string title) => PersonName.MatchKey(title.Trim().TrimEnd('*', ':', ' '));

    private static Dictionary<string, T> Keys<T>(params (T Value, string[] Words)[] groups) where T : notnull
    {
        var map = new Dictionary<string, T>();
        foreach (var (value, words) in groups)
            foreach (var w in words) map.TryAdd(Key(w), value);
        return map;
    }
}
