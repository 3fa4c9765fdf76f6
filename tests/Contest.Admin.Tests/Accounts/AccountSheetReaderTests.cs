using System.Globalization;
using System.Text;
using ClosedXML.Excel;
using Contest.Admin.Accounts;
using Contest.Admin.Questions.Excel;
using Contest.Engine.Accounts;
using Contest.Engine.Units;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using static Contest.Admin.Tests.Questions.Workbooks;

namespace Contest.Admin.Tests.Accounts;

/// <summary>The bulk account sheet: files refused whole, and every problem of every bad row (sheet, row, column, why).</summary>
public class AccountSheetReaderTests
{
    private static readonly string[] Header = ["Họ và tên", "Tên đăng nhập", "Email", "Vai trò", "Đơn vị (mã hoặc đường dẫn)"];

    // Two chapters named "Chi đoàn 1A": one under a commune Union, one under a school's.
    private static readonly Unit[] Units =
    [
        new() { Id = 1, Name = "Tỉnh Đoàn Bình Phước", Level = UnitLevel.Province },
        new() { Id = 2, Name = "Huyện Đoàn Bù Đăng", Level = UnitLevel.District, ParentId = 1 },
        new() { Id = 3, Name = "Xã Đoàn Đức Liễu", Level = UnitLevel.Grassroots, ParentId = 2 },
        new() { Id = 4, Name = "Chi đoàn 1A", Level = UnitLevel.Chapter, ParentId = 3 },
        new() { Id = 5, Name = "Đoàn trường THPT Bù Đăng", Level = UnitLevel.Grassroots, ParentId = 2 },
        new() { Id = 6, Name = "Chi đoàn 1A", Level = UnitLevel.Chapter, ParentId = 5 },
    ];

    private static IStringLocalizer<AccountsUi> Localizer()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("vi");
        return new ServiceCollection().AddLogging().AddLocalization().BuildServiceProvider().GetRequiredService<IStringLocalizer<AccountsUi>>();
    }

    private static AccountImport Read(byte[] file, params string[] taken) =>
        new AccountSheetReader(Localizer(), new ImportLimits(), taken.Select(n => n.ToUpperInvariant()).ToHashSet(), new UnitPaths(Units),
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@+").Read(file);

    private static byte[] Sheet(params string[][] rows) => Build(wb =>
    {
        var ws = wb.Worksheets.Add("Tài khoản");
        for (var c = 0; c < Header.Length; c++) ws.Cell(1, c + 1).SetValue(Header[c]);
        for (var r = 0; r < rows.Length; r++)
            for (var c = 0; c < rows[r].Length; c++)
                if (rows[r][c].Length > 0) { ws.Cell(r + 2, c + 1).SetValue(rows[r][c]); ws.Cell(r + 2, c + 1).DataType = XLDataType.Text; }
    }).ToArray();

    [Fact]
    public void Good_rows_read_with_roles_in_either_language_and_units_by_path_or_unique_name()
    {
        var report = Read(Sheet(
            ["Nguyễn Văn An", "an.nguyen", "an@example.org", "Giám khảo", ""],
            ["Trần Thị Bình", "binh", "", "ban to chuc", "Huyện Đoàn Bù Đăng"],
            ["Lê Chí", "chi", "", "Organizer", "Xã Đoàn Đức Liễu › Chi đoàn 1A"],
            ["Phạm Dũng", "dung", "", "judge", "Đoàn trường THPT Bù Đăng > chi đoàn 1a"]));
        Assert.Empty(report.Problems);
        Assert.Equal(
            [("an.nguyen", Roles.Judge, (int?)null, "an@example.org"), ("binh", Roles.Organizer, 2, null), ("chi", Roles.Organizer, 4, null), ("dung", Roles.Judge, 6, null)],
            report.Good.Select(g => (g.UserName, g.Role, g.UnitId, g.Email)).ToArray());
        Assert.Equal("Tỉnh Đoàn Bình Phước › Huyện Đoàn Bù Đăng › Xã Đoàn Đức Liễu › Chi đoàn 1A", report.Good[2].UnitPath);
        Assert.Equal((2, "Tài khoản"), (report.Good[0].Row, report.Good[0].Sheet));
    }

    [Fact]
    public void Every_problem_of_every_bad_row_is_reported_with_sheet_row_column_and_reason()
    {
        var report = Read(Sheet(
            ["Nguyễn Văn An", "an.nguyen", "", "Giám khảo", ""],
            ["", "", "khong-phai-email", "", ""],
            ["Trần Bình", "trần bình", "binh@example", "Quản trị viên", "Chi đoàn 1A"],
            ["Lê Chí", "AN.NGUYEN", "", "Thư ký", "Huyện Đoàn Không Có"],
            ["Phạm Dũng", "admin", "", "Giám khảo", ""],
            ["Võ Em", new string('e', 101), "", "Giám khảo", ""]), "admin");
        Assert.Equal(["an.nguyen"], report.Good.Select(g => g.UserName));
        Assert.Equal(5, report.BadRowCount);
        string[] expected =
        [
            "3 A Họ và tên: Bắt buộc, đang để trống.",
            "3 B Tên đăng nhập: Bắt buộc, đang để trống.",
            "3 C Email: Email “khong-phai-email” không hợp lệ.",
            "3 D Vai trò: Bắt buộc, đang để trống.",
            "4 B Tên đăng nhập: Chỉ dùng chữ cái không dấu, chữ số và các ký tự - . _ @ + (không có dấu cách): “trần bình”.",
            "4 C Email: Email “binh@example” không hợp lệ.",
            "4 D Vai trò: Vai trò “Quản trị viên” không tạo hàng loạt được: tạo quản trị viên từng người một trên trang Tài khoản.",
            "4 E Đơn vị (mã hoặc đường dẫn): “Chi đoàn 1A” khớp 2 đơn vị: Tỉnh Đoàn Bình Phước › Huyện Đoàn Bù Đăng › Đoàn trường THPT Bù Đăng › Chi đoàn 1A; "
                + "Tỉnh Đoàn Bình Phước › Huyện Đoàn Bù Đăng › Xã Đoàn Đức Liễu › Chi đoàn 1A. Hãy ghi thêm cấp trên, ví dụ “Đoàn trường THPT Bù Đăng › Chi đoàn 1A”.",
            "5 B Tên đăng nhập: Tên đăng nhập “AN.NGUYEN” đã có ở dòng 2 của tệp.",
            "5 D Vai trò: Vai trò “Thư ký” không có; chỉ nhận Giám khảo hoặc Ban tổ chức.",
            "5 E Đơn vị (mã hoặc đường dẫn): Không có đơn vị “Huyện Đoàn Không Có”. Ghi tên như trên trang Đơn vị, các cấp cách nhau bằng ›.",
            "6 B Tên đăng nhập: Tên đăng nhập “admin” đã có người dùng.",
            "7 B Tên đăng nhập: Quá dài: 101 ký tự, tối đa 100.",
        ];
        Assert.Equal(expected, report.Problems.Select(p => $"{p.Row} {p.Column} {p.Title}: {p.Message}").ToArray());
        Assert.All(report.Problems, p => Assert.Equal("Tài khoản", p.Sheet));
    }

    [Fact]
    public void Files_that_cannot_be_used_are_refused_whole_with_the_reason()
    {
        string Code(byte[] file) => (Read(file).Refused ?? throw new Xunit.Sdk.XunitException("not refused")).Code;

        Assert.Equal(FileProblem.TextFile, Code(Encoding.UTF8.GetBytes("Họ tên,Tên đăng nhập,Vai trò\nAn,an,Giám khảo\n")));
        var ole = new byte[4096];
        new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(ole, 0);
        Assert.Equal(FileProblem.OldXls, Code(ole));
        var whole = Sheet(["An", "an", "", "Giám khảo", ""]);
        Assert.Equal(FileProblem.Corrupt, Code(whole[..(whole.Length / 2)]));
        Assert.Equal(AccountSheetReader.NoAccounts, Code(Sheet()));

        // No user name column anywhere in the first rows: no header.
        Assert.Equal(FileProblem.NoHeader, Code(Build(wb => wb.Worksheets.Add("Trang 1").Cell(1, 1).SetValue("Danh sách giám khảo")).ToArray()));
        // A header without the role column.
        var noRole = Read(Build(wb =>
        {
            var ws = wb.Worksheets.Add("DS");
            ws.Cell(1, 1).SetValue("Họ tên"); ws.Cell(1, 2).SetValue("Tên đăng nhập");
            ws.Cell(2, 1).SetValue("An"); ws.Cell(2, 2).SetValue("an");
        }).ToArray()).Refused!;
        Assert.Equal((FileProblem.MissingColumns, "DS", "Vai trò"), (noRole.Code, (string)noRole.Args[0], (string)noRole.Args[1]));
        // Rows nobody sees in Excel do not slip in.
        var hidden = Read(Build(wb =>
        {
            var ws = wb.Worksheets.Add("An");
            ws.Cell(1, 1).SetValue("x");
            ws.Hide();
            wb.Worksheets.Add("Hiện").Cell(1, 1).SetValue("y");
        }).ToArray()).Refused!;
        Assert.Equal((FileProblem.HiddenSheet, "An"), (hidden.Code, (string)hidden.Args[0]));
        var merged = Read(Build(wb =>
        {
            var ws = wb.Worksheets.Add("Gộp");
            for (var c = 0; c < Header.Length; c++) ws.Cell(1, c + 1).SetValue(Header[c]);
            ws.Cell(2, 1).SetValue("An"); ws.Range("A2:B2").Merge();
        }).ToArray()).Refused!;
        Assert.Equal((FileProblem.MergedCells, "Gộp", "A2:B2"), (merged.Code, (string)merged.Args[0], (string)merged.Args[1]));
        var many = Sheet([.. Enumerable.Range(1, AccountSheet.MaxRows + 1).Select(i => new[] { $"Người {i}", $"u{i}", "", "Giám khảo", "" })]);
        var tooMany = Read(many).Refused!;
        Assert.Equal((FileProblem.TooManyRows, 501, 500), (tooMany.Code, (int)tooMany.Args[0], (int)tooMany.Args[1]));
    }

    [Fact]
    public void The_template_is_recognised_and_empty_and_the_password_sheet_keeps_every_cell_as_text()
    {
        var names = new Contest.Admin.Localization.EnumNames(new ServiceCollection().AddLogging().AddLocalization().BuildServiceProvider()
            .GetRequiredService<IStringLocalizer<Contest.Admin.Localization.Enums>>());
        var t = Localizer();
        Assert.Equal(AccountSheetReader.NoAccounts, Read(AccountWorkbooks.Template(t, names)).Refused!.Code);

        var expires = new DateTimeOffset(2026, 3, 1, 1, 30, 0, TimeSpan.Zero);
        var row = new AccountRow("Tài khoản", 2, "=HYPERLINK(\"http://x\",\"An\")", "an", null, Roles.Judge, 4, "Tỉnh Đoàn Bình Phước › Chi đoàn 1A");
        var bytes = AccountWorkbooks.Passwords(t, names, [new(row, "-3aBcdefghij", expires)]);
        using var wb = new XLWorkbook(new MemoryStream(bytes));
        var ws = wb.Worksheet(1);
        Assert.Equal(["Họ tên", "Tên đăng nhập", "Mật khẩu tạm", "Vai trò", "Đơn vị", "Hết hạn lúc (giờ Việt Nam)"], Enumerable.Range(1, 6).Select(c => ws.Cell(2, c).GetString()));
        Assert.Equal(["=HYPERLINK(\"http://x\",\"An\")", "an", "-3aBcdefghij", "Giám khảo", "Tỉnh Đoàn Bình Phước › Chi đoàn 1A", "01/03/2026 08:30"],
            Enumerable.Range(1, 6).Select(c => ws.Cell(3, c).GetString()));
        for (var c = 1; c <= 6; c++)
        {
            Assert.False(ws.Cell(3, c).HasFormula);
            Assert.Equal(XLDataType.Text, ws.Cell(3, c).DataType);
        }
        // A cell starting with = or - also carries Excel's quote prefix, so editing it in Excel keeps it text.
        Assert.True(ws.Cell(3, 1).Style.IncludeQuotePrefix);
        Assert.True(ws.Cell(3, 3).Style.IncludeQuotePrefix);
    }
}
