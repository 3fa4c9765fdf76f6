using ClosedXML.Excel;
using Contest.Admin.Excel;
using Contest.Engine.Questions;

namespace Contest.Admin.Questions.Excel;

/// <summary>Writes the import template and bank exports: the same sheet, so an export imports back unchanged.</summary>
public static class QuestionSheetWriter
{
    public const string QuestionSheet = "Câu hỏi";
    public const string InstructionsSheet = "Hướng dẫn";
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static void WriteTemplate(Stream output, ImportLimits limits, QuestionLimits? rules = null) => Write(output, [], limits, rules ?? QuestionLimits.Default);

    public static void WriteBank(Stream output, IEnumerable<Question> questions, ImportLimits limits, QuestionLimits? rules = null) =>
        Write(output, questions, limits, rules ?? QuestionLimits.Default);

    private static void Write(Stream output, IEnumerable<Question> questions, ImportLimits limits, QuestionLimits rules)
    {
        using var wb = new XLWorkbook();
        var ws = wb.Worksheets.Add(QuestionSheet);
        var cols = QuestionColumns.Template;
        for (var c = 0; c < cols.Length; c++)
        {
            var cell = ws.Cell(1, c + 1);
            cell.SetText(cols[c].Title);
            cell.Style.Font.Bold = true;
            cell.Style.Fill.BackgroundColor = XLColor.FromHtml("#DCE6F1");
            ws.Column(c + 1).Width = cols[c].Column switch { QuestionColumn.Text or QuestionColumn.Explanation => 50, QuestionColumn.Option => 22, _ => 14 };
        }
        ws.SheetView.FreezeRows(1);

        var row = 2;
        foreach (var q in questions)
        {
            WriteRow(ws, row++, q);
        }
        AddValidation(ws, Math.Max(row + 500, 1000));
        WriteInstructions(wb.Worksheets.Add(InstructionsSheet), limits, rules);
        wb.SaveAs(output);
    }

    private static void WriteRow(IXLWorksheet ws, int row, Question q)
    {
        var cols = QuestionColumns.Template;
        var option = 0;
        for (var c = 0; c < cols.Length; c++)
        {
            var cell = ws.Cell(row, c + 1);
            switch (cols[c].Column)
            {
                case QuestionColumn.Type: cell.SetText(RowParser.TypeNames[q.Type]); break;
                case QuestionColumn.Text: cell.SetText(q.Text); break;
                case QuestionColumn.Option:
                    if (q.Type != QuestionType.FillBlank && option < q.Options.Count) cell.SetText(q.Options[option]);
                    option++;
                    break;
                case QuestionColumn.Correct: cell.SetText(CorrectText(q)); break;
                case QuestionColumn.TimeLimit: cell.SetValue(q.TimeLimitSeconds); break;
                case QuestionColumn.Points: cell.SetValue(q.Points); break;
                case QuestionColumn.Difficulty: cell.SetText(RowParser.DifficultyNames[q.Difficulty]); break;
                case QuestionColumn.Tags: cell.SetText(string.Join(", ", q.Tags)); break;
                case QuestionColumn.Language: cell.SetText(q.Language); break;
                case QuestionColumn.Explanation: cell.SetText(q.Explanation); break;
                case QuestionColumn.Media: cell.SetText(q.MediaUrl ?? ""); break;
                case QuestionColumn.IgnoreCase: cell.SetText(q.IgnoreCase ? "Có" : "Không"); break;
                case QuestionColumn.IgnoreDiacritics: cell.SetText(q.IgnoreDiacritics ? "Có" : "Không"); break;
                case QuestionColumn.IgnoreSpaces: cell.SetText(q.IgnoreExtraSpaces ? "Có" : "Không"); break;
                case QuestionColumn.PartialCredit: cell.SetText(q.PartialCredit ? "Có" : "Không"); break;
            }
        }
    }

    private static string CorrectText(Question q) => q.Type switch
    {
        QuestionType.FillBlank => string.Join(" | ", q.AcceptedAnswers),
        QuestionType.Ordering => "",
        _ => string.Join(",", q.CorrectOptions.Order().Select(i => (char)('A' + i))),
    };

    private static void AddValidation(IXLWorksheet ws, int lastRow)
    {
        int ColumnOf(QuestionColumn c) => Array.FindIndex(QuestionColumns.Template, t => t.Column == c) + 1;

        var type = ws.Range(2, ColumnOf(QuestionColumn.Type), lastRow, ColumnOf(QuestionColumn.Type)).SetDataValidation();
        type.List("\"" + string.Join(",", RowParser.TypeNames.Values) + "\"", true);
        type.ErrorStyle = XLErrorStyle.Stop;
        type.ErrorTitle = "Loại câu hỏi";
        type.ErrorMessage = "Chọn một loại trong danh sách.";

        // Information style: the list offers the common answers, but "A,C" or "Bác | Bác Hồ" must still be typeable.
        var correct = ws.Range(2, ColumnOf(QuestionColumn.Correct), lastRow, ColumnOf(QuestionColumn.Correct)).SetDataValidation();
        correct.List("\"A,B,C,D,E,F,Đúng,Sai\"", true);
        correct.ErrorStyle = XLErrorStyle.Information;
        correct.ShowErrorMessage = false;

        var difficulty = ws.Range(2, ColumnOf(QuestionColumn.Difficulty), lastRow, ColumnOf(QuestionColumn.Difficulty)).SetDataValidation();
        difficulty.List("\"" + string.Join(",", RowParser.DifficultyNames.Values) + "\"", true);

        var language = ws.Range(2, ColumnOf(QuestionColumn.Language), lastRow, ColumnOf(QuestionColumn.Language)).SetDataValidation();
        language.List("\"vi,en\"", true);
    }

    private static void WriteInstructions(IXLWorksheet ws, ImportLimits limits, QuestionLimits rules)
    {
        string[] lines =
        [
            "HƯỚNG DẪN NHẬP CÂU HỎI / HOW TO FILL IN THIS TEMPLATE",
            "",
            "Mỗi dòng của trang \"Câu hỏi\" là một câu hỏi. Không đổi tên cột, không gộp ô, không ẩn trang.",
            "Each row of the \"Câu hỏi\" sheet is one question. Keep the column titles; no merged cells, no hidden sheets.",
            "",
            "Loại câu hỏi: Một đáp án | Nhiều đáp án | Đúng/Sai | Điền khuyết | Sắp xếp.",
            "  Cũng hiểu: Trắc nghiệm = Một đáp án; Single choice, Multiple Choice (Quizizz) = Một đáp án; Multiple select, Checkbox = Nhiều đáp án;",
            "  True/false = Đúng/Sai; Fill in the blank, Điền từ = Điền khuyết; Ordering, Reorder = Sắp xếp. Loại khác sẽ bị báo lỗi, không đoán.",
            "Đáp án đúng: chữ cái của đáp án (A hoặc A,C); Đúng/Sai: A (Đúng) hoặc B (Sai), hoặc gõ Đúng/Sai.",
            "Điền khuyết: các đáp án được chấp nhận ngăn bởi dấu |, ví dụ: Bác | Bác Hồ. Để trống các cột Đáp án A–F.",
            "Sắp xếp: ghi các mục theo đúng thứ tự vào Đáp án A, B, C…; để trống cột Đáp án đúng (sẽ xáo trộn khi thi).",
            "Chủ đề: nhiều chủ đề ngăn bởi dấu phẩy. Ngôn ngữ: vi hoặc en. Độ khó (cột \"Độ khó\" hoặc \"Mức độ\"): Dễ | Trung bình (TB) | Khó.",
            "  Cũng hiểu: Easy | Medium | Hard; 1 | 2 | 3; Nhận biết (NB) = Dễ, Thông hiểu (TH) = Trung bình, Vận dụng (VD) và Vận dụng cao (VDC) = Khó.",
            "Ô ngày tháng (Excel tự đổi 26/3/1931 thành ngày) được nhập đúng như hiển thị, dạng ngày/tháng/năm: 26/3/1931.",
            "Cột có tiêu đề khác (STT, Ghi chú…) không được dùng; báo cáo kiểm tra sẽ nêu tên các cột đó.",
            "Tính điểm từng phần (Có/Không): câu nhiều đáp án hoặc sắp xếp được một phần điểm khi đúng một phần.",
            "Hình ảnh / âm thanh: đường dẫn tới tệp .jpg .png .webp .gif (ảnh) hoặc .mp3 .m4a .ogg .wav (nghe).",
            "",
            "GIỚI HẠN / LIMITS",
            $"Tối đa {rules.MaxOptions} đáp án mỗi câu; câu hỏi tối đa {rules.MaxTextLength} ký tự; đáp án tối đa {rules.MaxOptionLength} ký tự.",
            $"Thời gian trả lời từ {rules.MinTimeLimitSeconds} đến {rules.MaxTimeLimitSeconds} giây (mặc định 20); điểm từ {rules.MinPoints} đến {rules.MaxPoints} (mặc định 1000).",
            $"Tối đa {rules.MaxTags} chủ đề mỗi câu, mỗi chủ đề tối đa {rules.MaxTagLength} ký tự; giải thích tối đa {rules.MaxExplanationLength} ký tự.",
            $"Tệp tối đa {limits.MaxBytes / (1024 * 1024)} MB và {limits.MaxRows} câu hỏi. Chỉ nhận .xlsx (không nhận .xls, không đặt mật khẩu).",
            $"At most {rules.MaxOptions} options; files up to {limits.MaxBytes / (1024 * 1024)} MB and {limits.MaxRows} questions; .xlsx only, no password.",
            "",
            "Câu hỏi trùng với câu đã có trong ngân hàng (cùng loại, cùng nội dung) sẽ bị báo lỗi và không nhập.",
            "Trước khi lưu, hệ thống hiển thị báo cáo từng dòng lỗi (trang, dòng, cột, lý do); chỉ lưu khi bạn xác nhận.",
            "Cũng đọc được tệp theo mẫu của Kahoot! và Quizizz.",
        ];
        for (var i = 0; i < lines.Length; i++) ws.Cell(i + 1, 1).SetText(lines[i]);
        ws.Cell(1, 1).Style.Font.Bold = true;
        ws.Cell(Array.IndexOf(lines, "GIỚI HẠN / LIMITS") + 1, 1).Style.Font.Bold = true;
        ws.Column(1).Width = 120;
    }
}
