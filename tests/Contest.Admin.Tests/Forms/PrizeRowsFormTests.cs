using Contest.Engine.Rounds;
using Contest.Engine.Units;
using Microsoft.EntityFrameworkCore;

namespace Contest.Admin.Tests.Forms;

/// <summary>The prize rows of /admin/rounds/edit: saved in the order shown, options kept, every bad value named at its field.</summary>
[Collection(AdminSite.Collection)]
public class PrizeRowsFormTests(AdminSite site) : IClassFixture<AdminSite>
{
    private const string Page = "/admin/rounds/edit";

    private (string, string)[] Round(string name) =>
    [
        ("Name", name), ("ContestId", $"{site.OnlineContestId}"), ("Language", "vi"),
        ("Opens", "2030-04-06T08:00"), ("Closes", "2030-04-12T20:00"), ("TimeLimitMinutes", "15"),
        ("Selection", "Random"), ("BankIds", $"{site.BankId}"), ("QuestionCount", "6"), ("Layout", "OnePerPage"),
    ];

    private static (string, string)[] Row(int i, string kind, string name, string count, string level = "") =>
        [($"PrizeRows[{i}].Kind", kind), ($"PrizeRows[{i}].Name", name), ($"PrizeRows[{i}].Count", count), ($"PrizeRows[{i}].Level", level)];

    [Fact]
    public async Task Rows_are_saved_in_the_order_shown_with_the_table_options_and_come_back_on_the_edit_page()
    {
        var answer = await AdminSite.PostAsync(site.Admin, Page, Page,
        [
            .. Round("Tuần giải thưởng"),
            .. Row(0, "RankTier", "Giải Nhất", "1", level: "District"), // a level left over on a tier row is dropped
            .. Row(1, "RankTier", "  Giải   Nhì ", "2"),
            .. Row(2, "RankTier", "", ""),                              // a blank row is skipped
            .. Row(3, "ClosestPrediction", "Giải dự đoán", "1"),
            .. Row(4, "UnitParticipationRate", "Tỷ lệ cao nhất", "1", level: "District"),
            .. Row(5, "4", "Điểm bình quân cao nhất", "2", level: ""),   // a kind by number, within range; own unit
            ("OnePrizePerPerson", "true"), ("PredictionTieBreak", "EarlierSubmission"),
        ]);
        answer.Saved();

        await using var ctx = site.Db.NewContext();
        var round = await ctx.Set<ContestRound>().Include(r => r.Prizes).SingleAsync(r => r.Name == "Tuần giải thưởng");
        Assert.Equal(
            [
                (1, PrizeKind.RankTier, "Giải Nhất", 1, (UnitLevel?)null), (2, PrizeKind.RankTier, "Giải Nhì", 2, null),
                (3, PrizeKind.ClosestPrediction, "Giải dự đoán", 1, null), (4, PrizeKind.UnitParticipationRate, "Tỷ lệ cao nhất", 1, UnitLevel.District),
                (5, PrizeKind.UnitAverageScore, "Điểm bình quân cao nhất", 2, null),
            ],
            round.Prizes.OrderBy(p => p.SortOrder).Select(p => (p.SortOrder, p.Kind, p.Name, p.Count, p.UnitLevel)).ToArray());
        Assert.True(round.OnePrizePerPerson);
        Assert.Equal(PredictionTieBreak.EarlierSubmission, round.PredictionTieBreak);

        // The edit page shows the rows in that order, in words, with the option kept, and no code names.
        var page = await site.Admin.GetStringAsync($"{Page}/{round.Id}");
        var names = System.Text.RegularExpressions.Regex.Matches(page, "name=\"PrizeRows\\[(\\d+)\\].Name\" value=\"([^\"]*)\"").Select(m => (m.Groups[1].Value, System.Net.WebUtility.HtmlDecode(m.Groups[2].Value))).ToArray();
        Assert.Equal([("0", "Giải Nhất"), ("1", "Giải Nhì"), ("2", "Giải dự đoán"), ("3", "Tỷ lệ cao nhất"), ("4", "Điểm bình quân cao nhất")], names);
        Assert.Contains("data-spare=\"true\"", page); // one empty row (index 5) for a page without script
        Assert.Contains("checked", System.Text.RegularExpressions.Regex.Match(page, "<input[^>]*id=\"OnePrizePerPerson\"[^>]*>").Value);
        Assert.Contains("<option value=\"EarlierSubmission\" selected=\"selected\">Ai nộp bài sớm hơn</option>", page);
        Assert.Contains("Tập thể: tỷ lệ tham gia cao nhất", page);
        // The rows' script is a file, not inline (a CSP is coming).
        Assert.DoesNotContain(System.Text.RegularExpressions.Regex.Matches(page, "<script>(.*?)</script>", System.Text.RegularExpressions.RegexOptions.Singleline), m => m.Value.Contains("prize", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("src=\"/js/prize-rows.js", page);
    }

    [Fact]
    public async Task A_new_round_starts_from_the_provinces_usual_table()
    {
        var page = await site.Admin.GetStringAsync(Page);
        var rows = System.Text.RegularExpressions.Regex.Matches(page, "name=\"PrizeRows\\[\\d+\\].Name\" value=\"([^\"]+)\"").Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)).ToArray();
        Assert.Equal(["Giải Nhất", "Giải Nhì", "Giải Ba", "Giải Khuyến khích", "Giải dự đoán chính xác nhất",
            "Giải tập thể: đơn vị có nhiều người dự thi nhất", "Giải tập thể: đơn vị có tỷ lệ tham gia cao nhất"], rows);
        var counts = System.Text.RegularExpressions.Regex.Matches(page, "name=\"PrizeRows\\[\\d+\\].Count\" value=\"(\\d+)\"").Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(["1", "2", "3", "5", "1", "1", "1"], counts);
        var english = await site.EnglishAdminAsync();
        Assert.Contains("value=\"Consolation prize\"", await english.GetStringAsync(Page));
    }

    [Fact]
    public async Task Negative_counts_garbage_and_out_of_range_kinds_levels_and_rules_are_named_at_their_field_and_nothing_is_saved()
    {
        var answer = await AdminSite.PostAsync(site.Admin, Page, Page,
        [
            .. Round("Tuần giải hỏng"),
            .. Row(0, "RankTier", "Giải Nhất", "-2"),
            .. Row(1, "7", "Giải lạ", "1"),
            .. Row(2, "UnitMostParticipants", "Giải tập thể", "1", level: "9"),
            .. Row(3, "Lottery", "Giải may mắn", "0"),
            .. Row(4, "RankTier", new string('G', 201), ""),
            .. Row(5, "RankTier", "", "3"),
            .. Row(6, "UnitAverageScore", "Giải bình quân", "hai", level: "Galaxy"),
            ("OnePrizePerPerson", "có lẽ"), ("PredictionTieBreak", "99"),
        ]);
        answer.ShowsErrors(
            ("PrizeRows[0].Count", "Số giải là số từ 1 đến 1000."),
            // Numbers outside the enums are refused by binding, before the engine's own range check (which guards the API).
            ("PrizeRows[1].Kind", "Giá trị \"7\" không hợp lệ ở đây."),
            ("PrizeRows[2].Level", "Giá trị \"9\" không hợp lệ ở đây."),
            ("PrizeRows[3].Kind", "Giá trị \"Lottery\" không hợp lệ ở đây."),
            ("PrizeRows[3].Count", "Số giải là số từ 1 đến 1000."),
            ("PrizeRows[4].Name", "Quá dài: 201 ký tự, tối đa 200."),
            ("PrizeRows[4].Count", "Số giải là số từ 1 đến 1000."),
            ("PrizeRows[5].Name", "Hãy đặt tên giải."),
            ("PrizeRows[6].Count", "Giá trị \"hai\" không hợp lệ ở đây."),
            ("PrizeRows[6].Level", "Giá trị \"Galaxy\" không hợp lệ ở đây."),
            ("PredictionTieBreak", "Giá trị \"99\" không hợp lệ ở đây."));
        Assert.Contains("Chưa lưu: hãy sửa các mục được đánh dấu bên dưới.", answer.Html);
        Assert.Contains("Thiếu dữ liệu của biểu mẫu; hãy tải lại trang và thử lại.", answer.Html); // the unreadable checkbox

        // The same in English.
        var english = await site.EnglishAdminAsync();
        var en = await AdminSite.PostAsync(english, Page, Page, [.. Round("Bad prizes"), .. Row(0, "RankTier", "First", "-1"), .. Row(1, "12", "Odd", "1"), ("PredictionTieBreak", "7")]);
        en.ShowsErrors(
            ("PrizeRows[0].Count", "Places are a number from 1 to 1000."),
            ("PrizeRows[1].Kind", "\"12\" is not a valid value here."),
            ("PredictionTieBreak", "\"7\" is not a valid value here."));

        await using var ctx = site.Db.NewContext();
        Assert.False(await ctx.Set<ContestRound>().AnyAsync(r => r.Name == "Tuần giải hỏng" || r.Name == "Bad prizes"));
    }

    [Fact]
    public async Task A_table_with_every_row_removed_saves_a_round_without_prizes()
    {
        var answer = await AdminSite.PostAsync(site.Admin, Page, Page, [.. Round("Tuần không giải"), ("OnePrizePerPerson", "false")]);
        answer.Saved();
        await using var ctx = site.Db.NewContext();
        Assert.Empty((await ctx.Set<ContestRound>().Include(r => r.Prizes).SingleAsync(r => r.Name == "Tuần không giải")).Prizes);
    }
}
