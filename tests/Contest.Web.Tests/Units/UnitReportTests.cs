using System.Net;
using System.Text.RegularExpressions;
using Contest.Engine.Storage;
using Contest.Testing;
using Contest.Testing.Units;

namespace Contest.Web.Tests.Units;

/// <summary>The round report's unit tree: each row the subtotal of its subtree, opened one level at a time.</summary>
public class UnitReportTests
{
    /// <summary>The cells of a unit's row, tags stripped and spaces collapsed.</summary>
    private static string[] Cells(string html, int unitId)
    {
        var row = Regex.Match(html, $"<tr data-testid=\"unit-row-{unitId}\"[^>]*>(.*?)</tr>", RegexOptions.Singleline);
        Assert.True(row.Success, $"no row for unit {unitId}");
        return [.. Regex.Matches(row.Groups[1].Value, "<td[^>]*>(.*?)</td>", RegexOptions.Singleline)
            .Select(c => WebUtility.HtmlDecode(Regex.Replace(Regex.Replace(c.Groups[1].Value, "<[^>]+>", " "), @"\s+", " ").Trim()))];
    }

    [Fact]
    public async Task Subtotals_rates_and_averages_read_as_worked_by_hand_at_the_top_and_inside_a_grassroots_union()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        var u = await UnitTreeSeed.CreateAsync(db);
        var roundId = await u.ClosedRoundAsync(db);
        await using var app = new ContestApp(db);
        var admin = await app.LoginAsync();

        var top = await admin.GetStringAsync($"/admin/rounds/report/{roundId}");
        // Province: 7 people of 500 (Bù Đăng) + 258 (Đồng Xoài: 8 + 25 × 10) = 758 → 0,9 %; average 10/7 = 1,43.
        Assert.Equal(["Tỉnh Đoàn Bình Phước · Tỉnh đoàn", "7", "758", "0,9%", "", "1,43"], Cells(top, u.Province));
        // Bù Đăng: 6 people of its declared 500 = 1,2 %; average (2+1+2+2+2+0)/6 = 1,50.
        Assert.Equal(["Huyện Đoàn Bù Đăng (2) · Huyện đoàn", "6", "500", "1,2%", "", "1,50"], Cells(top, u.BuDang));
        // Đồng Xoài: no count of its own, its wards' 258; 1 person = 0,4 %.
        Assert.Equal(["Thành Đoàn Đồng Xoài (1) · Huyện đoàn", "1", "258", "0,4%", "", "1,00"], Cells(top, u.DongXoai));
        Assert.DoesNotContain($"unit-row-{u.DucLieu}\"", top); // one level at a time
        // The ranking names each person's unit by its path: three chapters here are called "Chi đoàn 1A".
        var decoded = Regex.Replace(WebUtility.HtmlDecode(top), @">\s+<", "><");
        Assert.Contains(">Người 3</td><td data-label=\"Đơn vị\">Huyện Đoàn Bù Đăng › Đoàn Trường THPT Bù Đăng › Chi đoàn 1A</td>", decoded);
        Assert.Contains(">Người 6</td><td data-label=\"Đơn vị\">Thành Đoàn Đồng Xoài › Đoàn Phường Tân Phú › Chi đoàn 1A</td>", decoded);

        var inside = await admin.GetStringAsync($"/admin/rounds/report/{roundId}?unit={u.DucLieu}");
        Assert.Matches("Tỉnh Đoàn Bình Phước</a>.*Huyện Đoàn Bù Đăng</a>.*<strong>Xã Đoàn Đức Liễu</strong>", Regex.Replace(inside, @"\s+", " "));
        // Đức Liễu: 3 people of 3 (1A's roster) + 12 = 15 → 20,0 %; average (2+1+2)/3 = 1,67.
        Assert.Equal(["Xã Đoàn Đức Liễu · Đoàn cơ sở", "3", "15", "20,0%", "", "1,67"], Cells(inside, u.DucLieu));
        Assert.Equal(["Chi đoàn 1A · Chi đoàn", "2", "3 (theo danh sách)", "66,7%", "", "1,50"], Cells(inside, u.DucLieu1A));
        Assert.Equal(["Chi đoàn 2B · Chi đoàn", "1", "12", "8,3%", "", "2,00"], Cells(inside, u.DucLieu2B));
        Assert.DoesNotContain($"unit-row-{u.School1A}\"", inside);
    }
}
