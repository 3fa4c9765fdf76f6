using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Contest.Admin.Pitches;
using Contest.Engine.Pitches;
using Contest.Engine.Storage;
using Contest.Testing;
using Microsoft.EntityFrameworkCore;

namespace Contest.Web.Tests.Pitches;

public partial class PitchPagesTests
{
    [Fact]
    public async Task Each_page_is_open_to_its_roles_only()
    {
        await using var s = await PitchScenario.CreateAsync(StorageProvider.Sqlite);
        var j1 = await s.ClientAsync("j1");
        var j4 = await s.ClientAsync("j4");
        var fan = await s.ClientAsync("fan");
        var org = await s.ClientAsync("org");
        var anonymous = s.App.NewClient();

        Assert.Equal(HttpStatusCode.OK, (await j1.GetAsync($"/pitch/judge/{s.RoundId}")).StatusCode);
        Assert.Contains("/account/denied", (await j4.GetAsync($"/pitch/judge/{s.RoundId}")).Headers.Location!.ToString());
        Assert.Contains("/account/denied", (await org.GetAsync($"/pitch/judge/{s.RoundId}")).Headers.Location!.ToString());
        Assert.Contains("/account/login", (await anonymous.GetAsync($"/pitch/judge/{s.RoundId}")).Headers.Location!.ToString());

        Assert.Equal(HttpStatusCode.OK, (await org.GetAsync($"/pitch/control/{s.RoundId}")).StatusCode);
        Assert.Contains("/account/denied", (await j1.GetAsync($"/pitch/control/{s.RoundId}")).Headers.Location!.ToString());
        Assert.Contains("/account/denied", (await fan.GetAsync("/admin/pitches")).Headers.Location!.ToString());

        // The results page needs no sign-in and shows locked results only. (The projector button, /pitch/screen,
        // hands out an event's projector link: organizers only; see Events/PitchScreenTests.)
        Assert.Contains("/account/login", (await anonymous.GetAsync($"/pitch/screen/{s.RoundId}")).Headers.Location!.ToString());
        var results = await anonymous.GetStringAsync($"/pitch/results/{s.RoundId}");
        Assert.DoesNotContain("Đội Một", results);

        Assert.Contains("Đội Hai", await fan.GetStringAsync($"/pitch/vote/{s.RoundId}"));
        Assert.Contains("Chung kết thử", await j1.GetStringAsync("/pitch"));
        Assert.Contains("Chung kết thử", await org.GetStringAsync("/admin/pitches"));
        var setup = await org.GetStringAsync($"/admin/pitches/round/{s.RoundId}");
        Assert.Contains("Người thân trong đội", setup);

        var openApi = await anonymous.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/pitch/teams/{teamId}/scores", openApi);
        Assert.Contains("/api/pitch/rounds/{roundId}/ranking", openApi);
    }

    [Fact]
    public async Task A_rubric_file_is_previewed_then_replaces_the_rubric_only_when_confirmed()
    {
        await using var s = await PitchScenario.CreateAsync(StorageProvider.Sqlite);
        var org = await s.ClientAsync("org");
        var page = $"/admin/pitches/round/{s.RoundId}";
        var file = RubricWorkbook.Export(
        [
            new RubricCriterion { Order = 1, Name = "Đổi mới", Weight = 60, MaxScore = 10 },
            new RubricCriterion { Order = 2, Name = "Tác động", Weight = 40, MaxScore = 10, Guidance = "8-10: lan tỏa rộng" },
        ]);

        using var upload = new MultipartFormDataContent
        {
            { new StringContent(await AccountFlows.AntiforgeryTokenAsync(org, page)), "__RequestVerificationToken" },
            { new ByteArrayContent(file) { Headers = { ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet") } }, "file", "rubric.xlsx" },
        };
        var preview = await (await org.PostAsync($"{page}?handler=ImportRubric", upload)).Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"rubric-preview\"", preview);
        await using (var ctx = s.Database.NewContext())
            Assert.Equal(["A", "B", "C"], await ctx.RubricCriteria.Where(c => c.RoundId == s.RoundId).OrderBy(c => c.Order).Select(c => c.Name).ToListAsync());

        var rows = WebUtility.HtmlDecode(RowsField().Match(preview).Groups[1].Value);
        var confirm = await org.PostAsync($"{page}?handler=ConfirmRubric", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["rows"] = rows,
            ["__RequestVerificationToken"] = await AccountFlows.AntiforgeryTokenAsync(org, page),
        }));
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        await using var check = s.Database.NewContext();
        var criteria = await check.RubricCriteria.Where(c => c.RoundId == s.RoundId).OrderBy(c => c.Order).ToListAsync();
        Assert.Equal(["Đổi mới", "Tác động"], criteria.Select(c => c.Name));
        Assert.Equal("8-10: lan tỏa rộng", criteria[1].Guidance);
    }

    [GeneratedRegex("name=\"rows\" value=\"([^\"]*)\"")]
    private static partial Regex RowsField();
}
