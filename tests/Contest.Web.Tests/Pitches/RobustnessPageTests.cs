using System.Net.Http.Json;
using ClosedXML.Excel;
using Contest.Engine.Pitches;
using Contest.Engine.Storage;
using Microsoft.EntityFrameworkCore;

namespace Contest.Web.Tests.Pitches;

public class RobustnessPageTests
{
    [Fact]
    public async Task Organizers_see_every_methods_places_on_the_results_page_and_in_the_export_the_hall_does_not()
    {
        await using var s = await PitchScenario.CreateAsync(StorageProvider.Sqlite);
        await using (var ctx = s.Database.NewContext())
        {
            var round = await ctx.PitchRounds.SingleAsync(r => r.Id == s.RoundId);
            round.Method = AggregationMethod.ZScore;
            await ctx.SaveChangesAsync();
        }
        // Total = 5a + 3b + 4c. Team 1: j1 5·10+3·10+4·5 = 100, j2 5·5+3·5+4·2 = 48, j3 5·6+3·6+4·3 = 60 → mean 69.3333.
        // Team 2 (j3 recused): j1 5·9+3·9+4·4 = 88, j2 5·6+3·6+4·3 = 60 → mean 74. The mean puts team 2 first.
        // z (population SD over each judge's teams): j1 100, 88 → +1, −1; j2 48, 60 → −1, +1; j3 scored team 1 only → 0.
        // Team 1: (1 − 1 + 0) / 3 = 0; team 2: (−1 + 1) / 2 = 0 — level on z; the median decides: team 1 60 < team 2 74.
        await PitchScenario.PutOk(await s.ClientAsync("j1"), $"/api/pitch/teams/{s.Team1}/scores", s.Sheet(10, 10, 5));
        await PitchScenario.PutOk(await s.ClientAsync("j2"), $"/api/pitch/teams/{s.Team1}/scores", s.Sheet(5, 5, 2));
        await PitchScenario.PutOk(await s.ClientAsync("j3"), $"/api/pitch/teams/{s.Team1}/scores", s.Sheet(6, 6, 3));
        await PitchScenario.PutOk(await s.ClientAsync("j1"), $"/api/pitch/teams/{s.Team2}/scores", s.Sheet(9, 9, 4));
        await PitchScenario.PutOk(await s.ClientAsync("j2"), $"/api/pitch/teams/{s.Team2}/scores", s.Sheet(6, 6, 3));
        var org = await s.ClientAsync("org");
        await PitchScenario.PostOk(org, $"/api/pitch/teams/{s.Team1}/lock");
        await PitchScenario.PostOk(org, $"/api/pitch/teams/{s.Team2}/lock");

        var page = await org.GetStringAsync($"/pitch/results/{s.RoundId}");
        Assert.Contains("Độ vững của kết quả", page);
        Assert.Contains("Cả ba phương pháp cho cùng đội nhất.", page);
        Assert.Contains("quy về thang của điểm trung bình", page);
        var hall = await s.App.NewClient().GetStringAsync($"/pitch/results/{s.RoundId}");
        Assert.DoesNotContain("Độ vững của kết quả", hall);
        Assert.Contains("quy về thang của điểm trung bình", hall);

        using var book = new XLWorkbook(new MemoryStream(await org.GetByteArrayAsync($"/api/pitch/rounds/{s.RoundId}/export.xlsx")));
        var sheet = book.Worksheet("Độ vững");
        // Row 6 on: in the round's (z) order, team 2 then team 1; mean ranks 1, 2; raw mean z 0 and 0.
        Assert.Equal(["Đội Hai", "Đội Một"], new[] { sheet.Cell(6, 1).GetString(), sheet.Cell(7, 1).GetString() });
        Assert.Equal((1, 74.0), (sheet.Cell(6, 2).GetValue<int>(), sheet.Cell(6, 3).GetValue<double>()));
        Assert.Equal((2, 69.3333), (sheet.Cell(7, 2).GetValue<int>(), sheet.Cell(7, 3).GetValue<double>()));
        Assert.Equal(0.0, sheet.Cell(6, 8).GetValue<double>());
        // Both teams level on z: each gets the average of the plain means on the rubric's scale, (74 + 69.3333) / 2 = 71.6667.
        var ranking = await org.GetFromJsonAsync<RankingView>($"/api/pitch/rounds/{s.RoundId}/ranking");
        Assert.All(ranking!.Teams, t => Assert.Equal(71.6667m, t.Score));
    }
}
