using Contest.Admin.Units.Excel;
using Contest.Engine.Units;
using static Contest.Admin.Tests.Units.UnitWorkbooks;

namespace Contest.Admin.Tests.Units;

/// <summary>Bad rows of a unit workbook: every problem of every row, with its sheet, row, column and reason; good rows still plan.</summary>
public class UnitRowProblemTests
{
    private static List<(string Sheet, int Row, string Column, string Code, string Args)> Problems(UnitImportReport report) =>
        [.. report.Problems.Select(p => (p.Sheet, p.Row, p.Column, p.Code, string.Join("|", p.Args.Select(a => $"{a}"))))];

    [Fact]
    public void Every_bad_row_is_reported_with_sheet_row_column_and_reason()
    {
        string[][] units =
        [
            ["TINH", "Tỉnh đoàn Bình Phước", "Tỉnh đoàn", "", "0"],
            ["", "Huyện đoàn Không Mã", "Huyện đoàn", "TINH", "10"],
            ["HD BAD", "Huyện đoàn X", "Huyện", "TINH", "12,5"],
            ["HD-A", "Huyện đoàn A", "Cấp quận", "TINH", "5"],
            ["HD-B", "Huyện đoàn B", "Huyện đoàn", "KHONGCO", "5"],
            ["CD-X", "Chi đoàn X", "Chi đoàn", "HD-A", "3"],
            ["HD-C", "Huyện đoàn C", "Huyện đoàn", "", "1"],
            ["HD-D", "Huyện đoàn D", "Huyện đoàn", "CD-Y", "1"],
            ["cd-y", "Chi đoàn Y", "Chi đoàn", "tinh", "1.250"],
            ["TINH", "Tỉnh đoàn trùng", "Tỉnh đoàn", "", ""],
            ["HD-E", "Huyện đoàn E", "huyen doan", "TINH", ""],
            ["HD-F", "Huyện đoàn E", "Huyện đoàn", "TINH", ""],
        ];
        string[][] roster =
        [
            ["CD-Y", "", "Nguyễn Văn An", "", "31/2/2004"],
            ["CD-Y", "", "", "", "1/1/2004"],
            ["CD-Y", "", "Trần Thị Bình", "", "2/3/2030"],
            ["KHONGCO", "", "Lê Văn Cường", "", "1/1/2000"],
            ["HD-A", "", "Phạm Thị Dung", "", "1/1/2000"],
            ["CD-Y", "", "Võ Văn Em", "DV1", "1/1/2000"],
            ["CD-Y", "", "Võ Văn Em Khác", "dv 1", "1/1/2001"],
            ["CD-Y", "", "VÕ VĂN  EM", "", "1/1/2000"],
            ["CD-Y", "", "Hồ Thị Phương", "", "2004-05-06"],
        ];
        var report = Plan(Book(units, roster));
        Assert.Null(report.FileProblem);
        Assert.Equal(
        [
            ("Đơn vị", 3, "A", UnitProblems.Required, ""),
            ("Đơn vị", 4, "A", UnitProblems.BadCode, "HD BAD"),
            ("Đơn vị", 4, "E", UnitProblems.BadCount, "12,5"),
            ("Đơn vị", 5, "C", UnitProblems.UnknownLevel, "Cấp quận"),
            ("Đơn vị", 6, "D", UnitProblems.UnknownParent, "KHONGCO"),
            ("Đơn vị", 7, "D", UnitProblems.ParentRowBad, "HD-A|Đơn vị|5"),
            ("Đơn vị", 8, "D", UnitProblems.OnlyProvinceAtTop, "District"),
            ("Đơn vị", 9, "C", UnitProblems.NotBelowParent, "District|Chapter"),
            ("Đơn vị", 11, "A", UnitProblems.DuplicateInFile, "Đơn vị|2"),
            ("Đơn vị", 13, "B", UnitProblems.DuplicateName, "Đơn vị|12"),
            ("Đoàn viên", 2, "E", UnitProblems.BadDate, "31/2/2004"),
            ("Đoàn viên", 3, "C", UnitProblems.Required, ""),
            ("Đoàn viên", 4, "E", UnitProblems.DateOutOfRange, "2/3/2030"),
            ("Đoàn viên", 5, "A", UnitProblems.UnknownUnit, "KHONGCO"),
            ("Đoàn viên", 6, "A", UnitProblems.ParentRowBad, "HD-A|Đơn vị|5"),
            ("Đoàn viên", 8, "D", UnitProblems.DuplicateMemberId, "Đoàn viên|7"),
            ("Đoàn viên", 9, "C", UnitProblems.DuplicatePerson, "Đoàn viên|7"),
        ], Problems(report));
        // Codes are upper-cased ("cd-y" is CD-Y), "1.250" is 1250 members, "huyen doan" is a level word without its marks.
        Assert.Equal(
        [
            (UnitChangeKind.Added, "TINH", UnitLevel.Province),
            (UnitChangeKind.Added, "HD-E", UnitLevel.District),
            (UnitChangeKind.Added, "CD-Y", UnitLevel.Chapter),
        ], report.Units.Select(u => (u.Kind, u.Code, u.Level)));
        Assert.Equal(1250, report.Plan!.Units.Single(u => u.Row.Code == "CD-Y").Row.MemberCount);
        Assert.Equal(["Võ Văn Em", "Hồ Thị Phương"], report.Plan.RosterAdds.Select(a => a.Row.FullName));
        Assert.Equal([new DateOnly(2000, 1, 1), new DateOnly(2004, 5, 6)], report.Plan.RosterAdds.Select(a => a.Row.DateOfBirth));
        Assert.Equal(16, report.BadRowCount);
    }

    [Fact]
    public void The_tree_as_it_would_end_up_is_checked_against_the_units_already_stored()
    {
        ExistingUnit[] existing =
        [
            new(1, "TINH", "Tỉnh đoàn Bình Phước", UnitLevel.Province, null, 0),
            new(2, null, "Huyện đoàn Bù Đăng", UnitLevel.District, 1, 100),
            new(3, "XD-DUCLIEU", "Xã Đoàn Đức Liễu", UnitLevel.Grassroots, 2, 300),
            new(4, "CD-1A", "Chi đoàn 1A", UnitLevel.Chapter, 3, 30),
            new(5, "TD-DX", "Thành đoàn Đồng Xoài", UnitLevel.District, 1, 900),
        ];
        string[][] units =
        [
            ["TINH", "Tỉnh đoàn Bình Phước", "Tỉnh đoàn", "", "0"],
            ["HD-BUDANG", "Huyện đoàn Bù Đăng", "Huyện đoàn", "TINH", "4200"],
            ["XD-DUCLIEU", "Xã Đoàn Đức Liễu", "Chi đoàn", "HD-BUDANG", "310"],
            ["HD-NEW", "Huyện đoàn Bù Đăng", "Huyện đoàn", "TINH", "1"],
            ["TD-KHAC", "Thành đoàn Đồng Xoài", "Thành đoàn", "TINH", ""],
        ];
        var report = Plan(Book(units), existing);
        Assert.Equal(
        [
            ("Đơn vị", 4, "C", UnitProblems.ChildDoesNotFit, "Chi đoàn 1A|Chapter"),
            ("Đơn vị", 5, "B", UnitProblems.DuplicateName, "Đơn vị|3"),
            ("Đơn vị", 6, "B", UnitProblems.NameTaken, "Thành đoàn Đồng Xoài|Tỉnh đoàn Bình Phước"),
        ], Problems(report));
        // The district added by hand (no code) is adopted by its name and parent: it gets the code, not a twin.
        Assert.Equal(
        [
            (UnitChangeKind.Unchanged, "TINH", ""),
            (UnitChangeKind.Changed, "HD-BUDANG", "Code,MemberCount"),
        ], report.Units.Select(u => (u.Kind, u.Code, string.Join(",", u.Fields))));
        Assert.Equal(2, report.Plan!.Units[1].ExistingId);
        Assert.Equal(3, report.UnitsNotInFile);
    }

    [Fact]
    public void A_roster_replaces_the_listed_units_rosters_but_keeps_people_while_a_row_of_that_unit_is_bad()
    {
        ExistingUnit[] existing =
        [
            new(1, "TINH", "Tỉnh đoàn", UnitLevel.Province, null, 0),
            new(2, "CD-A", "Chi đoàn A", UnitLevel.Chapter, 1, 3),
            new(3, "CD-B", "Chi đoàn B", UnitLevel.Chapter, 1, 2),
        ];
        ExistingEntry[] entries =
        [
            new(10, 2, "Nguyễn Văn An", "nguyen van an", "DV1", new(2004, 3, 26)),
            new(11, 2, "Tran Thi Binh", "tran thi binh", null, new(2005, 11, 2)),
            new(12, 2, "Lê Văn Cũ", "le van cu", null, new(2001, 1, 1)),
            new(20, 3, "Đỗ Thị Dung", "do thi dung", null, new(2002, 2, 2)),
        ];
        string[][] roster =
        [
            ["CD-A", "", "Nguyễn Văn An", "DV1", "26/3/2004"],
            ["CD-A", "", "Trần Thị Bình", "", "2/11/2005"],
            ["CD-A", "", "Phan Văn Mới", "DV9", "9/9/2006"],
            ["CD-B", "", "Đỗ Thị Dung", "", "ngày 2 tháng 2"],
        ];
        var report = Plan(Book([], roster), existing, entries);
        // CD-A: An unchanged; Bình matched by name without marks and date, so her name is corrected; Mới added; Cũ removed.
        // CD-B: its only row is bad, so Dung stays.
        Assert.Equal((1, 1, 1, 1), (report.RosterAdded, report.RosterChanged, report.RosterRemoved, report.RosterUnchanged));
        Assert.Equal([12], report.Plan!.RosterRemovals);
        Assert.Equal([(11, "Trần Thị Bình")], report.Plan.RosterUpdates.Select(u => (u.EntryId, u.Row.FullName)));
        Assert.Equal([("Đoàn viên", 5, "E", UnitProblems.BadDate, "ngày 2 tháng 2")], Problems(report));
    }
}
