using System.Text;
using System.Text.RegularExpressions;
using Contest.Engine.Storage;
using Contest.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Contest.Browser.Tests.Site;

/// <summary>
/// Every admin form sent as an organizer might send it by mistake (boxes left empty, text far too long, the wrong kind of
/// file), on a phone and on a desktop, in Vietnamese: each answers with a specific Vietnamese message, never a code,
/// English or a server error, and nothing is stored. One report of every form that fails, not the first.
/// </summary>
public partial class AdminBadInputTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private sealed record FormCase(string Name, string Url, string Form, string Fill, string? FileName = null, byte[]? File = null);

    // Words of an English sentence, a kebab-case code, or a PascalCase name: none belongs on a Vietnamese page's message.
    [GeneratedRegex(@"\b(the|is|are|must|required|invalid|not|field|value|please|error|cannot)\b|\b[a-z]+(-[a-z]+)+\b|\b[A-Z][a-z]+[A-Z]\w*\b")]
    private static partial Regex NotVietnamese();

    [Fact]
    public async Task Every_admin_form_refuses_bad_input_with_a_specific_Vietnamese_message_and_stores_nothing()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var server = await ContestProcess.StartAsync(db);
        var before = await CountsAsync(db);

        var csv = Encoding.UTF8.GetBytes("Câu hỏi,Đáp án A,Đáp án B,Đáp án đúng\nĐoàn thành lập năm nào?,1930,1931,B\n");
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
        var findings = new List<string>();
        foreach (var (width, height) in new[] { (360, 800), (1920, 1080) })
        {
            await using var context = width < 600 ? await browser.PhoneAsync(server.BaseUrl) : await browser.DesktopAsync(server.BaseUrl, width, height);
            var page = await context.NewPageAsync();
            await page.SetViewportSizeAsync(width, height);
            await page.GotoAsync("/account/login?ReturnUrl=%2Fadmin%2Fbanks");
            await page.FillAsync("#UserName", ContestApp.AdminUser);
            await page.FillAsync("#Password", ContestApp.AdminPassword);
            await page.ClickAsync("button[type=submit]");
            await page.WaitForURLAsync("**/admin/banks");

            var bank = await FirstIdAsync(page, "/admin/banks", @"^/admin/banks/(\d+)$");
            var unit = await FirstIdAsync(page, "/admin/units", @"^/admin/units/(\d+)$");
            var pitch = await FirstIdAsync(page, "/admin/pitches", @"^/admin/pitches/round/(\d+)$");
            FormCase[] cases =
            [
                new("contest-empty", "/admin/contests/edit", "main form[method=post]", "empty"),
                new("contest-long", "/admin/contests/edit", "main form[method=post]", "long"),
                new("bank-empty", "/admin/banks", "[data-testid=create-bank]", "empty"),
                new("bank-long", "/admin/banks", "[data-testid=create-bank]", "long"),
                new("bank-import-csv", $"/admin/banks/{bank}/import", "main form[enctype='multipart/form-data']", "file", "cau-hoi.xlsx", csv),
                new("bank-import-png", $"/admin/banks/{bank}/import", "main form[enctype='multipart/form-data']", "file", "anh.png", png),
                new("bank-import-none", $"/admin/banks/{bank}/import", "main form[enctype='multipart/form-data']", "empty"),
                new("question-empty", $"/admin/banks/{bank}/questions", "main form[method=post]", "empty"),
                new("question-long", $"/admin/banks/{bank}/questions", "main form[method=post]", "long"),
                new("user-empty", "/admin/users", "main form[action*='handler=Create']", "empty"),
                new("user-long", "/admin/users", "main form[action*='handler=Create']", "long"),
                new("users-import-csv", "/admin/users/import", "main form[enctype='multipart/form-data']", "file", "giam-khao.xlsx", csv),
                new("unit-empty", "/admin/units", "[data-testid=create-unit]", "empty"),
                new("unit-long", "/admin/units", "[data-testid=create-unit]", "long"),
                new("unit-edit-empty", $"/admin/units/{unit}", "main form[action*='handler=Save']", "empty"),
                new("units-import-png", "/admin/units/import", "main form[enctype='multipart/form-data']", "file", "don-vi.xlsx", png),
                new("round-empty", "/admin/rounds/edit", "main form[method=post]", "empty"),
                new("round-long", "/admin/rounds/edit", "main form[method=post]", "long"),
                new("pitch-round-empty", "/admin/pitches", "[data-testid=new-pitch-round]", "empty"),
                new("pitch-team-empty", $"/admin/pitches/round/{pitch}", "main form[action*='handler=AddTeam']", "empty"),
                new("pitch-team-long", $"/admin/pitches/round/{pitch}", "main form[action*='handler=AddTeam']", "long"),
                new("pitch-judge-empty", $"/admin/pitches/round/{pitch}", "main form[action*='handler=CreateJudge']", "empty"),
                new("pitch-rubric-csv", $"/admin/pitches/round/{pitch}", "main form[action*='handler=ImportRubric']", "file", "tieu-chi.xlsx", csv),
                new("live-game-long", "/live/host", "[data-testid=create-game]", "long"),
                new("event-empty", "/events", "main form[method=post]", "empty"),
                new("event-long", "/events", "main form[method=post]", "long"),
            ];
            foreach (var c in cases)
            {
                var where = $"{width}px {c.Name}";
                try
                {
                    await page.GotoAsync(c.Url);
                    var form = page.Locator(c.Form).First;
                    if (await form.CountAsync() == 0) { findings.Add($"{where}: no form {c.Form} on {c.Url}"); continue; }
                    // The browser's own checks (required, maxlength) are what a hand-made or old-browser request skips.
                    await form.EvaluateAsync(@"(f, mode) => {
                        f.noValidate = true;
                        for (const el of f.querySelectorAll('input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([type=file]), textarea')) {
                            el.removeAttribute('maxlength');
                            if (mode === 'empty') el.value = '';
                            if (mode === 'long') el.value = 'Tên rất dài '.repeat(500);
                        }
                    }", c.Fill);
                    if (c.File is not null)
                        await form.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = c.FileName!, MimeType = "application/octet-stream", Buffer = c.File });
                    var posted = page.WaitForResponseAsync(r => r.Request.Method == "POST" && r.Request.IsNavigationRequest, new PageWaitForResponseOptions { Timeout = 15_000 });
                    await form.Locator("button[type=submit]").First.ClickAsync(new LocatorClickOptions { Timeout = 15_000 });
                    IResponse response;
                    try { response = await posted; }
                    catch (TimeoutException)
                    {
                        // Refused in the page by its script before sending: what it says there is the answer.
                        var said = await MessagesAsync(page);
                        await BrowserFixture.ShotAsync(page, $"bad-input-{width}-{c.Name}");
                        if (said.Length == 0) findings.Add($"{where}: nothing sent and nothing said");
                        foreach (var m in said.Distinct())
                            if (NotVietnamese().Match(m) is { Success: true } bad) findings.Add($"{where}: \"{m}\" has \"{bad.Value}\"");
                        continue;
                    }
                    await page.WaitForLoadStateAsync(LoadState.Load);
                    var status = response.Status;
                    var location = response.Headers.GetValueOrDefault("location") ?? "";
                    // An upload is checked in the background: the page it redirects to shows the verdict once the check ends.
                    var checking = c.File is not null && status == 302 && location.StartsWith(c.Url + "?", StringComparison.Ordinal);
                    if (status is >= 300 and < 400 && !checking) findings.Add($"{where}: accepted ({status} to {location})");
                    var messages = await MessagesAsync(page);
                    for (var wait = 0; checking && messages.Length == 0 && wait < 60; wait++)
                    {
                        await Task.Delay(500);
                        await page.WaitForLoadStateAsync(LoadState.Load);
                        messages = await MessagesAsync(page);
                    }
                    await BrowserFixture.ShotAsync(page, $"bad-input-{width}-{c.Name}");
                    if (status >= 500 || await page.Locator("text=Đã có lỗi xảy ra").CountAsync() > 0) findings.Add($"{where}: server error {status}");
                    else if (messages.Length == 0) findings.Add($"{where}: no message (status {status}, now at {new Uri(page.Url).PathAndQuery})");
                    foreach (var m in messages.Distinct())
                        if (NotVietnamese().Match(m) is { Success: true } bad) findings.Add($"{where}: \"{m}\" has \"{bad.Value}\"");
                }
                catch (Exception e) when (e is PlaywrightException or TimeoutException)
                {
                    findings.Add($"{where}: {e.Message.Split('\n')[0]}");
                    await BrowserFixture.ShotAsync(page, $"bad-input-{width}-{c.Name}-failed");
                }
            }
        }

        var after = await CountsAsync(db);
        foreach (var (table, n) in before) if (after[table] != n) findings.Add($"{table}: {n} rows before, {after[table]} after");
        Assert.True(findings.Count == 0, string.Join("\n", findings));
    }

    private static async Task<string[]> MessagesAsync(IPage page)
    {
        try
        {
            return await page.EvaluateAsync<string[]>(@"() => Array.from(document.querySelectorAll('main .field-validation-error, main .validation-summary-errors li, main [role=alert], main .error, main .field-error'))
                .filter(e => e.getClientRects().length > 0).map(e => e.innerText.trim()).filter(t => t.length > 0)");
        }
        catch (PlaywrightException) { return []; } // the page reloaded itself meanwhile
    }

    private static async Task<int> FirstIdAsync(IPage page, string list, string pattern)
    {
        await page.GotoAsync(list);
        foreach (var href in await page.Locator("main a[href]").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))"))
            if (Regex.Match(href, pattern) is { Success: true } m) return int.Parse(m.Groups[1].Value);
        throw new InvalidOperationException($"No link matching {pattern} on {list}");
    }

    private static async Task<Dictionary<string, int>> CountsAsync(TestDatabase db)
    {
        await using var ctx = db.NewContext();
        return new()
        {
            ["contests"] = await ctx.Contests.CountAsync(),
            ["banks"] = await ctx.QuestionBanks.CountAsync(),
            ["questions"] = await ctx.Questions.CountAsync(),
            ["units"] = await ctx.Units.CountAsync(),
            ["users"] = await ctx.Users.CountAsync(),
            ["rounds"] = await ctx.Set<Engine.Rounds.ContestRound>().CountAsync(),
            ["pitch rounds"] = await ctx.PitchRounds.CountAsync(),
            ["pitch teams"] = await ctx.Set<Engine.Pitches.PitchTeam>().CountAsync(),
            ["live games"] = await ctx.Set<Engine.LiveGames.LiveGameRecord>().CountAsync(),
        };
    }
}
