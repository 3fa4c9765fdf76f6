using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClosedXML.Excel;
using Contest.Engine.Pitches;
using Contest.Engine.Storage;
using Microsoft.EntityFrameworkCore;

namespace Contest.Web.Tests.Pitches;

/// <summary>Every case runs on SQLite and on the real PostgreSQL server that ./test.sh starts.</summary>
public class PitchApiTests
{
    public static TheoryData<StorageProvider> Providers => [StorageProvider.Sqlite, StorageProvider.Postgres];

    private static async Task<JsonElement> Json(HttpResponseMessage r) => JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;

    private static async Task<string> ErrorCode(HttpResponseMessage r) => (await Json(r)).GetProperty("code").GetString()!;

    [Theory, MemberData(nameof(Providers))]
    public async Task Scores_from_three_judges_aggregate_to_the_worked_figure(StorageProvider provider)
    {
        await using var s = await PitchScenario.CreateAsync(provider);
        var j1 = await s.ClientAsync("j1");
        var j2 = await s.ClientAsync("j2");
        var j3 = await s.ClientAsync("j3");
        var org = await s.ClientAsync("org");

        // Team 1: j1 5·8+3·6+4·4 = 74; j2 5·7+3·7+4·3 = 68; j3 5·9+3·5+4·5 = 80 → (74+68+80)/3 = 74
        await PitchScenario.PutOk(j1, $"/api/pitch/teams/{s.Team1}/scores", s.Sheet(8, 6, 4));
        await PitchScenario.PutOk(j2, $"/api/pitch/teams/{s.Team1}/scores", s.Sheet(7, 7, 3));
        await PitchScenario.PutOk(j3, $"/api/pitch/teams/{s.Team1}/scores", s.Sheet(9, 5, 5));
        // Team 2: j1 5·6+3·8+4·2 = 62; j2 5·9+3·9+4·4 = 88; j3 recused → (62+88)/2 = 75
        await PitchScenario.PutOk(j1, $"/api/pitch/teams/{s.Team2}/scores", s.Sheet(6, 8, 2));
        await PitchScenario.PutOk(j2, $"/api/pitch/teams/{s.Team2}/scores", s.Sheet(9, 9, 4));

        var hall = s.App.NewClient();
        // Nothing locked: the hall sees no ranked team yet.
        Assert.Equal(0, (await hall.GetFromJsonAsync<JsonElement>($"/api/pitch/rounds/{s.RoundId}/ranking")).GetProperty("teams").GetArrayLength());

        await PitchScenario.PostOk(org, $"/api/pitch/teams/{s.Team1}/lock");
        var afterFirst = (await hall.GetFromJsonAsync<JsonElement>($"/api/pitch/rounds/{s.RoundId}/ranking")).GetProperty("teams");
        Assert.Equal(1, afterFirst.GetArrayLength());
        Assert.Equal(74m, afterFirst[0].GetProperty("score").GetDecimal());

        await PitchScenario.PostOk(org, $"/api/pitch/teams/{s.Team2}/lock");
        var ranking = (await hall.GetFromJsonAsync<JsonElement>($"/api/pitch/rounds/{s.RoundId}/ranking")).GetProperty("teams");
        // 75 > 74: team 2 first, counted from two judges; team 1 second from three.
        Assert.Equal((s.Team2, 1, 75m, 2), (ranking[0].GetProperty("teamId").GetInt32(), ranking[0].GetProperty("rank").GetInt32(), ranking[0].GetProperty("score").GetDecimal(), ranking[0].GetProperty("judges").GetInt32()));
        Assert.Equal((s.Team1, 2, 74m, 3), (ranking[1].GetProperty("teamId").GetInt32(), ranking[1].GetProperty("rank").GetInt32(), ranking[1].GetProperty("score").GetDecimal(), ranking[1].GetProperty("judges").GetInt32()));

        // The public results page shows the same figures with their arithmetic (judge totals in ascending order), in the page's language.
        var results = WebUtility.HtmlDecode(await hall.GetStringAsync($"/pitch/results/{s.RoundId}"));
        Assert.Contains("(62 + 88) / 2 = 75; hạng 1", results);
        Assert.Contains("(68 + 74 + 80) / 3 = 74; hạng 2", results);

        await using var ctx = s.Database.NewContext();
        var locked = await ctx.PitchTeams.SingleAsync(t => t.Id == s.Team1);
        Assert.Equal("org", locked.LockedBy);
        Assert.NotNull(locked.LockedAt);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_judge_cannot_score_an_unassigned_round_a_recused_team_or_a_locked_team(StorageProvider provider)
    {
        await using var s = await PitchScenario.CreateAsync(provider);
        var j1 = await s.ClientAsync("j1");
        var j3 = await s.ClientAsync("j3");
        var j4 = await s.ClientAsync("j4");
        var org = await s.ClientAsync("org");

        var unassigned = await j4.PutAsJsonAsync($"/api/pitch/teams/{s.Team1}/scores", s.Sheet(5, 5, 5));
        Assert.Equal(HttpStatusCode.Forbidden, unassigned.StatusCode);
        Assert.Equal("not-assigned", await ErrorCode(unassigned));
        Assert.Equal(HttpStatusCode.Forbidden, (await j4.GetAsync($"/api/pitch/rounds/{s.RoundId}/judge")).StatusCode);

        var recused = await j3.PutAsJsonAsync($"/api/pitch/teams/{s.Team2}/scores", s.Sheet(5, 5, 5));
        Assert.Equal(HttpStatusCode.Forbidden, recused.StatusCode);
        Assert.Equal("recused", await ErrorCode(recused));

        var outOfRange = await j1.PutAsJsonAsync($"/api/pitch/teams/{s.Team1}/scores", s.Sheet(8, 6, 6));
        Assert.Equal(HttpStatusCode.BadRequest, outOfRange.StatusCode);
        Assert.Contains("outside 0..5", (await Json(outOfRange)).GetProperty("reason").GetString());
        var foreign = await j1.PutAsJsonAsync($"/api/pitch/teams/{s.Team1}/scores", new { scores = new[] { new { criterionId = s.OtherRoundCriterion, score = 1m, comment = "" } } });
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.Contains("not part of this round", (await Json(foreign)).GetProperty("reason").GetString());

        await PitchScenario.PutOk(j1, $"/api/pitch/teams/{s.Team1}/scores", s.Sheet(8, 6, 4));
        await PitchScenario.PostOk(org, $"/api/pitch/teams/{s.Team1}/lock");
        var late = await j1.PutAsJsonAsync($"/api/pitch/teams/{s.Team1}/scores", s.Sheet(10, 10, 5));
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal("locked", await ErrorCode(late));

        // Participants and anonymous callers are not judges at all.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await s.ClientAsync("fan")).PutAsJsonAsync($"/api/pitch/teams/{s.Team1}/scores", s.Sheet(1, 1, 1))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await s.App.NewClient().PutAsJsonAsync($"/api/pitch/teams/{s.Team1}/scores", s.Sheet(1, 1, 1))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await j1.PostAsJsonAsync($"/api/pitch/teams/{s.Team2}/lock", new { })).StatusCode);

        // Only j1's accepted sheet is stored, unchanged by the refused late edit.
        await using var ctx = s.Database.NewContext();
        var stored = await ctx.Set<PitchScore>().OrderBy(x => x.CriterionId).ToListAsync();
        Assert.Equal([8m, 6m, 4m], stored.Select(x => x.Score));
        Assert.All(stored, x => Assert.Equal(s.UserIds["j1"], x.JudgeId));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Judges_see_each_others_scores_only_after_the_lock_and_every_change_is_audited(StorageProvider provider)
    {
        await using var s = await PitchScenario.CreateAsync(provider);
        var j1 = await s.ClientAsync("j1");
        var j2 = await s.ClientAsync("j2");
        var org = await s.ClientAsync("org");

        await PitchScenario.PutOk(j1, $"/api/pitch/teams/{s.Team1}/scores", s.Sheet(8, 6, 4, "Ý tưởng tốt"));
        await PitchScenario.PutOk(j1, $"/api/pitch/teams/{s.Team1}/scores", s.Sheet(9, 6, 4, "Ý tưởng rất tốt"));
        await PitchScenario.PutOk(j2, $"/api/pitch/teams/{s.Team1}/scores", s.Sheet(7, 7, 3));

        var early = await j2.GetAsync($"/api/pitch/teams/{s.Team1}/scores");
        Assert.Equal(HttpStatusCode.Forbidden, early.StatusCode);
        Assert.Equal("not-locked", await ErrorCode(early));
        // The judge's own view holds only the judge's own scores.
        var mine = await j2.GetFromJsonAsync<JsonElement>($"/api/pitch/rounds/{s.RoundId}/judge");
        var myTeam1 = mine.GetProperty("teams").EnumerateArray().Single(t => t.GetProperty("team").GetProperty("id").GetInt32() == s.Team1);
        Assert.Equal([7m, 7m, 3m], myTeam1.GetProperty("myScores").EnumerateArray().Select(x => x.GetProperty("score").GetDecimal()));
        Assert.Equal(HttpStatusCode.OK, (await org.GetAsync($"/api/pitch/teams/{s.Team1}/scores")).StatusCode);

        await PitchScenario.PostOk(org, $"/api/pitch/teams/{s.Team1}/lock");
        var after = await j2.GetFromJsonAsync<JsonElement>($"/api/pitch/teams/{s.Team1}/scores");
        var j1Scores = after.GetProperty("judges").EnumerateArray().Single(j => j.GetProperty("judgeId").GetString() == s.UserIds["j1"]);
        Assert.Equal(9m, j1Scores.GetProperty("scores")[0].GetProperty("score").GetDecimal());

        await using var ctx = s.Database.NewContext();
        var changes = await ctx.Set<PitchScoreChange>().Where(c => c.JudgeId == s.UserIds["j1"]).OrderBy(c => c.Id).ToListAsync();
        // First save: 3 new scores. Second save: criterion A 8 → 9 and the comment on all three changed → 3 more.
        Assert.Equal(6, changes.Count);
        var a = changes.Where(c => c.CriterionId == s.Criteria[0]).ToList();
        Assert.Equal((null, 8m, null, "Ý tưởng tốt"), (a[0].OldScore, a[0].NewScore, a[0].OldComment, a[0].NewComment));
        Assert.Equal((8m, 9m, "Ý tưởng tốt", "Ý tưởng rất tốt"), (a[1].OldScore, a[1].NewScore, a[1].OldComment, a[1].NewComment));
    }

    [Fact]
    public async Task Excel_export_has_every_score_and_comment_and_the_steps_with_comments_kept_as_text()
    {
        await using var s = await PitchScenario.CreateAsync(StorageProvider.Sqlite);
        var j1 = await s.ClientAsync("j1");
        var j2 = await s.ClientAsync("j2");
        var org = await s.ClientAsync("org");
        await PitchScenario.PutOk(j1, $"/api/pitch/teams/{s.Team1}/scores", s.Sheet(8, 6, 4, "=HYPERLINK(\"http://x\")"));
        await PitchScenario.PutOk(j2, $"/api/pitch/teams/{s.Team1}/scores", s.Sheet(7, 7, 3, "+thuyết trình tốt"));
        await PitchScenario.PostOk(org, $"/api/pitch/teams/{s.Team1}/lock");

        Assert.Equal(HttpStatusCode.Forbidden, (await j1.GetAsync($"/api/pitch/rounds/{s.RoundId}/export.xlsx")).StatusCode);
        var bytes = await org.GetByteArrayAsync($"/api/pitch/rounds/{s.RoundId}/export.xlsx");
        using var wb = new XLWorkbook(new MemoryStream(bytes));
        var scores = wb.Worksheet("Điểm chi tiết");
        // Header + 2 judges × 3 criteria.
        Assert.Equal(7, scores.LastRowUsed().RowNumber());
        var comments = scores.Column(7).CellsUsed().Skip(1).ToList();
        Assert.All(comments, c => Assert.False(c.HasFormula));
        Assert.Contains(comments, c => c.GetString() == "=HYPERLINK(\"http://x\")");
        Assert.Contains(comments, c => c.GetString() == "+thuyết trình tốt");

        var ranking = wb.Worksheet("Xếp hạng");
        Assert.Equal("Đội Một", ranking.Cell(2, 2).GetString());
        // (74 + 68) / 2 = 71
        Assert.Equal(71m, ranking.Cell(2, 4).GetValue<decimal>());
        var steps = wb.Worksheet("Cách tính").CellsUsed().Select(c => c.GetString()).ToList();
        Assert.Contains("→ (68 + 74) / 2 = 71; hạng / rank 1", steps);
        // Audit sheet: header + one line per first save of each score (2 judges × 3 criteria), old values empty.
        var audit = wb.Worksheet("Lịch sử sửa điểm");
        Assert.Equal(7, audit.LastRowUsed().RowNumber());
        Assert.True(audit.Cell(2, 5).IsEmpty());
        Assert.False(audit.Cell(2, 8).HasFormula);
    }
}
