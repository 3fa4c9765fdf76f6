using System.Globalization;
using System.Net;
using Contest.Admin.Errors;
using Contest.Engine.Rounds;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Contest.Admin.Tests.Forms;

/// <summary>/admin/rounds/edit: the round form, and the registration and void forms of /admin/rounds.</summary>
[Collection(AdminSite.Collection)]
public class RoundFormTests(AdminSite site) : IClassFixture<AdminSite>
{
    private const string Page = "/admin/rounds/edit";

    private (string, string)[] Minimal(string name) =>
    [
        ("Name", name), ("ContestId", $"{site.OnlineContestId}"), ("Language", "vi"),
        ("Opens", "2030-03-02T08:00"), ("Closes", "2030-03-08T20:00"), ("PublishAt", ""), ("TimeLimitMinutes", "15"), ("AttemptsAllowed", ""),
        ("Selection", "Random"), ("BankIds", $"{site.BankId}"), ("Tags", ""), ("QuestionCount", "6"), ("EasyCount", ""), ("MediumCount", ""), ("HardCount", ""),
        ("FixedIds", ""), ("ShuffleOptions", "false"), ("Layout", "OnePerPage"), ("PredictionQuestion", ""), ("ShowLiveLeaderboard", "false"),
        ("Stage", ""), ("QualifyTopN", ""),
        ("PrizeRows[0].Kind", "RankTier"), ("PrizeRows[0].Name", ""), ("PrizeRows[0].Count", ""), ("PrizeRows[0].Level", ""),
    ];

    [Fact]
    public async Task A_round_with_every_optional_box_empty_is_saved_and_draws_from_the_whole_bank()
    {
        var answer = await AdminSite.PostAsync(site.Admin, Page, Page, Minimal("Tuần trống"));
        answer.Saved();
        Assert.Equal("/admin/rounds", answer.Location);

        await using var ctx = site.Db.NewContext();
        var round = await ctx.Set<ContestRound>().Include(r => r.Prizes).SingleAsync(r => r.Name == "Tuần trống");
        Assert.Empty(round.Tags);
        Assert.Empty(round.Prizes);
        Assert.Null(round.PublishAt);
        Assert.Equal("", round.PredictionQuestion);
        Assert.Equal((1, 1, 900), (round.AttemptsAllowed, round.Stage, round.TimeLimitSeconds));
        // 08:00 in Vietnam is 01:00 UTC.
        Assert.Equal(new DateTimeOffset(2030, 3, 2, 1, 0, 0, TimeSpan.Zero), round.OpensAt);
        // No topic: all six questions of the bank, whatever their tags, are drawn.
        var pool = await ctx.Questions.AsNoTracking().Where(q => q.BankId == site.BankId).ToListAsync();
        var (drawn, error) = QuestionDraw.Draw(round, pool, new Random(1));
        Assert.Null(error);
        Assert.Equal(site.QuestionIds, drawn!.Select(d => d.Question.Id).Order());

        // Its report, before it closes: an empty-state line, a unit table with headers, the tree's top and the level below it.
        var report = await site.Admin.GetStringAsync($"/admin/rounds/report/{round.Id}");
        Assert.Contains("Vòng thi chưa đóng: chưa có xếp hạng.", report);
        Assert.Contains("<th>Đơn vị</th><th>Số người dự thi</th>", report);
        Assert.Contains("class=\"unit-focus\"", report);
        Assert.Contains("class=\"unit-child\"", report);
        Assert.DoesNotContain("Scheduled", report);
    }

    [Fact]
    public async Task A_topic_narrows_the_draw_and_a_pool_too_small_is_refused_at_save()
    {
        var fields = Minimal("Tuần lịch sử").Where(f => f.Item1 is not ("Tags" or "QuestionCount")).Append(("Tags", "LỊCH SỬ")).Append(("QuestionCount", "3")).ToArray();
        var refused = await AdminSite.PostAsync(site.Admin, Page, Page, fields);
        // Only questions 1 and 4 carry the topic (in either case): 3 cannot be drawn.
        refused.ShowsErrors(("Tags", "Các ngân hàng đã chọn chỉ có 2 câu phù hợp, vòng thi cần 3. Hãy thêm câu hỏi, chọn thêm ngân hàng hoặc bớt chủ đề."));
        var ok = await AdminSite.PostAsync(site.Admin, Page, Page, [.. fields.Where(f => f.Item1 != "QuestionCount"), ("QuestionCount", "2")]);
        ok.Saved();
        await using var ctx = site.Db.NewContext();
        var round = await ctx.Set<ContestRound>().SingleAsync(r => r.Name == "Tuần lịch sử");
        Assert.Equal(["LỊCH SỬ"], round.Tags);
        Assert.Equal([site.QuestionIds[0], site.QuestionIds[3]], QuestionDraw.Draw(round, await ctx.Questions.ToListAsync(), new Random(2)).Drawn!.Select(d => d.Question.Id).Order());
    }

    [Fact]
    public async Task Garbage_in_the_round_form_is_named_next_to_each_field_and_nothing_is_saved()
    {
        int before;
        await using (var ctx = site.Db.NewContext()) before = await ctx.Set<ContestRound>().CountAsync();
        var answer = await AdminSite.PostAsync(site.Admin, Page, Page,
            ("Name", "   "), ("ContestId", "abc"), ("Language", "fr"), ("Opens", "hôm qua"), ("Closes", ""), ("PublishAt", "2020-01-01T00:00"),
            ("TimeLimitMinutes", "mười"), ("AttemptsAllowed", "0"), ("Selection", "Random"), ("QuestionCount", "-3"), ("EasyCount", ""),
            ("Stage", "0"), ("QualifyTopN", "-1"), ("Layout", "Sideways"),
            ("PrizeRows[0].Kind", "RankTier"), ("PrizeRows[0].Name", ""), ("PrizeRows[0].Count", "nhiều"),
            ("PrizeRows[1].Kind", "Lottery"), ("PrizeRows[1].Name", "Giải may mắn"), ("PrizeRows[1].Count", "5000"));
        answer.ShowsErrors(
            ("Name", "Hãy nhập tên vòng thi."),
            ("ContestId", "Giá trị \"abc\" không hợp lệ ở đây."),
            ("Language", "Hãy chọn Tiếng Việt hoặc English."),
            ("Opens", "Giá trị \"hôm qua\" không hợp lệ ở đây."),
            ("Closes", "Hãy chọn thời điểm đóng."),
            ("TimeLimitMinutes", "Giá trị \"mười\" không hợp lệ ở đây."),
            ("AttemptsAllowed", "Số lượt thi phải từ 1 đến 100."),
            ("QuestionCount", "Mỗi lượt thi phải có từ 1 đến 200 câu (đang là -3)."),
            ("BankIds", "Hãy chọn ít nhất một ngân hàng câu hỏi."),
            ("Stage", "Giai đoạn là số từ 1 đến 100."),
            ("QualifyTopN", "Số người vào vòng phải lớn hơn 0."),
            ("Layout", "Giá trị \"Sideways\" không hợp lệ ở đây."),
            ("PrizeRows[0].Name", "Hãy đặt tên giải."),
            ("PrizeRows[0].Count", "Giá trị \"nhiều\" không hợp lệ ở đây."),
            ("PrizeRows[1].Kind", "Giá trị \"Lottery\" không hợp lệ ở đây."),
            ("PrizeRows[1].Count", "Số giải là số từ 1 đến 1000."));
        Assert.Contains("Chưa lưu: hãy sửa các mục được đánh dấu bên dưới.", answer.Html);
        await using var check = site.Db.NewContext();
        Assert.Equal(before, await check.Set<ContestRound>().CountAsync());
    }

    [Fact]
    public async Task Fixed_question_ids_that_are_not_numbers_are_named_in_the_page_language()
    {
        var fields = Minimal("Tuần cố định").Where(f => f.Item1 is not ("Selection" or "FixedIds")).ToList();
        var vi = await AdminSite.PostAsync(site.Admin, Page, Page, [.. fields, ("Selection", "Fixed"), ("FixedIds", $"{site.QuestionIds[0]}, hai")]);
        vi.ShowsErrors(("FixedIds", "Mã câu hỏi phải là số nguyên dương, cách nhau bởi dấu phẩy; không đọc được \"hai\"."));
        var english = await site.EnglishAdminAsync();
        var en = await AdminSite.PostAsync(english, Page, Page, [.. fields, ("Selection", "Fixed"), ("FixedIds", $"{site.QuestionIds[0]}, {site.QuestionIds[0]}")]);
        en.ShowsErrors(("FixedIds", $"Question {site.QuestionIds[0]} appears twice."));
        var enWords = await AdminSite.PostAsync(english, Page, Page, [.. fields, ("Selection", "Fixed"), ("FixedIds", "12, two")]);
        enWords.ShowsErrors(("FixedIds", "Question ids must be whole positive numbers separated by commas; cannot read \"two\"."), ("Name", ""));
        var missing = await AdminSite.PostAsync(site.Admin, Page, Page, [.. fields, ("Selection", "Fixed"), ("FixedIds", "999999")]);
        missing.ShowsErrors(("FixedIds", "Không có câu hỏi mang mã: 999999."));
        await using var ctx = site.Db.NewContext();
        Assert.False(await ctx.Set<ContestRound>().AnyAsync(r => r.Name == "Tuần cố định"));

        var ok = await AdminSite.PostAsync(site.Admin, Page, Page, [.. fields, ("Selection", "Fixed"), ("FixedIds", $"{site.QuestionIds[2]}; {site.QuestionIds[0]}")]);
        ok.Saved();
        await using var saved = site.Db.NewContext();
        Assert.Equal([site.QuestionIds[2], site.QuestionIds[0]], (await saved.Set<ContestRound>().SingleAsync(r => r.Name == "Tuần cố định")).FixedQuestionIds);
    }

    [Fact]
    public async Task An_open_round_warns_and_needs_a_confirmation_and_a_closed_round_cannot_change()
    {
        int open, closed;
        await using (var ctx = site.Db.NewContext())
        {
            var now = DateTimeOffset.UtcNow;
            var a = new ContestRound { Name = "Tuần đang mở", ContestId = site.OnlineContestId, OpensAt = now.AddHours(-1), ClosesAt = now.AddDays(2), BankIds = [site.BankId], QuestionCount = 2, Status = RoundStatus.Open };
            var b = new ContestRound { Name = "Tuần đã đóng", ContestId = site.OnlineContestId, OpensAt = now.AddDays(-3), ClosesAt = now.AddDays(-1), BankIds = [site.BankId], QuestionCount = 2, Status = RoundStatus.Published };
            ctx.AddRange(a, b);
            await ctx.SaveChangesAsync();
            (open, closed) = (a.Id, b.Id);
        }
        var page = await site.Admin.GetStringAsync($"{Page}/{open}");
        Assert.Contains("data-testid=\"open-warning\"", page);
        Assert.Contains("Đang mở", page);

        // Send back what the page shows, with a new close time, without and then with the confirmation.
        string Value(string html, string id) => System.Text.RegularExpressions.Regex.Match(html, $"id=\"{id}\"[^>]*value=\"([^\"]*)\"").Groups[1].Value;
        (string, string)[] Form(string closes) =>
        [
            ("Name", "Tuần đang mở"), ("ContestId", $"{site.OnlineContestId}"), ("Language", "vi"), ("Opens", Value(page, "Opens")), ("Closes", closes),
            ("TimeLimitMinutes", "10"), ("Selection", "Random"), ("BankIds", $"{site.BankId}"), ("QuestionCount", "2"), ("Layout", "OnePerPage"),
        ];
        var unconfirmed = await AdminSite.PostAsync(site.Admin, $"{Page}/{open}", $"{Page}/{open}", Form("2031-01-01T20:00"));
        unconfirmed.ShowsErrors(("ConfirmOpenEdit", "Hãy đánh dấu ô xác nhận để sửa vòng thi đang mở."));
        var confirmed = await AdminSite.PostAsync(site.Admin, $"{Page}/{open}", $"{Page}/{open}", [.. Form("2031-01-01T20:00"), ("ConfirmOpenEdit", "true")]);
        confirmed.Saved();
        await using (var ctx = site.Db.NewContext())
            Assert.Equal(new DateTimeOffset(2031, 1, 1, 13, 0, 0, TimeSpan.Zero), (await ctx.Set<ContestRound>().SingleAsync(r => r.Id == open)).ClosesAt);

        var closedPage = await site.Admin.GetStringAsync($"{Page}/{closed}");
        Assert.Contains("data-testid=\"closed-warning\"", closedPage);
        Assert.DoesNotContain("data-testid=\"save-round\"", closedPage);
        var refused = await AdminSite.PostAsync(site.Admin, $"{Page}/{closed}", $"{Page}/{closed}", ("Name", "Đổi tên"), ("ContestId", $"{site.OnlineContestId}"));
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("Vòng thi đã đóng nên không thể sửa.", refused.Html);
        await using var check = site.Db.NewContext();
        Assert.Equal("Tuần đã đóng", (await check.Set<ContestRound>().SingleAsync(r => r.Id == closed)).Name);
    }

    [Fact]
    public async Task Registration_fields_are_named_in_words_and_a_void_needs_a_reason()
    {
        var page = await site.Admin.GetStringAsync("/admin/rounds");
        foreach (var word in new[] { "Ngày sinh", "Số điện thoại", "Số CCCD" }) Assert.Contains(word, page);
        foreach (var code in new[] { "DateOfBirth", "IdNumber", "Scheduled" }) Assert.DoesNotContain($"> {code}", page);

        // Every switch off (all optional fields empty): saved as such.
        var off = await AdminSite.PostAsync(site.Admin, "/admin/rounds", "/admin/rounds?handler=Settings",
            ("Settings.RequireDateOfBirth", "false"), ("Settings.RequireUnit", "false"), ("Settings.RequirePhone", "false"), ("Settings.RequireEmail", "false"), ("Settings.RequireIdNumber", "false"));
        off.Saved();
        var garbage = await AdminSite.PostAsync(site.Admin, "/admin/rounds", "/admin/rounds?handler=Settings", ("Settings.RequirePhone", "có lẽ"));
        Assert.Equal(HttpStatusCode.OK, garbage.Status);
        Assert.Contains("Không đọc được lựa chọn; hãy tải lại trang và thử lại.", garbage.Html);
        await using (var ctx = site.Db.NewContext())
        {
            var s = await ctx.Set<RegistrationSettings>().SingleAsync();
            Assert.False(s.RequirePhone || s.RequireDateOfBirth || s.RequireUnit || s.RequireEmail || s.RequireIdNumber);
        }

        int participant;
        await using (var ctx = site.Db.NewContext())
        {
            var admin = await ctx.Users.Where(u => u.UserName == "admin").Select(u => u.Id).SingleAsync();
            var p = new RoundParticipant { UserId = admin, FullName = "Nguyễn Thị Thử", Phone = "0912000111", CreatedAt = DateTimeOffset.UtcNow };
            ctx.Add(p);
            await ctx.SaveChangesAsync();
            participant = p.Id;
        }
        var empty = await AdminSite.PostAsync(site.Admin, "/admin/rounds", "/admin/rounds?handler=Void", ("participantId", $"{participant}"), ("reason", "  "));
        Assert.Equal(HttpStatusCode.OK, empty.Status);
        Assert.Contains("Hãy ghi lý do hủy bài dự thi.", empty.Html);
        var unknown = await AdminSite.PostAsync(site.Admin, "/admin/rounds", "/admin/rounds?handler=Void", ("participantId", "abc"), ("reason", "x"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        await using var check = site.Db.NewContext();
        Assert.False((await check.Set<RoundParticipant>().SingleAsync(p => p.Id == participant)).IsVoided);
    }

    [Fact]
    public async Task A_void_the_registry_refuses_is_said_in_Vietnamese_with_its_limit_and_changes_nothing()
    {
        int participant;
        await using (var ctx = site.Db.NewContext())
        {
            var user = new Contest.Engine.Accounts.AppUser { UserName = "0912000112", DisplayName = "Trần Văn Hủy", CreatedAt = DateTimeOffset.UtcNow };
            ctx.Users.Add(user);
            await ctx.SaveChangesAsync();
            var p = new RoundParticipant { UserId = user.Id, FullName = "Trần Văn Hủy", Phone = "0912000112", CreatedAt = DateTimeOffset.UtcNow };
            ctx.Add(p);
            await ctx.SaveChangesAsync();
            participant = p.Id;
        }
        var tooLong = await AdminSite.PostAsync(site.Admin, "/admin/rounds", "/admin/rounds?handler=Void", ("participantId", $"{participant}"), ("reason", new string('a', 1001)));
        Assert.Equal(HttpStatusCode.OK, tooLong.Status);
        Assert.Contains("Chưa lưu được: Lý do hủy quá dài: 1001 ký tự, tối đa 1000.", System.Net.WebUtility.HtmlDecode(tooLong.Html));
        await using (var ctx = site.Db.NewContext()) Assert.False((await ctx.Set<RoundParticipant>().SingleAsync(p => p.Id == participant)).IsVoided);

        (await AdminSite.PostAsync(site.Admin, "/admin/rounds", "/admin/rounds?handler=Void", ("participantId", $"{participant}"), ("reason", "Đăng ký hai lần"))).Saved();
        // A second void from a page loaded before the first (two organizers at once): the registry's refusal, in words.
        var again = await AdminSite.PostAsync(site.Admin, "/admin/rounds", "/admin/rounds?handler=Void", ("participantId", $"{participant}"), ("reason", "Lý do khác"));
        Assert.Equal(HttpStatusCode.OK, again.Status);
        var html = System.Net.WebUtility.HtmlDecode(again.Html);
        Assert.Contains("Chưa lưu được: Bài dự thi này đã bị hủy trước đó.", html);
        Assert.DoesNotContain("already void", html);
        await using var check = site.Db.NewContext();
        Assert.Equal("Đăng ký hai lần", (await check.Set<RoundParticipant>().SingleAsync(p => p.Id == participant)).VoidReason);
    }

    [Fact]
    public async Task A_round_edit_the_engine_refuses_reads_in_the_page_language_with_its_limits()
    {
        int open;
        var now = DateTimeOffset.UtcNow;
        await using (var ctx = site.Db.NewContext())
        {
            var r = new ContestRound { Name = "Tuần mở để sửa", ContestId = site.OnlineContestId, OpensAt = now.AddHours(-1), ClosesAt = now.AddDays(2), BankIds = [site.BankId], QuestionCount = 2, Status = RoundStatus.Open };
            ctx.Add(r);
            await ctx.SaveChangesAsync();
            open = r.Id;
        }
        using var scope = site.App.Services.CreateScope();
        var editor = scope.ServiceProvider.GetRequiredService<RoundEditor>();
        var t = scope.ServiceProvider.GetRequiredService<IStringLocalizer<ErrorTexts>>();
        ContestRound Input(Action<ContestRound> change)
        {
            var r = new ContestRound { Id = open, Name = "Tuần mở để sửa", ContestId = site.OnlineContestId, OpensAt = now.AddHours(-1), ClosesAt = now.AddDays(2), BankIds = [site.BankId], QuestionCount = 2 };
            change(r);
            return r;
        }
        async Task<(string Code, string Vi, string En)> RefusedAsync(Action<ContestRound> change)
        {
            var (saved, error) = await editor.SaveAsync(Input(change));
            Assert.Null(saved);
            var before = CultureInfo.CurrentUICulture;
            try
            {
                CultureInfo.CurrentUICulture = new CultureInfo("vi");
                var vi = ApiProblem.Text(t, error!);
                CultureInfo.CurrentUICulture = new CultureInfo("en");
                return (error!.Code, vi, ApiProblem.Text(t, error!));
            }
            finally { CultureInfo.CurrentUICulture = before; }
        }

        // What /admin/rounds/edit shows after "Chưa lưu được: " when the round changed under the form.
        Assert.Equal(("round-open", "Vòng thi đang mở: chỉ sửa được giờ đóng, giờ công bố và giải thưởng.", "The round is open: only its close time, publish time and prizes can change."),
            await RefusedAsync(r => r.OpensAt = now.AddHours(1)));
        Assert.Equal(("round-time-limit", "Thời gian làm bài phải từ 10 giây đến 24 giờ.", "The time limit must be between 10 seconds and 24 hours."),
            await RefusedAsync(r => r.TimeLimitSeconds = 5));
        Assert.Equal(("round-question-count", "Mỗi lượt thi phải có từ 1 đến 200 câu (đang là 201).", "An attempt must have between 1 and 200 questions (it has 201)."),
            await RefusedAsync(r => r.QuestionCount = 201));
        Assert.Equal(("prize-count", "Giải «Nhất»: số giải là số từ 1 đến 1000.", "Prize “Nhất”: the number of places must be between 1 and 1000."),
            await RefusedAsync(r => r.Prizes = [new PrizeRule { Kind = PrizeKind.RankTier, Name = "Nhất", Count = 0 }]));
        await using var check = site.Db.NewContext();
        Assert.True(((await check.Set<ContestRound>().SingleAsync(r => r.Id == open)).OpensAt - now.AddHours(-1)).Duration() < TimeSpan.FromSeconds(1));
    }
}
