using System.Net;
using Contest.Engine.Accounts;
using Contest.Engine.Pitches;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Contest.Admin.Tests.Forms;

/// <summary>/admin/pitches (new round) and a pitch round's settings, team, rubric, judge and conflict forms.</summary>
[Collection(AdminSite.Collection)]
public class PitchFormTests(AdminSite site) : IClassFixture<AdminSite>
{
    private async Task<int> NewRoundAsync(string name)
    {
        await using var ctx = site.Db.NewContext();
        var round = new PitchRound { ContestId = site.PitchContestId, Name = name };
        ctx.PitchRounds.Add(round);
        await ctx.SaveChangesAsync();
        return round.Id;
    }

    [Fact]
    public async Task A_round_needs_only_a_name_and_garbage_is_named_next_to_its_field()
    {
        var ok = await AdminSite.PostAsync(site.Admin, "/admin/pitches", "/admin/pitches", ("ContestId", $"{site.PitchContestId}"), ("Name", " Bán kết  1 "));
        ok.Saved();
        var bad = await AdminSite.PostAsync(site.Admin, "/admin/pitches", "/admin/pitches", ("ContestId", "abc"), ("Name", ""));
        bad.ShowsErrors(("ContestId", "Giá trị \"abc\" không hợp lệ ở đây."), ("Name", "Hãy đặt tên vòng thi."));
        var notPitch = await AdminSite.PostAsync(site.Admin, "/admin/pitches", "/admin/pitches", ("ContestId", $"{site.OnlineContestId}"), ("Name", "Sai cuộc thi"));
        notPitch.ShowsErrors(("ContestId", "Hãy chọn một cuộc thi khởi nghiệp."));
        await using var ctx = site.Db.NewContext();
        Assert.True(await ctx.PitchRounds.AnyAsync(r => r.Name == "Bán kết 1"));
        Assert.False(await ctx.PitchRounds.AnyAsync(r => r.Name == "" || r.Name == "Sai cuộc thi"));
    }

    [Fact]
    public async Task Settings_keep_their_values_when_garbage_is_sent()
    {
        var id = await NewRoundAsync("Vòng cài đặt");
        var page = $"/admin/pitches/round/{id}";
        var bad = await AdminSite.PostAsync(site.Admin, page, $"{page}?handler=Settings",
            ("name", ""), ("method", "Median"), ("tieBreakCriterionId", "999999"), ("pitchSeconds", ""), ("qaSeconds", "năm"));
        bad.ShowsErrors(
            ("Settings.Name", "Hãy đặt tên vòng thi."),
            ("method", "Giá trị \"Median\" không hợp lệ ở đây."),
            ("tieBreakCriterionId", "Tiêu chí phân định không thuộc bộ tiêu chí của vòng này."),
            ("pitchSeconds", "Thời gian thuyết trình là số giây từ 10 đến 3600."),
            ("qaSeconds", "Giá trị \"năm\" không hợp lệ ở đây."));
        // No tie-break criterion (the optional choice) is fine.
        var ok = await AdminSite.PostAsync(site.Admin, page, $"{page}?handler=Settings",
            ("name", "Vòng cài đặt"), ("method", "TrimmedMean"), ("tieBreakCriterionId", ""), ("pitchSeconds", "300"), ("qaSeconds", "0"));
        ok.Saved();
        await using var ctx = site.Db.NewContext();
        var round = await ctx.PitchRounds.SingleAsync(r => r.Id == id);
        Assert.Equal((AggregationMethod.TrimmedMean, 300, 0, (int?)null), (round.Method, round.PitchSeconds, round.QaSeconds, round.TieBreakCriterionId));
        Assert.Contains("Trung bình cắt (bỏ điểm cao nhất và thấp nhất)", await site.Admin.GetStringAsync(page));
    }

    [Fact]
    public async Task A_team_needs_only_a_name_and_a_bad_link_keeps_what_was_typed()
    {
        var id = await NewRoundAsync("Vòng đội");
        var page = $"/admin/pitches/round/{id}";
        var ok = await AdminSite.PostAsync(site.Admin, page, $"{page}?handler=AddTeam", ("name", "Đội Tối Giản"), ("project", ""), ("members", ""), ("description", ""), ("deckUrl", ""));
        ok.Saved();
        var bad = await AdminSite.PostAsync(site.Admin, page, $"{page}?handler=AddTeam", ("name", " "), ("project", "Máy sấy điều"), ("deckUrl", "javascript:alert(1)"));
        bad.ShowsErrors(("Team.Name", "Hãy nhập tên đội."), ("Team.DeckUrl", "Đường dẫn tài liệu phải bắt đầu bằng http:// hoặc https://."));
        Assert.Contains("value=\"Máy sấy điều\"", bad.Html);
        var move = await AdminSite.PostAsync(site.Admin, page, $"{page}?handler=MoveTeam", ("teamId", "abc"), ("delta", "lên"));
        Assert.Equal(HttpStatusCode.OK, move.Status);
        Assert.Contains("Không tìm thấy mục này; có thể đã bị xóa.", move.Html);
        await using var ctx = site.Db.NewContext();
        var team = await ctx.PitchTeams.SingleAsync(t => t.RoundId == id);
        Assert.Equal(("Đội Tối Giản", "", "", (string?)null, 1), (team.Name, team.Project, team.Members, team.DeckUrl, team.Order));
    }

    [Fact]
    public async Task A_weak_password_for_a_new_judge_is_explained_under_the_password_not_as_a_file_error()
    {
        var id = await NewRoundAsync("Vòng giám khảo");
        var page = $"/admin/pitches/round/{id}";
        var weak = await AdminSite.PostAsync(site.Admin, page, $"{page}?handler=CreateJudge", ("userName", "gk-yeu"), ("displayName", ""), ("password", "123"));
        Assert.Equal(HttpStatusCode.OK, weak.Status);
        Assert.NotEqual("", weak.FieldError("Judge.Password"));
        Assert.DoesNotContain("Tệp", weak.Html[weak.Html.IndexOf("data-testid=\"create-judge\"", StringComparison.Ordinal)..]);
        Assert.DoesNotContain("data-testid=\"errors\"", weak.Html);
        var empty = await AdminSite.PostAsync(site.Admin, page, $"{page}?handler=CreateJudge", ("userName", ""), ("password", ""));
        empty.ShowsErrors(("Judge.UserName", "Hãy nhập tên đăng nhập."), ("Judge.Password", "Hãy nhập mật khẩu."));
        var assign = await AdminSite.PostAsync(site.Admin, page, $"{page}?handler=AssignJudge", ("userId", "không-có"));
        assign.ShowsErrors(("Judge.Assign", "Hãy chọn một tài khoản giám khảo."));

        // Without a full name the judge is created under the user name and put on the panel.
        var ok = await AdminSite.PostAsync(site.Admin, page, $"{page}?handler=CreateJudge", ("userName", "gk-manh"), ("displayName", ""), ("password", "Mat-khau-du-manh-9"));
        ok.Saved();
        using var scope = site.App.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Assert.Null(await users.FindByNameAsync("gk-yeu"));
        var judge = (await users.FindByNameAsync("gk-manh"))!;
        Assert.Equal("gk-manh", judge.DisplayName);
        Assert.True(await users.IsInRoleAsync(judge, Roles.Judge));
        await using var ctx = site.Db.NewContext();
        Assert.True(await ctx.Set<PitchJudge>().AnyAsync(j => j.RoundId == id && j.UserId == judge.Id));
    }

    [Fact]
    public async Task A_conflict_needs_a_judge_and_team_of_the_round_and_its_reason_may_be_empty()
    {
        var id = await NewRoundAsync("Vòng xung đột");
        var page = $"/admin/pitches/round/{id}";
        Assert.Equal(HttpStatusCode.Redirect, (await AdminSite.PostAsync(site.Admin, page, $"{page}?handler=AddTeam", ("name", "Đội Xung Đột"))).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await AdminSite.PostAsync(site.Admin, page, $"{page}?handler=CreateJudge", ("userName", "gk-xd"), ("password", "Mat-khau-du-manh-9"))).Status);
        await using var ctx = site.Db.NewContext();
        var team = await ctx.PitchTeams.SingleAsync(t => t.RoundId == id);
        var judge = await ctx.Users.Where(u => u.UserName == "gk-xd").Select(u => u.Id).SingleAsync();

        var bad = await AdminSite.PostAsync(site.Admin, page, $"{page}?handler=AddConflict", ("userId", "ai-đó"), ("teamId", "abc"), ("reason", new string('r', 501)));
        bad.ShowsErrors(
            ("Conflict.Team", "Hãy chọn một đội của vòng này."),
            ("Conflict.Judge", "Hãy chọn một giám khảo của vòng này."),
            ("Conflict.Reason", "Quá dài: 501 ký tự, tối đa 500."));
        Assert.False(await ctx.Set<PitchConflict>().AnyAsync(c => c.TeamId == team.Id));
        var ok = await AdminSite.PostAsync(site.Admin, page, $"{page}?handler=AddConflict", ("userId", judge), ("teamId", $"{team.Id}"), ("reason", ""));
        ok.Saved();
        Assert.Equal("", (await ctx.Set<PitchConflict>().SingleAsync(c => c.TeamId == team.Id)).Reason);
    }

    [Fact]
    public async Task A_missing_or_unreadable_rubric_file_is_explained_in_Vietnamese()
    {
        var id = await NewRoundAsync("Vòng tiêu chí");
        var page = $"/admin/pitches/round/{id}";
        var none = await AdminSite.PostFileAsync(site.Admin, page, $"{page}?handler=ImportRubric", "file", "", null);
        none.ShowsErrors(("Rubric.File", "Hãy chọn một tệp .xlsx."));
        var text = await AdminSite.PostFileAsync(site.Admin, page, $"{page}?handler=ImportRubric", "file", "tieu-chi.xlsx", "không phải excel"u8.ToArray());
        Assert.Equal(HttpStatusCode.OK, text.Status);
        Assert.Contains("Tệp tiêu chí có lỗi, chưa nhập gì:", text.Html);
        Assert.Contains("Tệp không phải bảng tính Excel (.xlsx).", text.Html);
        var confirm = await AdminSite.PostAsync(site.Admin, page, $"{page}?handler=ConfirmRubric", ("rows", "[{\"Name\":\"\"}]"));
        confirm.ShowsErrors(("Rubric.File", "Bộ tiêu chí xác nhận không hợp lệ; hãy nhập lại tệp."));
        await using var ctx = site.Db.NewContext();
        Assert.False(await ctx.RubricCriteria.AnyAsync(c => c.RoundId == id));
    }
}
