using System.Net.Http.Json;
using Contest.Engine.Contests;
using Contest.Engine.Questions;
using Contest.Engine.Rounds;
using Contest.Engine.Storage;
using Contest.Testing;
using Contest.Testing.Units;
using Microsoft.Playwright;

namespace Contest.Browser.Tests.Units;

/// <summary>The unit picker on the registration form, on a 360×800 phone and a 1920×1080 screen, with a roster round.</summary>
public class UnitPickerBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task On_a_phone_a_member_finds_her_chapter_without_accents_picks_it_by_keyboard_and_touch_and_a_stranger_is_refused()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        var units = await UnitTreeSeed.CreateAsync(db);
        int contestId, questionId;
        await using (var ctx = db.NewContext())
        {
            var contest = new ContestInfo { Name = "Tìm hiểu Nghị quyết Đại hội Đoàn", Kind = ContestKind.OnlineRound };
            var bank = new QuestionBank { Name = "Nghị quyết" };
            bank.Questions.Add(new Question { Type = QuestionType.SingleChoice, Text = "Đại hội Đoàn XII năm nào?", Options = ["2017", "2022"], CorrectOptions = [1] });
            ctx.Contests.Add(contest);
            ctx.QuestionBanks.Add(bank);
            await ctx.SaveChangesAsync();
            (contestId, questionId) = (contest.Id, bank.Questions[0].Id);
        }
        await using var server = await ContestProcess.StartAsync(db);
        using (var admin = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = new Uri(server.BaseUrl) })
        {
            await AccountFlows.LoginAsync(admin, ContestApp.AdminUser, ContestApp.AdminPassword);
            var now = DateTimeOffset.UtcNow;
            var created = await admin.PostAsJsonAsync("/api/rounds", new ContestRound
            {
                ContestId = contestId, Name = "Tuần 1", OpensAt = now.AddDays(1), ClosesAt = now.AddDays(7), Selection = SelectionMode.Fixed,
                FixedQuestionIds = [questionId], RosterMatch = RosterMatch.NameAndBirth,
            });
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        }

        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseUrl, ViewportSize = new ViewportSize { Width = 360, Height = 800 }, IsMobile = true, HasTouch = true, DeviceScaleFactor = 2,
        });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/rounds/register");
        await Assertions.Expect(page.Locator("[data-testid=roster-note]")).ToContainTextAsync("đối chiếu theo họ tên và ngày sinh");
        await page.FillAsync("#FullName", "Tran Thi Binh");
        await page.FillAsync("#DateOfBirth", "2002-03-04");

        // Typed without accents; each match shows its name over its path, the repeated "Chi đoàn 1A" told apart.
        var box = page.Locator("#UnitId-search");
        await box.ClickAsync();
        await box.PressSequentiallyAsync("duc lieu");
        var options = page.Locator("#UnitId-list [role=option]");
        // Before the typed words' answer comes, the list may still show the top of the tree (also three rows): wait for the names.
        await Assertions.Expect(options.Locator(".up-name")).ToHaveTextAsync(["Xã Đoàn Đức Liễu", "Chi đoàn 1A", "Chi đoàn 2B"]);
        await Assertions.Expect(options.Nth(1)).ToContainTextAsync("Chi đoàn 1A");
        await Assertions.Expect(options.Nth(1)).ToContainTextAsync("Huyện Đoàn Bù Đăng › Xã Đoàn Đức Liễu · Chi đoàn");
        await BrowserFixture.ShotAsync(page, "unit-picker-register-phone-360x800");
        for (var i = 0; i < 3; i++)
        {
            var b = (await options.Nth(i).BoundingBoxAsync())!;
            Assert.True(b.Height >= 44, $"option {i} is {b.Height} px high");
            Assert.True(b.X >= 0 && b.X + b.Width <= 360, $"option {i} spans {b.X}–{b.X + b.Width} px");
        }
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 360"), "the page scrolls sideways at 360 px");

        // Keyboard: down twice and Enter picks the second match.
        await box.PressAsync("ArrowDown");
        await box.PressAsync("ArrowDown");
        await Assertions.Expect(options.Nth(1)).ToHaveAttributeAsync("aria-selected", "true");
        await box.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#UnitId")).ToHaveValueAsync(units.DucLieu1A.ToString());
        await Assertions.Expect(box).ToHaveValueAsync("Huyện Đoàn Bù Đăng › Xã Đoàn Đức Liễu › Chi đoàn 1A");
        await Assertions.Expect(page.Locator("#UnitId-list")).ToBeHiddenAsync();

        // Typing again un-chooses it: a half-typed name never posts as some unit; the form says to pick from the list.
        await box.PressAsync("Backspace");
        await Assertions.Expect(page.Locator("#UnitId")).ToHaveValueAsync("");
        await page.FillAsync("#Phone", "0912 000 501");
        await page.FillAsync("#Password", "Binh-2002-Doan");
        await page.ClickAsync("[data-testid=register-submit]");
        Assert.Equal("Hãy chọn một đơn vị trong danh sách gợi ý.", await box.EvaluateAsync<string>("e => e.validationMessage"));
        Assert.EndsWith("/rounds/register", page.Url);

        // Touch: clear, type a few letters of another spelling, tap the match.
        await page.TapAsync(".unit-picker-clear");
        await Assertions.Expect(box).ToHaveValueAsync("");
        await box.PressSequentiallyAsync("1a Đức");
        await page.Locator($"#UnitId-list [role=option][data-id='{units.DucLieu1A}']").TapAsync();
        await Assertions.Expect(page.Locator("#UnitId")).ToHaveValueAsync(units.DucLieu1A.ToString());

        // A stranger is refused with the roster's reason, the chosen unit kept on the form.
        await page.FillAsync("#FullName", "Phạm Văn Dũng");
        await page.ClickAsync("[data-testid=register-submit]");
        await Assertions.Expect(page.Locator("[data-testid=error-Roster]")).ToContainTextAsync("Không tìm thấy đoàn viên có họ tên và ngày sinh này trong danh sách của đơn vị đã chọn.");
        await Assertions.Expect(page.Locator("#UnitId-search")).ToHaveValueAsync("Huyện Đoàn Bù Đăng › Xã Đoàn Đức Liễu › Chi đoàn 1A");
        await BrowserFixture.ShotAsync(page, "unit-picker-register-refused-phone-360x800");

        // The member, accents left out, is on the roster: registered.
        await page.FillAsync("#FullName", "Tran Thi Binh");
        await page.FillAsync("#Password", "Binh-2002-Doan");
        await page.ClickAsync("[data-testid=register-submit]");
        await page.WaitForURLAsync("**/rounds");

        await using var desktop = await browser.DesktopAsync(server.BaseUrl, 1920, 1080);
        var wide = await desktop.NewPageAsync();
        await wide.GotoAsync("/rounds/register");
        await wide.Locator("#UnitId-search").ClickAsync();
        await wide.Locator("#UnitId-search").PressSequentiallyAsync("chi doan 1a");
        await Assertions.Expect(wide.Locator("#UnitId-list [role=option] .up-name")).ToHaveTextAsync(["Chi đoàn 1A", "Chi đoàn 1A", "Chi đoàn 1A"]);
        await BrowserFixture.ShotAsync(wide, "unit-picker-register-desktop-1920x1080");
    }
}
