using ClosedXML.Excel;
using Contest.Engine.LiveGames;
using Contest.Engine.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Contest.Web.Tests.LiveGames;

/// <summary>The results workbook of a stored team game, read back with ClosedXML, against hand-worked cells.</summary>
public class LiveResultsWorkbookTests
{
    private static readonly DateTimeOffset Opened = new(2026, 3, 26, 1, 0, 0, TimeSpan.Zero); // 08:00 in Vietnam

    /// <summary>
    /// A finished team game (speed, streak bonus, unit total, timer × 1.5) on the harness bank: Q1 single choice (right:
    /// "1931"), Q2 multiple select ("Đúng 1", "Đúng 2"; partial credit), Q3 fill-in ("Hồ Chí Minh"). An and Bình play for
    /// "Chi đoàn 1A", Chi and "=HYPERLINK(1)" (removed by the host) for "Chi đoàn 2B". Stored points are as the engine gave them.
    /// </summary>
    private static async Task<Guid> SeedAsync(LiveHarness h)
    {
        await using var scope = h.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ContestDb>();
        var ids = await db.Questions.Where(q => q.BankId == h.BankId).OrderBy(q => q.Id).Select(q => q.Id).ToListAsync();
        var game = new LiveGameRecord
        {
            Id = Guid.NewGuid(), Pin = "246810", Title = "Chung kết Tháng Thanh niên", Host = "admin", BankId = h.BankId, Scoring = ScoringMode.Speed,
            Teams = TeamMode.Total, StreakBonus = true, PodiumSize = 3, TimerFactor = 1.5, QuestionIds = ids, QuestionPoints = [1000, 1000, 1000],
            QuestionSeconds = [20, 20, 20], CreatedAt = Opened, FinishedAt = Opened.AddMinutes(5), Phase = GamePhase.Podium, CurrentIndex = 2,
        };
        LivePlayerRecord Player(string nick, int unit, long? rank, long? score, bool kicked = false) => new()
        {
            Id = Guid.NewGuid(), GameId = game.Id, Nickname = nick, UnitId = unit, UnitName = unit == 1 ? "Chi đoàn 1A" : "Chi đoàn 2B",
            ResumeTokenHash = Guid.NewGuid().ToString("N"), JoinedAt = Opened.AddSeconds(-59), FinalRank = rank, FinalScore = score, Kicked = kicked,
        };
        var an = Player("An", 1, 1, 2887);
        var binh = Player("Bình", 1, 3, 375);
        var chi = Player("Chi", 2, 2, 1925);
        var formula = Player("=HYPERLINK(1)", 2, null, null, kicked: true);
        var n = 0;
        LiveAnswerRecord Answer(LivePlayerRecord p, int q, string json, int ms, bool right, double credit, int basePoints, int bonus) => new()
        {
            Id = ++n, GameId = game.Id, PlayerId = p.Id, QuestionIndex = q, QuestionId = ids[q], Answer = json,
            ReceivedAt = Opened.AddMinutes(q + 1).AddMilliseconds(ms), ElapsedMs = ms, Correct = right, Credit = credit,
            BasePoints = basePoints, StreakBonus = bonus, Points = basePoints + bonus,
        };
        db.Add(game);
        db.AddRange(an, binh, chi, formula);
        db.AddRange(
            Answer(formula, 0, """{"options":[2]}""", 500, true, 1, 987, 0),
            Answer(chi, 0, """{"options":[2]}""", 1000, true, 1, 975, 0),
            Answer(binh, 0, """{"options":[0]}""", 2000, false, 0, 0, 0),
            Answer(an, 0, """{"options":[2]}""", 4512, true, 1, 887, 0),
            Answer(an, 1, """{"options":[0,1]}""", 3000, true, 1, 850, 100),
            Answer(binh, 1, """{"options":[0]}""", 5000, false, 0.5, 375, 0),
            Answer(chi, 2, """{"text":"hồ chí minh"}""", 2000, true, 1, 950, 0),
            Answer(binh, 2, """{"text":"Hà Nội"}""", 4000, false, 0, 0, 0),
            Answer(an, 2, """{"text":"ho chi minh"}""", 6000, true, 1, 850, 200));
        await db.SaveChangesAsync();
        return game.Id;
    }

    private static async Task<XLWorkbook> DownloadAsync(LiveHarness h, Guid id, string query = "")
    {
        var response = await h.Host.GetAsync($"/api/live/games/{id}/results.xlsx{query}");
        response.EnsureSuccessStatusCode();
        var bytes = await response.Content.ReadAsByteArrayAsync();
        // Kept for a person to open in a spreadsheet (the test reads the same bytes).
        if (Environment.GetEnvironmentVariable("CONTEST_ARTIFACTS") is { Length: > 0 } dir)
        {
            Directory.CreateDirectory(dir);
            await File.WriteAllBytesAsync(Path.Combine(dir, $"live-results{(query.Length > 0 ? "-en" : "")}.xlsx"), bytes);
        }
        return new XLWorkbook(new MemoryStream(bytes));
    }

    private static string[] Row(IXLWorksheet s, int row, int columns) => Enumerable.Range(1, columns).Select(c => Show(s.Cell(row, c))).ToArray();

    /// <summary>A cell's value as a string: numbers to 4 decimals, times to the millisecond (the display formats are checked apart).</summary>
    private static string Show(IXLCell c) => c.DataType switch
    {
        XLDataType.Number => Math.Round(c.GetDouble(), 4).ToString(System.Globalization.CultureInfo.InvariantCulture),
        XLDataType.DateTime => c.GetDateTime().ToString("dd/MM/yyyy HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture),
        _ => c.GetString(),
    };

    [Fact]
    public async Task The_results_workbook_reads_as_a_Vietnamese_report()
    {
        await using var h = await LiveHarness.StartAsync();
        var id = await SeedAsync(h);
        using var wb = await DownloadAsync(h, id);

        Assert.Equal(["Xếp hạng", "Xếp hạng đơn vị", "Tổng kết câu hỏi", "Câu trả lời", "Thông tin trò chơi"], wb.Worksheets.Select(w => w.Name));

        // Ranking: mean answer time = mean of the player's answers: An (4.512 + 3 + 6) / 3 = 4.504 s; Bình (2 + 5 + 4) / 3 = 3.67 s.
        // Times are Vietnam time: joined 00:59:01 UTC = 07:59:01. The removed player has no rank; their points so far are 987.
        var rank = wb.Worksheet("Xếp hạng");
        Assert.Equal(["Hạng", "Tên người chơi", "Đơn vị", "Điểm", "Số câu đã trả lời", "Số câu đúng", "Thời gian trả lời trung bình (giây)",
            "Vào trò chơi lúc (giờ Việt Nam, UTC+7)", "Bị mời ra khỏi trò chơi"], Row(rank, 1, 9));
        Assert.Equal(["1", "An", "Chi đoàn 1A", "2887", "3", "3", "4.504", "26/03/2026 07:59:01.000", ""], Row(rank, 2, 9));
        Assert.Equal(["2", "Chi", "Chi đoàn 2B", "1925", "2", "2", "1.5", "26/03/2026 07:59:01.000", ""], Row(rank, 3, 9));
        Assert.Equal(["3", "Bình", "Chi đoàn 1A", "375", "3", "0", "3.6667", "26/03/2026 07:59:01.000", ""], Row(rank, 4, 9));
        Assert.Equal(["", "=HYPERLINK(1)", "Chi đoàn 2B", "987", "1", "1", "0.5", "26/03/2026 07:59:01.000", "Có"], Row(rank, 5, 9));
        Assert.Equal(("0.00", "dd/mm/yyyy hh:mm:ss"), (rank.Cell(2, 7).Style.NumberFormat.Format, rank.Cell(2, 8).Style.DateFormat.Format));
        var formula = rank.Cell(5, 2);
        Assert.False(formula.HasFormula);
        Assert.Equal(XLDataType.Text, formula.DataType);

        // Units: 1A = 2887 + 375 = 3262, mean over its 6 answers (4512 + 2000 + 3000 + 5000 + 6000 + 4000) / 6 = 4085.3 ms;
        // 2B = Chi's 1925 alone (the removed player does not count), mean 1.5 s.
        var units = wb.Worksheet("Xếp hạng đơn vị");
        Assert.Equal(["1", "Chi đoàn 1A", "3262", "2", "4.0853"], Row(units, 2, 5));
        Assert.Equal(["2", "Chi đoàn 2B", "1925", "1", "1.5"], Row(units, 3, 5));

        // Debrief of 3 players (the removed one left out). Q1: 3 answered (4.512, 2, 1 s), 2 right → 67 %, 2.504 s.
        // Q2: An right, Bình partly, Chi silent → 33 %, 4 s. Q3: 2 right of 3 (6, 4, 2 s) → 67 %, 4 s.
        // Hardest: Q2 (1 right), then Q3 and Q1 (2 right each; Q3 slower). Whole game: 5 right of 9 → 56 %, 27512 / 8 = 3.439 s.
        var sum = wb.Worksheet("Tổng kết câu hỏi");
        Assert.Equal(["Câu số", "Câu hỏi", "Loại câu hỏi", "Đáp án đúng", "Số người trả lời", "Đúng", "Đúng một phần", "Sai", "Không trả lời",
            "Tỷ lệ trả lời đúng", "Thời gian trả lời trung bình (giây)", "Khó nhất (thứ tự)"], Row(sum, 1, 12));
        Assert.Equal(["1", "Đoàn thành lập năm nào?", "Một đáp án", "1931", "3", "2", "0", "1", "0", "0.6667", "2.504", "3"], Row(sum, 2, 12));
        Assert.Equal(["2", "Chọn hai đáp án đúng", "Nhiều đáp án", "Đúng 1; Đúng 2", "2", "1", "1", "0", "1", "0.3333", "4", "1"], Row(sum, 3, 12));
        Assert.Equal(["3", "Ai sáng lập Đoàn?", "Điền khuyết", "Hồ Chí Minh", "3", "2", "0", "1", "0", "0.6667", "4", "2"], Row(sum, 4, 12));
        Assert.Equal(["", "Cả trò chơi", "", "", "8", "5", "1", "2", "1", "0.5556", "3.439", ""], Row(sum, 6, 12));
        Assert.Equal(("0%", "0.00"), (sum.Cell(2, 10).Style.NumberFormat.Format, sum.Cell(2, 11).Style.NumberFormat.Format));

        // Answers in the question's words, received in Vietnam time to the millisecond.
        var answers = wb.Worksheet("Câu trả lời");
        Assert.Equal(["Câu số", "Câu hỏi", "Tên người chơi", "Đơn vị", "Câu trả lời", "Kết quả", "Tỷ lệ điểm được tính", "Nhận lúc (giờ Việt Nam, UTC+7)",
            "Thời gian trả lời (giây)", "Điểm trả lời", "Thưởng chuỗi", "Tổng điểm câu"], Row(answers, 1, 12));
        Assert.Equal(["1", "Đoàn thành lập năm nào?", "An", "Chi đoàn 1A", "1931", "Đúng", "1", "26/03/2026 08:01:04.512", "4.512", "887", "0", "887"], Row(answers, 5, 12));
        Assert.Equal(["2", "Chọn hai đáp án đúng", "An", "Chi đoàn 1A", "Đúng 1; Đúng 2", "Đúng", "1", "26/03/2026 08:02:03.000", "3", "850", "100", "950"], Row(answers, 6, 12));
        Assert.Equal(["2", "Chọn hai đáp án đúng", "Bình", "Chi đoàn 1A", "Đúng 1", "Đúng một phần", "0.5", "26/03/2026 08:02:05.000", "5", "375", "0", "375"], Row(answers, 7, 12));
        Assert.Equal(["3", "Ai sáng lập Đoàn?", "An", "Chi đoàn 1A", "ho chi minh", "Đúng", "1", "26/03/2026 08:03:06.000", "6", "850", "200", "1050"], Row(answers, 10, 12));
        Assert.Equal(10, answers.LastRowUsed()!.RowNumber());
        Assert.Equal("dd/mm/yyyy hh:mm:ss.000", answers.Cell(5, 8).Style.DateFormat.Format);

        // Settings in words.
        var game = wb.Worksheet("Thông tin trò chơi");
        var settings = Enumerable.Range(1, game.LastRowUsed()!.RowNumber()).ToDictionary(r => game.Cell(r, 1).GetString(), r => Show(game.Cell(r, 2)));
        Assert.Equal("Chung kết Tháng Thanh niên", settings["Tên trò chơi"]);
        Assert.Equal("Kiểm thử trực tiếp", settings["Ngân hàng câu hỏi"]);
        Assert.StartsWith("Theo tốc độ", settings["Cách tính điểm"]);
        Assert.StartsWith("Có: +100 điểm", settings["Thưởng chuỗi câu đúng"]);
        Assert.Equal("Có: điểm đơn vị là tổng điểm các thành viên", settings["Thi đấu theo đơn vị"]);
        Assert.Equal("Gấp rưỡi thời gian đặt cho từng câu", settings["Thời gian cho mỗi câu"]);
        Assert.Equal("3 (đã chơi 3)", settings["Số câu hỏi"]);
        Assert.Equal("26/03/2026 08:00:00.000", settings["Tạo lúc (giờ Việt Nam, UTC+7)"]);
        Assert.Equal("26/03/2026 08:05:00.000", settings["Kết thúc lúc (giờ Việt Nam, UTC+7)"]);

        // Nowhere a raw answer, a code name or a bare UTC.
        var texts = wb.Worksheets.SelectMany(w => w.CellsUsed()).Where(c => c.DataType == XLDataType.Text).Select(c => c.GetString()).ToList();
        Assert.DoesNotContain(texts, x => x.Contains('{') || x is "Speed" or "Total" or "True" or "False" or "SingleChoice" || x.Contains("(UTC)"));
    }

    [Fact]
    public async Task The_results_workbook_is_in_English_for_a_reader_who_chose_English()
    {
        await using var h = await LiveHarness.StartAsync();
        var id = await SeedAsync(h);
        using var wb = await DownloadAsync(h, id, "?culture=en");
        Assert.Equal(["Ranking", "Unit ranking", "Question summary", "Answers", "Game details"], wb.Worksheets.Select(w => w.Name));
        Assert.Equal("Received at (Vietnam time, UTC+7)", wb.Worksheet("Answers").Cell(1, 8).GetString());
        Assert.Equal(["1", "Đoàn thành lập năm nào?", "Single choice", "1931"], Row(wb.Worksheet("Question summary"), 2, 4));
        Assert.Equal("Partly right", wb.Worksheet("Answers").Cell(7, 6).GetString());
        Assert.StartsWith("By speed", wb.Worksheet("Game details").Cell(5, 2).GetString());
    }
}
