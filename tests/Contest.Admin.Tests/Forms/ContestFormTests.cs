using System.Net;
using Contest.Engine.Contests;
using Contest.Engine.LiveGames;
using Contest.Engine.Rounds;
using Microsoft.EntityFrameworkCore;

namespace Contest.Admin.Tests.Forms;

/// <summary>/admin/contests/edit (create, edit) and /admin/contests (archive, restore, delete while empty).</summary>
[Collection(AdminSite.Collection)]
public class ContestFormTests(AdminSite site) : IClassFixture<AdminSite>
{
    private const string Form = "/admin/contests/edit";
    private const string List = "/admin/contests";

    private static (string, string)[] Valid(string name, params string[] kinds) =>
        [("Name", name), .. kinds.Select(k => ("Kinds", k)), ("StartsOn", "2027-02-26"), ("EndsOn", "2027-03-31"), ("Description", ""), ("EventId", "")];

    [Fact]
    public async Task An_empty_form_names_the_two_required_fields_and_saves_nothing()
    {
        int before;
        await using (var ctx = site.Db.NewContext()) before = await ctx.Contests.CountAsync();
        var answer = await AdminSite.PostAsync(site.Admin, Form, Form, ("Name", "  "), ("StartsOn", ""), ("EndsOn", ""), ("Description", ""), ("EventId", ""));
        answer.ShowsErrors(
            ("Name", "Hãy nhập tên cuộc thi."),
            ("Kinds", "Hãy chọn ít nhất một hình thức: thi trực tiếp, thi trực tuyến hoặc thuyết trình khởi nghiệp."),
            ("StartsOn", ""), ("EndsOn", ""));
        Assert.Contains("Chưa lưu: hãy sửa các mục được đánh dấu bên dưới.", answer.Html);
        var english = await AdminSite.PostAsync(await site.EnglishAdminAsync(), Form, Form, ("Name", ""));
        english.ShowsErrors(("Name", "Enter the contest's name."), ("Kinds", "Choose at least one kind: live quiz, online rounds or startup pitch."));
        await using var check = site.Db.NewContext();
        Assert.Equal(before, await check.Contests.CountAsync());
    }

    [Fact]
    public async Task Garbage_is_named_next_to_each_field_and_what_was_typed_is_kept()
    {
        var answer = await AdminSite.PostAsync(site.Admin, Form, Form,
            ("Name", new string('x', 301)), ("Kinds", "Superquiz"), ("StartsOn", "hôm qua"), ("EndsOn", "31/13/2027"), ("Description", new string('d', 2001)), ("EventId", "abc"));
        answer.ShowsErrors(
            ("Name", "Quá dài: 301 ký tự, tối đa 300."),
            ("Kinds", "Giá trị \"Superquiz\" không hợp lệ ở đây."),
            ("StartsOn", "Giá trị \"hôm qua\" không hợp lệ ở đây."),
            ("EndsOn", "Giá trị \"31/13/2027\" không hợp lệ ở đây."),
            ("Description", "Quá dài: 2001 ký tự, tối đa 2000."),
            ("EventId", "Giá trị \"abc\" không hợp lệ ở đây."));
        var missingEvent = await AdminSite.PostAsync(site.Admin, Form, Form, [.. Valid("Sự kiện không có", "LiveQuiz").Where(f => f.Item1 != "EventId"), ("EventId", "999999")]);
        missingEvent.ShowsErrors(("EventId", "Sự kiện đã chọn không còn tồn tại; hãy chọn lại."));
        var englishAlone = await AdminSite.PostAsync(site.Admin, Form, Form, Valid("Chỉ tiếng Anh", "English"));
        englishAlone.ShowsErrors(("Kinds", "\"Tiếng Anh\" đi kèm thi trực tiếp hoặc thi trực tuyến; hãy chọn thêm một trong hai."));
        var pitchInEnglish = await AdminSite.PostAsync(site.Admin, Form, Form, Valid("Khởi nghiệp tiếng Anh", "Pitch", "English"));
        pitchInEnglish.ShowsErrors(("Kinds", "\"Tiếng Anh\" đi kèm thi trực tiếp hoặc thi trực tuyến; hãy chọn thêm một trong hai."));
        await using var ctx = site.Db.NewContext();
        Assert.False(await ctx.Contests.AnyAsync(c => c.Name == "Sự kiện không có" || c.Name == "Chỉ tiếng Anh" || c.Name == "Khởi nghiệp tiếng Anh"));
    }

    [Fact]
    public async Task Dates_in_the_wrong_order_are_refused_and_the_same_day_is_fine()
    {
        var reversed = await AdminSite.PostAsync(site.Admin, Form, Form, ("Name", "Ngày ngược"), ("Kinds", "OnlineRound"), ("StartsOn", "2027-03-31"), ("EndsOn", "2027-02-26"));
        reversed.ShowsErrors(("EndsOn", "Ngày kết thúc phải từ ngày bắt đầu trở đi."), ("StartsOn", ""));
        Assert.Contains("value=\"2027-03-31\"", reversed.Html);
        var oneDay = await AdminSite.PostAsync(site.Admin, Form, Form, ("Name", "Lễ khai mạc"), ("Kinds", "LiveQuiz"), ("StartsOn", "2027-03-26"), ("EndsOn", "2027-03-26"));
        oneDay.Saved();
        var taken = await AdminSite.PostAsync(site.Admin, Form, Form, ("Name", " Lễ  khai mạc "), ("Kinds", "LiveQuiz"));
        taken.ShowsErrors(("Name", "Đã có cuộc thi tên này."));
        await using var ctx = site.Db.NewContext();
        Assert.False(await ctx.Contests.AnyAsync(c => c.Name == "Ngày ngược"));
        var saved = await ctx.Contests.SingleAsync(c => c.Name == "Lễ khai mạc");
        Assert.Equal((new DateOnly(2027, 3, 26), new DateOnly(2027, 3, 26), ContestKind.LiveQuiz, "vi"), (saved.StartsOn!.Value, saved.EndsOn!.Value, saved.Kind, saved.Language));
    }

    [Fact]
    public async Task A_new_contest_is_offered_to_rounds_until_archived_and_again_once_restored()
    {
        var saved = await AdminSite.PostAsync(site.Admin, Form, Form, Valid("English Olympiad 2027", "OnlineRound", "English"));
        saved.Saved();
        Assert.Equal("/admin/contests?saved=English%20Olympiad%202027", saved.Location);
        Assert.Contains("Đã lưu cuộc thi \"English Olympiad 2027\".", WebUtility.HtmlDecode(await site.Admin.GetStringAsync(saved.Location)));
        int id;
        await using (var ctx = site.Db.NewContext())
        {
            var c = await ctx.Contests.SingleAsync(x => x.Name == "English Olympiad 2027");
            Assert.Equal((ContestKind.OnlineRound | ContestKind.English, "en"), (c.Kind, c.Language));
            id = c.Id;
        }
        Assert.Contains($"<option value=\"{id}\">English Olympiad 2027</option>", await site.Admin.GetStringAsync("/admin/rounds/edit"));
        Assert.DoesNotContain("English Olympiad 2027", await site.Admin.GetStringAsync("/admin/pitches"));

        (await AdminSite.PostAsync(site.Admin, List, $"{List}?handler=Archive", ("id", $"{id}"))).ShowsErrors();
        Assert.DoesNotContain("English Olympiad 2027", await site.Admin.GetStringAsync("/admin/rounds/edit"));
        Assert.DoesNotContain("English Olympiad 2027", await site.Admin.GetStringAsync("/live/host"));
        var list = await site.Admin.GetStringAsync(List);
        Assert.True(list.IndexOf("English Olympiad 2027", StringComparison.Ordinal) > list.IndexOf("data-testid=\"archived-contests\"", StringComparison.Ordinal));
        var restored = await AdminSite.PostAsync(site.Admin, List, $"{List}?handler=Unarchive", ("id", $"{id}"));
        Assert.Contains("Đã bỏ lưu trữ cuộc thi \"English Olympiad 2027\".", WebUtility.HtmlDecode(restored.Html));
        Assert.Contains($"<option value=\"{id}\">English Olympiad 2027</option>", await site.Admin.GetStringAsync("/admin/rounds/edit"));

        // Editing keeps the id and changes what was sent.
        var edit = await AdminSite.PostAsync(site.Admin, $"{Form}/{id}", $"{Form}/{id}", ("Name", "English Olympiad 2027"), ("Kinds", "LiveQuiz"), ("StartsOn", ""), ("EndsOn", ""), ("Description", "Vòng chung kết trực tiếp"));
        edit.Saved();
        await using var check = site.Db.NewContext();
        var after = await check.Contests.SingleAsync(x => x.Id == id);
        Assert.Equal((ContestKind.LiveQuiz, "vi", (DateOnly?)null, "Vòng chung kết trực tiếp", (DateTimeOffset?)null), (after.Kind, after.Language, after.StartsOn, after.Description, after.ArchivedAt));
    }

    [Fact]
    public async Task Deleting_is_refused_while_rounds_or_games_are_filed_under_the_contest_and_names_them()
    {
        (await AdminSite.PostAsync(site.Admin, Form, Form, Valid("Tìm hiểu Nghị quyết 2027", "OnlineRound", "LiveQuiz"))).Saved();
        (await AdminSite.PostAsync(site.Admin, Form, Form, Valid("Cuộc thi tạo nhầm", "Pitch"))).Saved();
        int used, empty;
        await using (var ctx = site.Db.NewContext())
        {
            used = await ctx.Contests.Where(c => c.Name == "Tìm hiểu Nghị quyết 2027").Select(c => c.Id).SingleAsync();
            empty = await ctx.Contests.Where(c => c.Name == "Cuộc thi tạo nhầm").Select(c => c.Id).SingleAsync();
            var now = DateTimeOffset.UtcNow;
            ctx.AddRange(
                new ContestRound { Name = "Tuần 1", ContestId = used, OpensAt = now.AddDays(1), ClosesAt = now.AddDays(8), BankIds = [site.BankId], QuestionCount = 2 },
                new ContestRound { Name = "Tuần 2", ContestId = used, OpensAt = now.AddDays(8), ClosesAt = now.AddDays(15), BankIds = [site.BankId], QuestionCount = 2 },
                new LiveGameRecord { Id = Guid.NewGuid(), Pin = "000111", Title = "Tổng kết", Host = "admin", ContestId = used, CreatedAt = now });
            await ctx.SaveChangesAsync();
        }
        var refused = await AdminSite.PostAsync(site.Admin, List, $"{List}?handler=Delete", ("id", $"{used}"));
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("Không xóa được \"Tìm hiểu Nghị quyết 2027\" vì cuộc thi đang có: 2 vòng thi trực tuyến, 1 trận thi trực tiếp. Hãy xóa hoặc chuyển các mục đó trước, hoặc lưu trữ cuộc thi.",
            System.Net.WebUtility.HtmlDecode(refused.Html));
        var deleted = await AdminSite.PostAsync(site.Admin, List, $"{List}?handler=Delete", ("id", $"{empty}"));
        Assert.Contains("Đã xóa cuộc thi \"Cuộc thi tạo nhầm\".", System.Net.WebUtility.HtmlDecode(deleted.Html));
        var gone = await AdminSite.PostAsync(site.Admin, List, $"{List}?handler=Delete", ("id", "abc"));
        Assert.Equal(HttpStatusCode.OK, gone.Status);
        Assert.Contains("Không tìm thấy cuộc thi này; có thể đã bị xóa.", System.Net.WebUtility.HtmlDecode(gone.Html));
        await using var check = site.Db.NewContext();
        Assert.True(await check.Contests.AnyAsync(c => c.Id == used));
        Assert.False(await check.Contests.AnyAsync(c => c.Id == empty));
        Assert.Equal(2, await check.Set<ContestRound>().CountAsync(r => r.ContestId == used));
    }
}

/// <summary>The live game and new-event forms pick from the contests too, archived ones refused.</summary>
[Collection(AdminSite.Collection)]
public class ContestPickerTests(AdminSite site) : IClassFixture<AdminSite>
{
    [Fact]
    public async Task A_live_game_is_filed_under_the_chosen_contest_and_an_archived_one_is_refused()
    {
        int live, archived;
        await using (var ctx = site.Db.NewContext())
        {
            var a = new ContestInfo { Name = "Rung chuông vàng 2027", Kind = ContestKind.LiveQuiz };
            var b = new ContestInfo { Name = "Rung chuông vàng 2025", Kind = ContestKind.LiveQuiz, ArchivedAt = DateTimeOffset.UtcNow };
            ctx.AddRange(a, b);
            await ctx.SaveChangesAsync();
            (live, archived) = (a.Id, b.Id);
        }
        var form = await site.Admin.GetStringAsync("/live/host");
        Assert.Contains($"<option value=\"{live}\">Rung chuông vàng 2027</option>", form);
        Assert.DoesNotContain("Rung chuông vàng 2025", form);

        var refused = await AdminSite.PostAsync(site.Admin, "/live/host", "/live/host", ("Input.BankId", $"{site.BankId}"), ("ContestId", $"{archived}"), ("Timer", "normal"));
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("Cuộc thi đã chọn không còn nhận trận thi trực tiếp; hãy chọn lại.", WebUtility.HtmlDecode(refused.Html));
        var created = await AdminSite.PostAsync(site.Admin, "/live/host", "/live/host", ("Input.BankId", $"{site.BankId}"), ("ContestId", $"{live}"), ("Timer", "normal"));
        Assert.Equal(HttpStatusCode.Redirect, created.Status);
        var quick = await AdminSite.PostAsync(site.Admin, "/live/host", "/live/host", ("Input.BankId", $"{site.BankId}"), ("ContestId", ""), ("Timer", "normal"));
        Assert.Equal(HttpStatusCode.Redirect, quick.Status);
        await using var check = site.Db.NewContext();
        var games = (await check.Set<LiveGameRecord>().Where(g => g.BankId == site.BankId).ToListAsync()).OrderBy(g => g.CreatedAt).Select(g => g.ContestId).ToList();
        Assert.Equal([live, null], games);
    }

    [Fact]
    public async Task A_new_event_takes_the_chosen_contests_and_refuses_an_archived_or_unknown_one()
    {
        int a, old;
        await using (var ctx = site.Db.NewContext())
        {
            var x = new ContestInfo { Name = "Hội thi khai mạc", Kind = ContestKind.LiveQuiz };
            var y = new ContestInfo { Name = "Hội thi năm trước", Kind = ContestKind.LiveQuiz, ArchivedAt = DateTimeOffset.UtcNow };
            ctx.AddRange(x, y);
            await ctx.SaveChangesAsync();
            (a, old) = (x.Id, y.Id);
        }
        foreach (var bad in new[] { $"{old}", "999999", "abc" })
        {
            var refused = await AdminSite.PostAsync(site.Admin, "/events", "/events", ("Title", "Sự kiện sai"), ("Language", "vi"), ("ContestIds", bad));
            Assert.Equal(HttpStatusCode.OK, refused.Status);
            Assert.Contains("Cuộc thi đã chọn không còn tồn tại hoặc đã lưu trữ; hãy chọn lại.", WebUtility.HtmlDecode(refused.Html));
        }
        var created = await AdminSite.PostAsync(site.Admin, "/events", "/events", ("Title", "Lễ khai mạc"), ("Language", "vi"), ("ContestIds", $"{a}"));
        Assert.Equal(HttpStatusCode.Redirect, created.Status);
        await using var check = site.Db.NewContext();
        Assert.False(await check.Set<Contest.Engine.Events.ContestEvent>().AnyAsync(e => e.Title == "Sự kiện sai"));
        var ev = await check.Set<Contest.Engine.Events.ContestEvent>().SingleAsync(e => e.Title == "Lễ khai mạc");
        Assert.Equal(ev.Id, (await check.Contests.SingleAsync(c => c.Id == a)).EventId);
        Assert.Null((await check.Contests.SingleAsync(c => c.Id == old)).EventId);
    }
}
