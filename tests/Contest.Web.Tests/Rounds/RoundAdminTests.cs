using System.Net;
using System.Net.Http.Json;
using ClosedXML.Excel;
using Contest.Engine.Rounds;
using Contest.Engine.Storage;
using Contest.Testing;
using Contest.Web.Rounds;
using static Contest.Web.Tests.Rounds.RoundTestKit;

namespace Contest.Web.Tests.Rounds;

public class RoundAdminTests
{
    [Fact]
    public async Task The_report_exports_ranking_and_answers_to_excel_with_formula_like_names_as_text()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        var seed = await SeedAsync(db);
        // The close time passes on the app's clock, moved by the test, instead of 45 s of waiting.
        var clock = DayAheadClock();
        await using var app = new ContestApp(db, clock: clock);
        var admin = await app.LoginAsync();
        var player = await RegisterAsync(app, seed, "=HYPERLINK(\"http://x\")", "0912000009");
        var now = clock.GetUtcNow();
        var round = await CreateRoundAsync(admin, Round(seed, now.AddSeconds(-1), now.AddSeconds(45), integrityChecks: false));

        RunJobNow(app, round.OpenJobId);
        await WaitForAsync(async () => (await RoundAsync(db, round.Id)).Status == RoundStatus.Open, TimeSpan.FromSeconds(40), "the open job");
        var start = await player.PostAsync($"/api/rounds/{round.Id}/attempts", null);
        var view = (await start.Content.ReadFromJsonAsync<AttemptView>())!;
        await AnswerAsync(player, view, right: 1);
        await player.PostAsJsonAsync($"/api/rounds/attempts/{view.AttemptId}/submit", new SubmitRequest(0));
        clock.Advance(round.ClosesAt - clock.GetUtcNow());
        RunJobNow(app, round.CloseJobId);
        await WaitForAsync(async () => (await RoundAsync(db, round.Id)).Status == RoundStatus.Published, TimeSpan.FromSeconds(60), "the close job");

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/rounds")).StatusCode);
        var report = await admin.GetStringAsync($"/admin/rounds/report/{round.Id}");
        Assert.Contains("data-testid=\"unit-stats\"", report);
        // The participant's name is encoded in the page, never markup.
        Assert.Contains("=HYPERLINK(&quot;http://x&quot;)", report);

        var xlsx = await admin.GetAsync($"/admin/rounds/report/{round.Id}?handler=RankingXlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using var wb = new XLWorkbook(await xlsx.Content.ReadAsStreamAsync());
        var name = wb.Worksheet("Xếp hạng").Cell(2, 2);
        Assert.Equal("=HYPERLINK(\"http://x\")", name.GetString());
        Assert.False(name.HasFormula);
        Assert.Equal(XLDataType.Text, name.DataType);
        // One right of two, prediction 0 = actual 0 all-correct → error 0.
        Assert.Equal(1, wb.Worksheet("Xếp hạng").Cell(2, 4).GetValue<int>());
        Assert.Equal(0, wb.Worksheet("Xếp hạng").Cell(2, 6).GetValue<int>());
        // The one-row table "Giải Nhất ×1": the only participant wins it; the ranking names the prize, the prize sheet says
        // why (rank 1) and states the table's options.
        Assert.Equal("Giải Nhất", wb.Worksheet("Xếp hạng").Cell(2, 10).GetString());
        var prizes = wb.Worksheet("Giải thưởng");
        Assert.Equal(["Giải Nhất", "Cá nhân: theo thứ hạng (nối tiếp giải trên)", "=HYPERLINK(\"http://x\")", "Hạng 1"],
            new[] { prizes.Cell(2, 1).GetString(), prizes.Cell(2, 2).GetString(), prizes.Cell(2, 3).GetString(), prizes.Cell(2, 6).GetString() });
        Assert.Equal("Giải dự đoán, khi chênh lệch bằng nhau: Ai làm bài nhanh hơn, rồi ai nộp sớm hơn.", prizes.Cell(4, 1).GetString());
        Assert.Contains("Giải dự đoán, khi chênh lệch bằng nhau, đã xét: Ai làm bài nhanh hơn, rồi ai nộp sớm hơn.", report);
        var answers = wb.Worksheet("Câu trả lời");
        Assert.Equal(["Đúng", "Sai"], new[] { answers.Cell(2, 8).GetString(), answers.Cell(3, 8).GetString() });
        Assert.Equal(RightA, answers.Cell(2, 7).GetString());
        // Units: the district has 1 participant of 50 members → 2 %.
        var units = wb.Worksheet("Theo đơn vị");
        Assert.Equal(0.02, units.Cell(3, 5).GetValue<double>(), 6);

        Assert.NotEqual(HttpStatusCode.OK, (await player.GetAsync("/admin/rounds")).StatusCode);
    }

    [Fact]
    public async Task The_api_refuses_a_prize_table_with_an_unknown_kind_level_or_tie_break_and_stores_nothing()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        var seed = await SeedAsync(db);
        await using var app = new ContestApp(db);
        var admin = await app.LoginAsync();
        var now = DateTimeOffset.UtcNow;
        async Task<string> Refused(Action<ContestRound> spoil)
        {
            var round = Round(seed, now.AddDays(1), now.AddDays(2));
            spoil(round);
            var response = await admin.PostAsJsonAsync("/api/rounds", round);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<ProblemBody>())!.Reason!;
        }
        Assert.Equal("Unknown prize kind: 7.", await Refused(r => r.Prizes[0].Kind = (PrizeKind)7));
        Assert.Equal("Unknown unit level: 9.", await Refused(r => r.Prizes[0].UnitLevel = (Contest.Engine.Units.UnitLevel)9));
        Assert.Equal("Unknown tie-break rule for the prediction prize: 4.", await Refused(r => r.PredictionTieBreak = (PredictionTieBreak)4));
        Assert.Equal("Prize 'Giải Nhất': the number of places must be between 1 and 1000.", await Refused(r => r.Prizes[0].Count = -1));
        await using var ctx = db.NewContext();
        Assert.Equal(0, await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(ctx.Set<ContestRound>()));
    }
}
