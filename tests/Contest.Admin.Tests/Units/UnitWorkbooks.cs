using ClosedXML.Excel;
using Contest.Admin.Questions.Excel;
using Contest.Admin.Units.Excel;

namespace Contest.Admin.Tests.Units;

/// <summary>Unit workbooks built in code (no binary fixtures): the "Đơn vị" sheet and, when given, the "Đoàn viên" sheet.</summary>
internal static class UnitWorkbooks
{
    public static readonly DateOnly Today = new(2026, 3, 1);

    /// <summary>Unit rows: code, name, level, parent code, member count. Roster rows: unit code, unit name, full name, member id, date of birth.</summary>
    public static MemoryStream Book(string[][] units, string[][]? roster = null) => Questions.Workbooks.Build(wb =>
    {
        Sheet(wb, UnitColumns.UnitSheet, UnitColumns.UnitTemplate.Select(c => c.Title).ToArray(), units);
        if (roster is not null) Sheet(wb, UnitColumns.RosterSheet, UnitColumns.RosterTemplate.Select(c => c.Title).ToArray(), roster);
    });

    private static void Sheet(XLWorkbook wb, string name, string[] titles, string[][] rows)
    {
        var ws = wb.Worksheets.Add(name);
        for (var c = 0; c < titles.Length; c++) ws.Cell(1, c + 1).SetValue(titles[c]);
        for (var r = 0; r < rows.Length; r++)
            for (var c = 0; c < rows[r].Length; c++)
                if (rows[r][c].Length > 0) { ws.Cell(r + 2, c + 1).SetValue(rows[r][c]); ws.Cell(r + 2, c + 1).DataType = XLDataType.Text; }
    }

    /// <summary>A small province: the province, two district Unions, a grassroots Union and two chapters "Chi đoàn 1A" in different places.</summary>
    public static readonly string[][] Tree =
    [
        ["TINH", "Tỉnh đoàn Bình Phước", "Tỉnh đoàn", "", "0"],
        ["HD-BUDANG", "Huyện đoàn Bù Đăng", "Huyện đoàn", "TINH", "4200"],
        ["TD-DONGXOAI", "Thành đoàn Đồng Xoài", "Thành đoàn", "TINH", "3900"],
        ["XD-DUCLIEU", "Xã Đoàn Đức Liễu", "Đoàn cơ sở", "HD-BUDANG", "310"],
        ["CD-DUCLIEU-1A", "Chi đoàn 1A", "Chi đoàn", "XD-DUCLIEU", "28"],
        ["CD-DONGXOAI-1A", "Chi đoàn 1A", "Chi đoàn", "TD-DONGXOAI", "31"],
    ];

    public static readonly string[][] Roster =
    [
        ["CD-DUCLIEU-1A", "Chi đoàn 1A", "Nguyễn Văn An", "0123456", "26/3/2004"],
        ["CD-DUCLIEU-1A", "Chi đoàn 1A", "Trần Thị Bình", "", "2/11/2005"],
        ["CD-DONGXOAI-1A", "Chi đoàn 1A", "Lê Minh Châu", "DV-778", "15-06-2003"],
    ];

    public static (ParsedUnitWorkbook? Parsed, FileProblem? Refused) Read(Stream file, ImportLimits? limits = null, int maxRows = UnitSheetReader.DefaultMaxRows) =>
        new UnitSheetReader(limits ?? new ImportLimits(), maxRows).Read(file, Today);

    /// <summary>Reads and plans against what is stored (nothing, unless given).</summary>
    public static UnitImportReport Plan(Stream file, IReadOnlyList<ExistingUnit>? existing = null, IReadOnlyList<ExistingEntry>? entries = null)
    {
        var (parsed, refused) = Read(file);
        if (refused is not null) return UnitImportReport.Refused(refused);
        return UnitImportPlanner.Plan(parsed!, existing ?? [], entries ?? []);
    }
}
