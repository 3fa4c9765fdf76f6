using ClosedXML.Excel;
using Contest.Admin.Excel;
using Contest.Admin.Questions.Excel;
using Contest.Engine.Units;

namespace Contest.Admin.Units.Excel;

/// <summary>A roster entry as the export writes it.</summary>
public sealed record RosterLine(string UnitCode, string UnitName, string FullName, string? MemberId, DateOnly DateOfBirth);

/// <summary>
/// Writes the unit workbook: the export of the tree (and rosters) and the template with an example. Both use the
/// import's sheets and titles, so an export imports back with no changes.
/// </summary>
public static class UnitWorkbookWriter
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Units in tree order (each parent, then its children by name), so the sheet reads like the tree.</summary>
    public static void WriteUnits(Stream output, IReadOnlyList<Unit> units, IReadOnlyList<RosterLine> roster, int maxRows = UnitSheetReader.DefaultMaxRows)
    {
        var byId = units.ToDictionary(u => u.Id);
        var children = units.Where(u => u.ParentId is not null).GroupBy(u => u.ParentId!.Value).ToDictionary(g => g.Key, g => g.OrderBy(u => u.Name, StringComparer.Ordinal).ToList());
        var ordered = new List<Unit>();
        void Walk(Unit u)
        {
            ordered.Add(u);
            foreach (var c in children.GetValueOrDefault(u.Id) ?? []) Walk(c);
        }
        foreach (var root in units.Where(u => u.ParentId is null || !byId.ContainsKey(u.ParentId.Value)).OrderBy(u => u.Level).ThenBy(u => u.Name, StringComparer.Ordinal)) Walk(root);
        var rows = ordered.Select(u => (u.Code ?? "", u.Name, u.Level, u.ParentId is { } p && byId.TryGetValue(p, out var parent) ? parent.Code ?? "" : "", u.MemberCount)).ToList();
        Write(output, rows, roster, maxRows);
    }

    /// <summary>The empty layout with a worked example: a province, a district Union, a grassroots Union and a chapter with two members.</summary>
    public static void WriteTemplate(Stream output, int maxRows = UnitSheetReader.DefaultMaxRows) => Write(output,
        [
            ("TINH", "Tỉnh đoàn Bình Phước", UnitLevel.Province, "", 0),
            ("HD-BUDANG", "Huyện đoàn Bù Đăng", UnitLevel.District, "TINH", 4200),
            ("XD-DUCLIEU", "Xã Đoàn Đức Liễu", UnitLevel.Grassroots, "HD-BUDANG", 310),
            ("CD-DUCLIEU-1A", "Chi đoàn 1A", UnitLevel.Chapter, "XD-DUCLIEU", 28),
        ],
        [
            new("CD-DUCLIEU-1A", "Chi đoàn 1A", "Nguyễn Văn An", "0123456", new DateOnly(2004, 3, 26)),
            new("CD-DUCLIEU-1A", "Chi đoàn 1A", "Trần Thị Bình", "", new DateOnly(2005, 11, 2)),
        ], maxRows);

    private static void Write(Stream output, IReadOnlyList<(string Code, string Name, UnitLevel Level, string ParentCode, int Members)> units, IReadOnlyList<RosterLine> roster, int maxRows)
    {
        using var wb = new XLWorkbook();
        var ws = wb.Worksheets.Add(UnitColumns.UnitSheet);
        Header(ws, UnitColumns.UnitTemplate.Select(c => c.Title).ToArray(), [16, 40, 14, 20, 14]);
        var r = 2;
        foreach (var u in units)
        {
            ws.Cell(r, 1).SetText(u.Code);
            ws.Cell(r, 2).SetText(u.Name);
            ws.Cell(r, 3).SetText(UnitColumns.LevelNames[u.Level]);
            ws.Cell(r, 4).SetText(u.ParentCode);
            ws.Cell(r, 5).SetValue(u.Members);
            r++;
        }
        var levels = ws.Range(2, 3, Math.Max(r + 500, 2000), 3).SetDataValidation();
        levels.List("\"" + string.Join(",", UnitColumns.LevelNames.Values) + "\"", true);
        levels.ErrorStyle = XLErrorStyle.Stop;
        levels.ErrorTitle = "Cấp";
        levels.ErrorMessage = "Chọn một cấp trong danh sách.";

        var rs = wb.Worksheets.Add(UnitColumns.RosterSheet);
        Header(rs, UnitColumns.RosterTemplate.Select(c => c.Title).ToArray(), [16, 30, 30, 18, 14]);
        r = 2;
        foreach (var e in roster)
        {
            rs.Cell(r, 1).SetText(e.UnitCode);
            rs.Cell(r, 2).SetText(e.UnitName);
            rs.Cell(r, 3).SetText(e.FullName);
            rs.Cell(r, 4).SetText(e.MemberId ?? "");
            var born = rs.Cell(r, 5);
            born.SetValue(e.DateOfBirth.ToDateTime(TimeOnly.MinValue));
            born.Style.DateFormat.Format = "dd/mm/yyyy";
            r++;
        }
        WriteInstructions(wb.Worksheets.Add(UnitColumns.InstructionsSheet), maxRows);
        wb.SaveAs(output);
    }

    private static void Header(IXLWorksheet ws, string[] titles, int[] widths)
    {
        for (var c = 0; c < titles.Length; c++)
        {
            var cell = ws.Cell(1, c + 1);
            cell.SetText(titles[c]);
            cell.Style.Font.Bold = true;
            cell.Style.Fill.BackgroundColor = XLColor.FromHtml("#DCE6F1");
            ws.Column(c + 1).Width = widths[c];
        }
        ws.SheetView.FreezeRows(1);
    }

    private static void WriteInstructions(IXLWorksheet ws, int maxRows)
    {
        string[] lines =
        [
            "HƯỚNG DẪN NHẬP ĐƠN VỊ VÀ DANH SÁCH ĐOÀN VIÊN / HOW TO FILL IN THIS WORKBOOK",
            "",
            "Trang \"Đơn vị\": mỗi dòng là một đơn vị. Tỉnh đoàn → Huyện đoàn (Thành đoàn, Thị đoàn, Đoàn khối) → Đoàn cơ sở → Chi đoàn.",
            "  Mã đơn vị: bắt buộc, không trùng, chỉ gồm chữ cái không dấu A–Z, chữ số và . _ - (ví dụ HD-BUDANG), tối đa 40 ký tự.",
            "  Mã đơn vị cấp trên: mã của đơn vị quản lý trực tiếp; để trống chỉ với Tỉnh đoàn. Đơn vị cấp trên có thể ở tệp này hoặc đã có trên hệ thống.",
            "  Cấp: Tỉnh đoàn | Huyện đoàn | Đoàn cơ sở | Chi đoàn. Một đơn vị chỉ đặt dưới đơn vị cấp cao hơn.",
            "  Số đoàn viên: số nguyên từ 0 trở lên (để trống là 0); dùng để tính tỉ lệ tham gia khi đơn vị chưa có danh sách đoàn viên.",
            "Trang \"Đoàn viên\" (không bắt buộc): mỗi dòng là một đoàn viên của đơn vị có mã ở cột Mã đơn vị.",
            "  Họ và tên, Ngày sinh (ngày/tháng/năm, ví dụ 26/3/2004): bắt buộc. Số thẻ đoàn viên: nếu có; không trùng trong một đơn vị.",
            "  Cột Tên đơn vị chỉ để dễ đọc; hệ thống dựa vào Mã đơn vị.",
            "",
            "NHẬP LẠI / RE-IMPORT",
            "Nhập lại tệp đã sửa: đơn vị được nhận ra theo mã và được cập nhật, không tạo trùng. Đơn vị không có trong tệp được giữ nguyên.",
            "Danh sách đoàn viên của một đơn vị có trong trang \"Đoàn viên\" được thay bằng danh sách trong tệp (người không còn trong tệp bị xóa khỏi danh sách).",
            "Trước khi lưu, hệ thống hiển thị báo cáo: đơn vị thêm mới, thay đổi, không đổi; đoàn viên thêm, sửa, xóa; và từng dòng lỗi (trang, dòng, cột, lý do).",
            "Chỉ lưu khi bạn xác nhận. Tệp .xlsx, tối đa " + maxRows.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("vi-VN")) + " dòng; không đặt mật khẩu, không gộp ô, không ẩn trang.",
            "",
            "Sheet \"Đơn vị\": one unit per row (code, name, level, parent code, member count). Sheet \"Đoàn viên\" (optional): one member per row",
            "(unit code, full name, member id, date of birth d/m/yyyy). Re-importing updates units by code and replaces the rosters of the units listed.",
        ];
        for (var i = 0; i < lines.Length; i++) ws.Cell(i + 1, 1).SetText(lines[i]);
        ws.Cell(1, 1).Style.Font.Bold = true;
        ws.Cell(Array.IndexOf(lines, "NHẬP LẠI / RE-IMPORT") + 1, 1).Style.Font.Bold = true;
        ws.Column(1).Width = 140;
    }
}
