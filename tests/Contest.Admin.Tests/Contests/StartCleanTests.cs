using System.Net;
using System.Text.RegularExpressions;
using Contest.Admin.Tests.Forms;
using Contest.Engine.Accounts;
using Contest.Engine.Contests;
using Contest.Engine.Demo;
using Contest.Engine.Questions;
using Contest.Engine.Rounds;
using Contest.Engine.Storage;
using Contest.Engine.Units;
using Contest.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Contest.Admin.Tests.Contests;

/// <summary>/admin/start-clean removes the seeded demo and nothing else; /admin/checklist reads each step from the database.</summary>
[Collection(AdminSite.Collection)]
public class StartCleanTests
{
    private const string Phrase = "XÓA DỮ LIỆU MẪU";

    /// <summary>Every page an organizer reaches from the admin home, which must answer 200 even with nothing in the database.</summary>
    private static readonly string[] Pages =
    [
        "/", "/admin", "/admin/contests", "/admin/contests/edit", "/admin/checklist", "/admin/start-clean", "/admin/banks",
        "/admin/units", "/admin/users", "/admin/rounds", "/admin/rounds/edit", "/admin/pitches", "/live/host", "/events", "/pitch", "/rounds",
    ];

    private static async Task EveryPageAnswersAsync(HttpClient admin)
    {
        foreach (var page in Pages)
        {
            var response = await admin.GetAsync(page);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{page}: {(int)response.StatusCode}");
        }
    }

    private const string Password = "Mat-khau-du-manh-9";

    private static async Task CreateUserAsync(ContestApp app, string name, string role)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = name, DisplayName = name };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
    }

    private static Dictionary<string, bool> Steps(string html) =>
        Regex.Matches(html, "data-testid=\"step-(Check\\.[A-Za-z]+)\" data-done=\"(true|false)\"").ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value == "true");

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task Start_clean_removes_the_demo_keeps_what_organizers_made_and_every_page_still_answers(StorageProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, migrate: false);
        // PostgreSQL gets the demo only when asked; the embedded database always does.
        await using var app = new ContestApp(db, new Dictionary<string, string> { ["Contest:Demo"] = "true" });
        var admin = await app.LoginAsync();
        int organizerContest, weekly, organizerUnit, organizerBank;
        await using (var ctx = db.NewContext())
        {
            // What the organizers made before cleaning: their own contest and bank, a round filed under a demo contest,
            // and a chapter under a demo grassroots Union.
            var contest = new ContestInfo { Name = "Cuộc thi của Ban tổ chức", Kind = ContestKind.LiveQuiz };
            var bank = new QuestionBank { Name = "Ngân hàng của Ban tổ chức", Language = "vi", Questions = [new Question { Type = QuestionType.SingleChoice, Text = "Đoàn TNCS Hồ Chí Minh thành lập năm nào?", Options = ["1931", "1930"], CorrectOptions = [0] }] };
            ctx.AddRange(contest, bank);
            weekly = await ctx.Contests.Where(c => c.Name == "Cuộc thi trực tuyến tìm hiểu Nghị quyết Đại hội Đoàn").Select(c => c.Id).SingleAsync();
            var ducLieu = await ctx.Units.SingleAsync(u => u.Name == "Đoàn xã Đức Liễu");
            var chapter = new Unit { Name = "Chi đoàn thôn 3", Level = UnitLevel.Chapter, ParentId = ducLieu.Id, MemberCount = 25 };
            ctx.Add(chapter);
            await ctx.SaveChangesAsync();
            ctx.Add(new ContestRound { Name = "Tuần 1 của Ban tổ chức", ContestId = weekly, OpensAt = DateTimeOffset.UtcNow.AddDays(1), ClosesAt = DateTimeOffset.UtcNow.AddDays(8), BankIds = [bank.Id], QuestionCount = 1 });
            await ctx.SaveChangesAsync();
            (organizerContest, organizerUnit, organizerBank) = (contest.Id, chapter.Id, bank.Id);
            Assert.Equal(25, await ctx.Units.CountAsync(u => u.Id != chapter.Id));
        }

        var page = await admin.GetStringAsync("/admin/start-clean");
        Assert.Contains("4 cuộc thi, 25 đơn vị, 2 ngân hàng câu hỏi, 1 vòng thuyết trình", page);
        var wrong = await AdminSite.PostAsync(admin, "/admin/start-clean", "/admin/start-clean", ("Confirmation", "xóa dữ liệu"));
        wrong.ShowsErrors(("Confirmation", $"Chưa xóa: hãy gõ đúng \"{Phrase}\" để xác nhận."));
        await using (var ctx = db.NewContext()) Assert.Equal(4 + 1, await ctx.Contests.CountAsync());

        // Typed on a phone the accents may arrive decomposed (NFD); the phrase still matches.
        var done = await AdminSite.PostAsync(admin, "/admin/start-clean", "/admin/start-clean", ("Confirmation", " " + Phrase.Normalize(System.Text.NormalizationForm.FormD) + " "));
        Assert.Equal(HttpStatusCode.OK, done.Status);
        var html = WebUtility.HtmlDecode(done.Html);
        // 25 demo units less the three above the organizers' chapter (province, Huyện Đoàn Bù Đăng, Đoàn xã Đức Liễu).
        Assert.Contains("Đã xóa dữ liệu mẫu: 3 cuộc thi, 22 đơn vị, 2 ngân hàng câu hỏi, 1 vòng thuyết trình.", html);
        Assert.Contains("Giữ lại vì đang được dùng: Cuộc thi trực tuyến tìm hiểu Nghị quyết Đại hội Đoàn, Đoàn xã Đức Liễu, Huyện Đoàn Bù Đăng, Tỉnh Đoàn Bình Phước.", html);

        await using (var ctx = db.NewContext())
        {
            Assert.Equal([weekly, organizerContest], (await ctx.Contests.Select(c => c.Id).ToListAsync()).Order());
            Assert.Equal(["Chi đoàn thôn 3", "Huyện Đoàn Bù Đăng", "Tỉnh Đoàn Bình Phước", "Đoàn xã Đức Liễu"], (await ctx.Units.Select(u => u.Name).ToListAsync()).Order(StringComparer.Ordinal));
            Assert.Equal([organizerBank], await ctx.QuestionBanks.Select(b => b.Id).ToListAsync());
            Assert.Equal(0, await ctx.PitchRounds.CountAsync());
            Assert.Equal(1, await ctx.Set<ContestRound>().CountAsync());
            Assert.True(await ctx.Units.AnyAsync(u => u.Id == organizerUnit));
            // The kept demo rows stay marked: once the organizers' round is gone, a second start clean takes them.
            Assert.Equal(4, await ctx.Set<DemoRow>().CountAsync(d => d.Table != DemoData.RemovedMark));
            Assert.False(await DemoData.IsEmptyAsync(ctx));
        }
        // The admin account is untouched: it signs in again.
        var again = await app.LoginAsync();
        await EveryPageAnswersAsync(again);
        Assert.Contains("1 cuộc thi, 3 đơn vị", await again.GetStringAsync("/admin/start-clean"));
    }

    [Fact]
    public async Task With_demo_off_the_database_stays_empty_every_page_answers_and_the_checklist_follows_the_organizers_work()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var app = new ContestApp(db, new Dictionary<string, string> { ["Contest:Demo"] = "false" });
        var admin = await app.LoginAsync();
        await using (var ctx = db.NewContext())
        {
            Assert.Equal((0, 0, 0), (await ctx.Contests.CountAsync(), await ctx.Units.CountAsync(), await ctx.QuestionBanks.CountAsync()));
        }
        await EveryPageAnswersAsync(admin);
        Assert.Contains("Chưa có cuộc thi phù hợp.", WebUtility.HtmlDecode(await admin.GetStringAsync("/admin/pitches")));
        Assert.Contains("href=\"/admin/contests/edit\"", await admin.GetStringAsync("/admin/rounds/edit"));

        var checklist = await admin.GetStringAsync("/admin/checklist");
        Assert.Contains("Đã xong 0/6 bước", checklist);
        Assert.All(Steps(checklist).Values, Assert.False);

        (await AdminSite.PostAsync(admin, "/admin/contests/edit", "/admin/contests/edit", ("Name", "Tháng Thanh niên 2027"), ("Kinds", "OnlineRound"), ("Kinds", "LiveQuiz"))).Saved();
        (await AdminSite.PostAsync(admin, "/admin/units", "/admin/units", ("Name", "Tỉnh Đoàn Bình Phước"), ("Level", "Province"), ("ParentId", ""), ("MemberCount", "64000"))).Saved();
        Assert.Equal(
            new Dictionary<string, bool> { ["Check.Contest"] = true, ["Check.Units"] = true, ["Check.Accounts"] = false, ["Check.Bank"] = false, ["Check.Play"] = false, ["Check.Event"] = false },
            Steps(await admin.GetStringAsync("/admin/checklist")));

        await CreateUserAsync(app, "btc1", Roles.Organizer);
        int contestId, bankId;
        await using (var ctx = db.NewContext())
        {
            // An empty bank is not a bank to play from: the step waits for a question.
            var bank = new QuestionBank { Name = "Lịch sử Đoàn", Language = "vi" };
            ctx.Add(bank);
            await ctx.SaveChangesAsync();
            bankId = bank.Id;
            contestId = await ctx.Contests.Select(c => c.Id).SingleAsync();
        }
        var steps = Steps(await admin.GetStringAsync("/admin/checklist"));
        Assert.Equal((true, false), (steps["Check.Accounts"], steps["Check.Bank"]));
        await using (var ctx = db.NewContext())
        {
            ctx.Add(new Question { BankId = bankId, Type = QuestionType.SingleChoice, Text = "Ngày thành lập Đoàn?", Options = ["26/3/1931", "3/2/1930"], CorrectOptions = [0] });
            ctx.Add(new ContestRound { Name = "Tuần 1", ContestId = contestId, OpensAt = DateTimeOffset.UtcNow.AddDays(1), ClosesAt = DateTimeOffset.UtcNow.AddDays(8), BankIds = [bankId], QuestionCount = 1 });
            await ctx.SaveChangesAsync();
        }
        var redirect = await AdminSite.PostAsync(admin, "/events", "/events", ("Title", "Lễ khai mạc Tháng Thanh niên"), ("Language", "vi"), ("ContestIds", $"{contestId}"));
        Assert.Equal(HttpStatusCode.Redirect, redirect.Status);
        checklist = await admin.GetStringAsync("/admin/checklist");
        Assert.Contains("Đã xong 6/6 bước", checklist);
        await using (var ctx = db.NewContext()) Assert.NotNull((await ctx.Contests.SingleAsync()).EventId);
        // The event now uses the contest: deleting it is refused with the event named.
        var refused = await AdminSite.PostAsync(admin, "/admin/contests", "/admin/contests?handler=Delete", ("id", $"{contestId}"));
        Assert.Contains("1 vòng thi trực tuyến, sự kiện \"Lễ khai mạc Tháng Thanh niên\"", WebUtility.HtmlDecode(refused.Html));
    }

    [Fact]
    public async Task Organizers_may_read_the_checklist_but_not_start_clean()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var app = new ContestApp(db);
        var admin = await app.LoginAsync();
        _ = admin;
        await CreateUserAsync(app, "btc2", Roles.Organizer);
        var organizer = await app.LoginAsync("btc2", Password);
        var checklist = await organizer.GetStringAsync("/admin/checklist");
        // The demo is installed but does not count; the organizer account just created does.
        Assert.Equal(
            new Dictionary<string, bool> { ["Check.Contest"] = false, ["Check.Units"] = false, ["Check.Accounts"] = true, ["Check.Bank"] = false, ["Check.Play"] = false, ["Check.Event"] = false },
            Steps(checklist));
        Assert.DoesNotContain("/admin/start-clean", checklist);
        var clean = await organizer.GetAsync("/admin/start-clean");
        Assert.Equal(HttpStatusCode.Redirect, clean.StatusCode);
        Assert.Contains("/account/denied", clean.Headers.Location!.ToString());
        await using var ctx = db.NewContext();
        Assert.Equal(4, await ctx.Contests.CountAsync());
    }
}
