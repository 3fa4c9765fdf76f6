using Contest.Engine.Questions;
using Contest.Engine.Rounds;
using Contest.Engine.Storage;
using Contest.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Contest.Browser.Tests.Site;

/// <summary>
/// The public site's pages (rounds, events director, pitch pages, accounts, error pages) on a 360×800 phone and a
/// 1920×1080 projector, in Vietnamese: no sideways scrolling, touch targets at least 44 px, screenshots kept.
/// </summary>
public class SitePagesFitTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    internal const string Measure = """
        () => {
          const problems = [];
          const width = document.documentElement.clientWidth;
          if (document.documentElement.scrollWidth > width) problems.push(`page is ${document.documentElement.scrollWidth} px wide`);
          for (const el of document.querySelectorAll('a, button, input:not([type=hidden]), select, textarea, label.check')) {
            const r = el.getBoundingClientRect();
            const style = getComputedStyle(el);
            if (r.width === 0 || r.height === 0 || style.visibility === 'hidden') continue;
            if (el.matches('label.check input')) continue; // the label around it is the target
            // A link inside a sentence is exempt (WCAG 2.5.8); one standing alone is a target.
            const block = el.closest('p, li, td, th, span, div');
            const inline = el.tagName === 'A' && !el.classList.contains('button') && block && block.textContent.trim() !== el.textContent.trim() && !el.closest('nav');
            if (!inline && r.height < 44) problems.push(`${el.tagName.toLowerCase()} "${(el.textContent || el.name || el.id).trim().slice(0, 40)}" is ${Math.round(r.height)} px tall`);
            // Inside a box that scrolls on its own (a wide table) an element may lie beyond the screen's edge.
            const scrolls = [...(function* () { for (let p = el.parentElement; p; p = p.parentElement) yield p; })()]
              .some(p => ['auto', 'scroll'].includes(getComputedStyle(p).overflowX));
            if (!scrolls && r.right > width + 1) problems.push(`${el.tagName.toLowerCase()} "${(el.textContent || el.name || el.id).trim().slice(0, 40)}" ends at ${Math.round(r.right)} px`);
          }
          return problems;
        }
        """;

    [Fact]
    public async Task Every_site_page_fits_a_phone_and_a_projector_in_vietnamese()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var server = await ContestProcess.StartAsync(db);
        var (roundId, pitchId) = await SeedAsync(db);

        var problems = new List<string>();
        foreach (var (device, make) in new (string, Func<Task<IBrowserContext>>)[]
                 {
                     ("phone", () => browser.PhoneAsync(server.BaseUrl)),
                     ("projector", () => browser.DesktopAsync(server.BaseUrl, 1920, 1080)),
                 })
        {
            // Anonymous visitor.
            await using (var anonymous = await make())
            {
                var page = await anonymous.NewPageAsync();
                foreach (var path in new[] { "/", "/account/login", "/rounds", "/rounds/register", $"/rounds/{roundId}/results", "/khong-co-trang-nay", $"/pitch/vote/{pitchId}" })
                    await VisitAsync(page, path, $"site-{device}-anon", problems);
            }

            // A participant registered through the form.
            await using (var participant = await make())
            {
                var page = await participant.NewPageAsync();
                await page.GotoAsync("/rounds/register");
                await page.FillAsync("#FullName", "Nguyễn Thị Thanh Xuân");
                await page.FillAsync("#DateOfBirth", "2001-05-19");
                await Units.UnitPickerSteps.ChooseAsync(page, "UnitId", "");
                await page.FillAsync("#Phone", device == "phone" ? "0912000101" : "0912000102");
                await page.FillAsync("#Password", "Thanhnien-2026");
                await page.ClickAsync("[data-testid=register-submit]");
                await page.WaitForURLAsync("**/rounds");
                foreach (var path in new[] { "/rounds", "/rounds/me", "/admin/jobs" })
                    await VisitAsync(page, path, $"site-{device}-participant", problems);
            }

            // The organizer side, as the admin.
            await using (var admin = await make())
            {
                var page = await admin.NewPageAsync();
                await page.GotoAsync("/account/login");
                await page.FillAsync("#UserName", ContestApp.AdminUser);
                await page.FillAsync("#Password", ContestApp.AdminPassword);
                await page.ClickAsync("button[type=submit]");
                await page.WaitForURLAsync("**/");
                await page.GotoAsync("/events");
                await page.FillAsync("#Title", "Lễ khai mạc Tháng Thanh niên 2026 — Hội trường Tỉnh Đoàn");
                await page.ClickAsync("[data-testid=create-event]");
                await page.WaitForURLAsync("**/events/*");
                var director = new Uri(page.Url).AbsolutePath;
                foreach (var path in new[] { "/events", director, "/pitch", $"/pitch/control/{pitchId}", $"/pitch/judge/{pitchId}", $"/pitch/results/{pitchId}", "/rounds", $"/rounds/{roundId}/results" })
                    await VisitAsync(page, path, $"site-{device}-admin", problems);
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static async Task VisitAsync(IPage page, string path, string shot, List<string> problems)
    {
        var response = await page.GotoAsync(path);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        if (response is null || response.Status >= 500) problems.Add($"{shot} {path}: HTTP {response?.Status}");
        foreach (var p in await page.EvaluateAsync<string[]>(Measure)) problems.Add($"{shot} {path}: {p}");
        var name = path.Trim('/').Replace('/', '-');
        await BrowserFixture.ShotAsync(page, $"{shot}-{(name.Length == 0 ? "home" : name)}");
    }

    /// <summary>An open weekly round on the demo's Vietnamese bank; the demo's pitch round.</summary>
    private static async Task<(int Round, int Pitch)> SeedAsync(TestDatabase db)
    {
        await using var ctx = db.NewContext();
        var contest = await ctx.Contests.OrderBy(c => c.Id).FirstAsync();
        var bank = await ctx.QuestionBanks.Where(b => b.Questions.Count(q => q.Type == QuestionType.SingleChoice) >= 5).OrderBy(b => b.Id).FirstAsync();
        var now = DateTimeOffset.UtcNow;
        var round = new ContestRound
        {
            ContestId = contest.Id, Name = "Tuần 1 — Tìm hiểu lịch sử Đoàn", OpensAt = now.AddHours(-1), ClosesAt = now.AddDays(6), TimeLimitSeconds = 900,
            AttemptsAllowed = 3, QuestionCount = 5, Selection = SelectionMode.Random, BankIds = [bank.Id], Status = RoundStatus.Open,
            PredictionQuestion = "Có bao nhiêu người trả lời đúng tất cả?",
        };
        ctx.Add(round);
        await ctx.SaveChangesAsync();
        return (round.Id, await ctx.PitchRounds.OrderBy(p => p.Id).Select(p => p.Id).FirstAsync());
    }
}
