using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Contest.Engine.Storage;

namespace Contest.Web.Tests.Pitches;

public class PanelApiTests
{
    [Fact]
    public async Task The_panel_says_who_saved_who_is_still_scoring_and_who_is_recused_for_the_team_on_stage()
    {
        await using var s = await PitchScenario.CreateAsync(StorageProvider.Sqlite);
        var org = await s.ClientAsync("org");
        var url = $"/api/pitch/rounds/{s.RoundId}/panel";
        Assert.Equal(HttpStatusCode.Forbidden, (await (await s.ClientAsync("j1")).GetAsync(url)).StatusCode);

        await PitchScenario.PostOk(org, $"/api/pitch/rounds/{s.RoundId}/current", new { teamId = s.Team2 });
        await PitchScenario.PutOk(await s.ClientAsync("j1"), $"/api/pitch/teams/{s.Team2}/scores", s.Sheet(8, 6, 4));
        // j2 has scored one criterion of three so far.
        await PitchScenario.PutOk(await s.ClientAsync("j2"), $"/api/pitch/teams/{s.Team2}/scores", new { scores = new[] { new { criterionId = s.Criteria[0], score = 7m, comment = "" } } });

        var panel = await org.GetFromJsonAsync<JsonElement>(url);
        Assert.Equal("Đội Hai", panel.GetProperty("teamName").GetString());
        var states = panel.GetProperty("onStage").EnumerateArray().ToDictionary(j => j.GetProperty("name").GetString()!, j => (j.GetProperty("status").GetString(), j.GetProperty("scored").GetInt32()));
        Assert.Equal(("Saved", 3), states["Người j1"]);
        Assert.Equal(("Scoring", 1), states["Người j2"]);
        Assert.Equal(("Recused", 0), states["Người j3"]);
        // One complete sheet so far: j1's 5·8 + 3·6 + 4·4 = 74 is the panel's mean; no gap without two other judges.
        var spread = panel.GetProperty("spread");
        Assert.Equal(74m, spread.GetProperty("mean").GetDecimal());
        var j1 = Assert.Single(spread.GetProperty("judges").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, j1.GetProperty("gap").ValueKind);
        Assert.False(j1.GetProperty("farOff").GetBoolean());
    }
}
