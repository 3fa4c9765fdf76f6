using System.Globalization;
using System.Text.RegularExpressions;
using Contest.Engine.Questions;
using Contest.Engine.Storage;
using Contest.Testing;
using Microsoft.Playwright;

namespace Contest.Browser.Tests.LiveGames;

/// <summary>
/// The host's presenter view as the hall sees it on a 1920×1080 or 1280×720 projector: a countdown that moves on the
/// host and on phones, one answer palette on every screen, the podium in three steps, nothing printed as "null".
/// </summary>
public partial class LivePresenterBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    /// <summary>The palette (css/palette.css) as computed colours: red, blue, yellow, green.</summary>
    private static readonly string[] Palette = ["rgb(208, 25, 55)", "rgb(19, 104, 206)", "rgb(245, 196, 0)", "rgb(31, 122, 10)"];

    private sealed record Bank(int Id, int FirstQuestionId);

    private static async Task<Bank> AddBankAsync(TestDatabase db, string? imageUrl)
    {
        await using var ctx = db.NewContext();
        var first = new Question
        {
            Text = "Đoàn Thanh niên Cộng sản Hồ Chí Minh được thành lập vào năm nào?", Type = QuestionType.SingleChoice,
            Options = ["1930", "1931", "1941", "1945"], CorrectOptions = [1], TimeLimitSeconds = 20,
            Explanation = "Ngày 26/3/1931, Hội nghị Ban Chấp hành Trung ương Đảng quyết định thành lập Đoàn; ngày 26/3 trở thành Ngày thành lập Đoàn.",
            MediaKind = imageUrl is null ? MediaKind.None : MediaKind.Image, MediaUrl = imageUrl,
        };
        var bank = new QuestionBank
        {
            Name = "Chung kết Tháng Thanh niên",
            Questions =
            [
                first,
                new Question
                {
                    Text = "Những phong trào nào do Đoàn phát động?", Type = QuestionType.MultipleSelect,
                    Options = ["Thanh niên tình nguyện", "Tiếp sức mùa thi", "Ngày hội đọc sách quốc tế", "Mùa hè xanh"], CorrectOptions = [0, 1, 3],
                    PartialCredit = true, TimeLimitSeconds = 20, Explanation = "Thanh niên tình nguyện, Tiếp sức mùa thi và Mùa hè xanh đều là phong trào của Đoàn.",
                },
                new Question
                {
                    Text = "Tháng Thanh niên là tháng mấy?", Type = QuestionType.SingleChoice,
                    Options = ["Tháng 1", "Tháng 3", "Tháng 5", "Tháng 9"], CorrectOptions = [1], TimeLimitSeconds = 20,
                    Explanation = "Tháng 3 hằng năm là Tháng Thanh niên, gắn với ngày thành lập Đoàn 26/3.",
                },
            ],
        };
        ctx.QuestionBanks.Add(bank);
        await ctx.SaveChangesAsync();
        return new Bank(bank.Id, first.Id);
    }

    /// <summary>A picture for the first question, drawn for this test by the browser itself (nothing to license).</summary>
    private async Task<string> DrawImageAsync(TestDatabase db)
    {
        await using var ctx = await browser.DesktopAsync("http://localhost", 960, 540);
        var page = await ctx.NewPageAsync();
        await page.SetContentAsync("""
            <body style="margin:0">
            <svg xmlns="http://www.w3.org/2000/svg" width="960" height="540" viewBox="0 0 960 540">
              <defs><linearGradient id="s" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#0b4ea2"/><stop offset="1" stop-color="#4f8fe0"/></linearGradient></defs>
              <rect width="960" height="540" fill="url(#s)"/>
              <circle cx="760" cy="120" r="70" fill="#ffd200"/>
              <path d="M0 420 L200 300 L380 400 L560 260 L760 380 L960 300 L960 540 L0 540 Z" fill="#1f7a0a"/>
              <path d="M0 470 L240 380 L480 460 L720 390 L960 450 L960 540 L0 540 Z" fill="#145a06"/>
              <g transform="translate(250 110)" fill="#d01937"><rect width="300" height="200" rx="6"/></g>
              <polygon points="400,160 414,200 456,200 422,224 435,264 400,240 365,264 378,224 344,200 386,200" fill="#ffd200"/>
              <rect x="246" y="110" width="6" height="330" fill="#3a2a1a"/>
              <text x="480" y="510" text-anchor="middle" font-family="sans-serif" font-size="44" font-weight="700" fill="#fff">26 · 3</text>
            </svg></body>
            """);
        var png = await page.ScreenshotAsync(new PageScreenshotOptions { Clip = new Clip { X = 0, Y = 0, Width = 960, Height = 540 } });
        var media = Path.Combine(db.DataDirectory, "media");
        Directory.CreateDirectory(media);
        var name = Guid.NewGuid().ToString("N") + ".png";
        await File.WriteAllBytesAsync(Path.Combine(media, name), png);
        return "/media/" + name;
    }

    private static async Task<IPage> JoinAsync(BrowserFixture browser, string baseUrl, string pin, string name)
    {
        var ctx = await browser.PhoneAsync(baseUrl);
        var phone = await ctx.NewPageAsync();
        await phone.GotoAsync($"/play?pin={pin}");
        await phone.FillAsync("[data-testid=nickname]", name);
        await phone.ClickAsync("[data-testid=join]");
        await phone.Locator("[data-testid=waiting]").WaitForAsync();
        return phone;
    }

    private static async Task<int> SecondsAsync(IPage page, string selector) =>
        int.Parse((await page.Locator(selector).InnerTextAsync()).Trim(), CultureInfo.InvariantCulture);

    /// <summary>The seconds shown on the host and a phone 1 s and 6 s into the question: they must fall by at least 3.</summary>
    private static async Task AssertCountdownMovesAsync(IPage host, IPage phone)
    {
        var opened = DateTime.UtcNow;
        await Task.Delay(1000);
        var (host1, phone1) = (await SecondsAsync(host, "[data-testid=host-timer]"), await SecondsAsync(phone, "[data-testid=timer]"));
        await Task.Delay(opened.AddSeconds(6) - DateTime.UtcNow);
        var (host6, phone6) = (await SecondsAsync(host, "[data-testid=host-timer]"), await SecondsAsync(phone, "[data-testid=timer]"));
        Assert.InRange(host1, 17, 20);
        Assert.InRange(phone1, 17, 20);
        Assert.True(host1 - host6 >= 3, $"host countdown {host1} → {host6}");
        Assert.True(phone1 - phone6 >= 3, $"phone countdown {phone1} → {phone6}");
    }

    [GeneratedRegex(@"\b(null|undefined|NaN)\b")]
    private static partial Regex Unprinted();

    private static async Task AssertNoNullAsync(IPage page, string where)
    {
        var text = await page.EvaluateAsync<string>("document.body.innerText");
        Assert.False(Unprinted().IsMatch(text), $"{where} shows: {Unprinted().Match(text).Value} in «{text}»");
    }

    private static async Task AssertPresenterFillsAsync(IPage host)
    {
        var box = await host.Locator("[data-testid=presenter]").BoundingBoxAsync();
        var width = host.ViewportSize!.Width;
        Assert.NotNull(box);
        Assert.True(box.Width >= 0.9 * width, $"presenter {box.Width} px of {width}");
        Assert.True(box.Height >= 0.9 * host.ViewportSize.Height, $"presenter {box.Height} px high of {host.ViewportSize.Height}");
        await Assertions.Expect(host.Locator("header.topbar")).ToBeHiddenAsync();
    }

    private static async Task<double> FontSizeAsync(IPage page, string selector) =>
        await page.Locator(selector).First.EvaluateAsync<double>("e => parseFloat(getComputedStyle(e).fontSize)");

    /// <summary>Background colours of the first four answer tiles, and their text's contrast (WCAG) computed from the page.</summary>
    private static async Task<string[]> ColoursAsync(IPage page, string tiles)
    {
        var found = await page.Locator(tiles).EvaluateAllAsync<string[][]>("""
            els => els.slice(0, 4).map(e => { const s = getComputedStyle(e); return [s.backgroundColor, s.color]; })
            """);
        foreach (var pair in found) Assert.True(Contrast(pair[0], pair[1]) >= 4.5, $"{tiles}: {pair[1]} on {pair[0]} has contrast {Contrast(pair[0], pair[1]):0.00}");
        return found.Select(p => p[0]).ToArray();
    }

    private static double Contrast(string a, string b)
    {
        static double Luminance(string rgb)
        {
            var c = Regex.Matches(rgb, @"\d+").Take(3).Select(m => int.Parse(m.Value, CultureInfo.InvariantCulture) / 255.0)
                .Select(x => x <= 0.04045 ? x / 12.92 : Math.Pow((x + 0.055) / 1.055, 2.4)).ToArray();
            return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
        }
        var (la, lb) = (Luminance(a), Luminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    /// <summary>Saved with the test artifacts and into docs/screenshots, where the README shows it.</summary>
    private static async Task DocShotAsync(IPage page, string name)
    {
        await page.WaitForTimeoutAsync(900); // entrance animations settle
        var path = Path.Combine(BrowserFixture.ArtifactsDirectory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "Contest.sln"))) continue;
            var docs = Path.Combine(dir.FullName, "docs", "screenshots");
            if (Directory.Exists(docs)) File.Copy(path, Path.Combine(docs, name + ".png"), overwrite: true);
            break;
        }
    }

    [Fact]
    public async Task At_1080p_the_presenter_view_fills_the_screen_counts_down_and_shows_one_palette_everywhere()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var server = await ContestProcess.StartAsync(db);
        var bank = await AddBankAsync(db, await DrawImageAsync(db));

        await using var hostContext = await browser.DesktopAsync(server.BaseUrl, 1920, 1080);
        var host = await hostContext.NewPageAsync();
        var pin = await LiveHostSteps.CreateGameAsync(host, bank.Id, 3, _ => Task.CompletedTask);
        await AssertPresenterFillsAsync(host);

        var names = new[] { "Minh Anh", "Quốc Bảo", "Thu Hà", "Đức Huy", "Lan Chi" };
        var phones = new List<IPage>();
        foreach (var name in names) phones.Add(await JoinAsync(browser, server.BaseUrl, pin, name));
        await Assertions.Expect(host.Locator("[data-testid=roster] li")).ToHaveCountAsync(names.Length);
        await Assertions.Expect(host.Locator("[data-testid=roster-count]")).ToHaveTextAsync("5 người chơi");
        await AssertNoNullAsync(host, "lobby");
        await BrowserFixture.ShotAsync(host, "live-presenter-lobby");

        // Question 1, 20 s: nobody answers for 6 s; both clocks must move.
        await host.ClickAsync("[data-testid=host-primary]");
        await host.Locator("[data-testid=host-timer] [data-testid=seconds]").WaitForAsync();
        await phones[0].Locator("[data-testid=timer]").WaitForAsync();
        var countdown = AssertCountdownMovesAsync(host, phones[0]);

        // Meanwhile: the event projector, opened from the host page with one click, shows the same question.
        var projectorOpened = hostContext.WaitForPageAsync();
        await host.ClickAsync("[data-testid=host-projector]");
        var projector = await projectorOpened;
        await projector.Locator("[data-testid=question]").WaitForAsync();
        await countdown;

        Assert.True(await FontSizeAsync(host, "[data-testid=host-question]") >= 48, "question type below 48 px at 1080p");
        Assert.True(await FontSizeAsync(host, ".host-option") >= 32, "answer type below 32 px at 1080p");
        await AssertPresenterFillsAsync(host);
        foreach (var (page, where) in new[] { (host, "host"), (phones[0], "phone"), (projector, "projector") }) await AssertNoNullAsync(page, where);
        await Assertions.Expect(host.Locator("[data-testid=host-join]")).ToBeVisibleAsync();
        await Assertions.Expect(host.Locator("[data-testid=answered]")).ToContainTextAsync("0");

        // One palette: the phone, the host, the projector and the question editor's preview colour options 1–4 alike.
        Assert.Equal(Palette, await ColoursAsync(phones[0], ".answers .answer"));
        Assert.Equal(Palette, await ColoursAsync(host, ".host-options .host-option"));
        Assert.Equal(Palette, await ColoursAsync(projector, ".options .opt"));
        var editor = await hostContext.NewPageAsync();
        await editor.GotoAsync($"/admin/banks/{bank.Id}/questions/{bank.FirstQuestionId}");
        Assert.Equal(Palette, await ColoursAsync(editor, "[data-testid=phone-preview] .choice"));
        await BrowserFixture.ShotAsync(editor, "live-palette-editor-preview");
        await BrowserFixture.ShotAsync(projector, "live-palette-projector");
        await editor.CloseAsync();
        // Spoken in the page's language: letter and shape in Vietnamese.
        Assert.StartsWith("Đáp án A, hình tam giác: ", await phones[0].Locator(".answers .answer").First.GetAttributeAsync("aria-label"));
        await DocShotAsync(host, "live-presenter-question");

        // Two right, three wrong in different ways: the reveal shows the distribution and the explanation.
        var picks = new[] { "1931", "1931", "1930", "1945", "1941" };
        for (var i = 0; i < phones.Count; i++) await phones[i].Locator(".answers .answer", new() { HasText = picks[i] }).ClickAsync();
        await host.Locator("[data-testid=tally]").WaitForAsync();
        await Assertions.Expect(host.Locator("[data-testid=explanation]")).ToContainTextAsync("26/3/1931");
        await Assertions.Expect(host.Locator("[data-testid=distribution] .dist-col.correct")).ToHaveCountAsync(1);
        await AssertNoNullAsync(host, "reveal");
        await DocShotAsync(host, "live-presenter-reveal");
        await host.Keyboard.PressAsync("ArrowRight");
        await host.Locator("[data-testid=standings]").WaitForAsync();
        await host.Keyboard.PressAsync("ArrowRight");

        // Question 2, choose all that apply: the phones say so. Thu Hà and Đức Huy get all three and overtake Minh Anh,
        // who picks a wrong one: the leaderboard shows them moving up and her moving down.
        await phones[0].Locator("[data-testid=hint]").WaitForAsync();
        Assert.Equal("Chọn tất cả đáp án đúng", await phones[0].Locator("[data-testid=hint]").InnerTextAsync());
        var right = new[] { "Thanh niên tình nguyện", "Tiếp sức mùa thi", "Mùa hè xanh" };
        var chosen = new[] { new[] { "Ngày hội đọc sách quốc tế" }, right[..1], right, right, right[..2] };
        for (var i = 0; i < phones.Count; i++)
        {
            foreach (var text in chosen[i]) await phones[i].Locator(".answers .answer", new() { HasText = text }).ClickAsync();
            await phones[i].ClickAsync("[data-testid=send]");
        }
        await host.Locator("[data-testid=tally]").WaitForAsync();
        await host.Keyboard.PressAsync("ArrowRight");
        await host.Locator("[data-testid=standings]").WaitForAsync();
        await Assertions.Expect(host.Locator("[data-testid=standings] li", new() { HasText = "Thu Hà" }).Locator(".move.up")).ToBeVisibleAsync();
        await Assertions.Expect(host.Locator("[data-testid=standings] li", new() { HasText = "Minh Anh" }).Locator(".move.down")).ToBeVisibleAsync();
        await AssertNoNullAsync(host, "leaderboard");
        await DocShotAsync(host, "live-presenter-leaderboard");
        await host.Keyboard.PressAsync("ArrowRight");

        // Question 3, then the podium: third, second, first, about a second apart.
        await phones[0].Locator(".answers .answer").First.WaitForAsync();
        var third = new[] { "Tháng 3", "Tháng 3", "Tháng 3", "Tháng 3", "Tháng 5" };
        for (var i = 0; i < phones.Count; i++) await phones[i].Locator(".answers .answer", new() { HasText = third[i] }).ClickAsync();
        await host.Locator("[data-testid=tally]").WaitForAsync();
        await host.Keyboard.PressAsync("ArrowRight");
        await host.Locator("[data-testid=standings]").WaitForAsync();
        await host.EvaluateAsync("""
            () => { window.__steps = []; const t0 = performance.now();
              new MutationObserver(() => document.querySelectorAll('.podium-step.shown').forEach(li => {
                if (!window.__steps.some(s => s.place === +li.dataset.place)) window.__steps.push({ place: +li.dataset.place, t: performance.now() - t0,
                  shown: document.querySelectorAll('.podium-step.shown').length });
              })).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['class'] }); }
            """);
        await host.Keyboard.PressAsync("ArrowRight");
        await host.Locator("[data-testid=podium]").WaitForAsync();
        await BrowserFixture.WaitUntilAsync(host, "window.__steps.length === 3");
        var steps = await host.EvaluateAsync<Step[]>("window.__steps");
        Assert.Equal([3, 2, 1], steps.Select(s => s.Place));
        Assert.Equal([1, 2, 3], steps.Select(s => s.Shown));
        Assert.True(steps[1].T - steps[0].T >= 600 && steps[2].T - steps[1].T >= 600, $"podium steps at {string.Join(", ", steps.Select(s => s.T))} ms");
        await AssertNoNullAsync(host, "podium");
        await DocShotAsync(host, "live-presenter-podium");

        // After the podium: the debrief, with the export.
        await host.Keyboard.PressAsync("ArrowRight");
        await host.Locator("[data-testid=debrief]").WaitForAsync();
        await AssertNoNullAsync(host, "debrief");
        await DocShotAsync(host, "live-presenter-debrief");
        await projector.CloseAsync();
    }

    /// <summary>A podium place as it appeared: which place, when (ms after the watch began), how many places were shown then.</summary>
    private sealed class Step
    {
        public int Place { get; set; }
        public double T { get; set; }
        public int Shown { get; set; }
    }

    [Fact]
    public async Task At_720p_the_presenter_view_scales_and_a_wrong_pin_is_refused_before_the_nickname()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var server = await ContestProcess.StartAsync(db);
        var bank = await AddBankAsync(db, null);

        await using var hostContext = await browser.DesktopAsync(server.BaseUrl, 1280, 720);
        var host = await hostContext.NewPageAsync();
        var pin = await LiveHostSteps.CreateGameAsync(host, bank.Id, 1, _ => Task.CompletedTask);
        await AssertPresenterFillsAsync(host);

        // A PIN that names no game is refused at the PIN step, with the PIN kept to correct; no nickname is asked.
        var wrong = pin == "000000" ? "000001" : "000000";
        var lostContext = await browser.PhoneAsync(server.BaseUrl);
        var lost = await lostContext.NewPageAsync();
        await lost.GotoAsync("/");
        await lost.FillAsync("#pin", wrong);
        await lost.ClickAsync("#join button");
        await Assertions.Expect(lost.Locator("[data-testid=pin-error]")).ToHaveTextAsync("Không có trò chơi nào với mã PIN này.");
        await Assertions.Expect(lost.Locator("#pin")).ToHaveValueAsync(wrong);
        Assert.Equal(0, await lost.Locator("[data-testid=nickname]").CountAsync());

        var errors = new List<string>();
        host.PageError += (_, e) => errors.Add(e);
        // Sound is off until the host turns it on; the choice is remembered.
        await Assertions.Expect(host.Locator("[data-testid=host-sound]")).ToHaveAttributeAsync("aria-pressed", "false");
        await host.ClickAsync("[data-testid=host-sound]");
        await Assertions.Expect(host.Locator("[data-testid=host-sound]")).ToHaveTextAsync("Tắt âm thanh");
        await host.ReloadAsync();
        await Assertions.Expect(host.Locator("[data-testid=host-sound]")).ToHaveAttributeAsync("aria-pressed", "true");

        var phone = await JoinAsync(browser, server.BaseUrl, pin, "Thảo");
        // In English one player is "1 player", never "1 players" (a second host tab, switched to English and back).
        var english = await hostContext.NewPageAsync();
        await english.GotoAsync("/culture/en?returnUrl=" + Uri.EscapeDataString(new Uri(host.Url).PathAndQuery));
        await Assertions.Expect(english.Locator("[data-testid=roster-count]")).ToHaveTextAsync("1 player");
        await Assertions.Expect(english.Locator("[data-testid=host-count]")).ToHaveTextAsync("1 player");
        await english.GotoAsync("/culture/vi?returnUrl=%2F");
        await english.CloseAsync();
        // A phone whose own clock runs 45 s fast: the measured offset puts its countdown right all the same.
        var skewedContext = await browser.PhoneAsync(server.BaseUrl);
        await skewedContext.AddInitScriptAsync("(() => { const now = Date.now; Date.now = () => now() + 45000; })()");
        var skewedPage = await skewedContext.NewPageAsync();
        await skewedPage.GotoAsync($"/play?pin={pin}");
        await skewedPage.FillAsync("[data-testid=nickname]", "Khoa");
        await skewedPage.ClickAsync("[data-testid=join]");
        await skewedPage.Locator("[data-testid=waiting]").WaitForAsync();
        await Assertions.Expect(host.Locator("[data-testid=roster-count]")).ToHaveTextAsync("2 người chơi");
        await host.ClickAsync("[data-testid=host-primary]");
        await host.Locator("[data-testid=host-timer] [data-testid=seconds]").WaitForAsync();
        await phone.Locator("[data-testid=timer]").WaitForAsync();
        await AssertCountdownMovesAsync(host, phone);
        Assert.True(await skewedPage.EvaluateAsync<bool>("Live.clock.synced && Math.abs(Live.clock.offset + 45000) < 1000"), "the fast phone's clock offset was not measured");
        Assert.InRange(await SecondsAsync(skewedPage, "[data-testid=timer]") - await SecondsAsync(phone, "[data-testid=timer]"), -1, 1);

        // Scaled to the smaller screen, still readable: 2.6vw and 1.8vw of 1280 px.
        Assert.InRange(await FontSizeAsync(host, "[data-testid=host-question]"), 32, 48);
        Assert.InRange(await FontSizeAsync(host, ".host-option"), 22, 32);
        await AssertPresenterFillsAsync(host);
        await AssertNoNullAsync(host, "host at 720p");
        await AssertNoNullAsync(phone, "phone");
        await BrowserFixture.ShotAsync(host, "live-presenter-question-720");
        await BrowserFixture.ShotAsync(phone, "live-phone-question-ring");

        // A reloaded phone shows the time left from the server's deadline, and it keeps moving.
        await phone.ReloadAsync();
        await phone.Locator("[data-testid=timer]").WaitForAsync();
        var afterReload = await SecondsAsync(phone, "[data-testid=timer]");
        Assert.InRange(afterReload, 8, 15);
        await phone.WaitForTimeoutAsync(2100);
        Assert.True(await SecondsAsync(phone, "[data-testid=timer]") <= afterReload - 2, "the reloaded phone's countdown stands still");

        // And two are "2 players".
        await host.GotoAsync("/culture/en?returnUrl=" + Uri.EscapeDataString(new Uri(host.Url).PathAndQuery));
        await Assertions.Expect(host.Locator("[data-testid=host-count]")).ToHaveTextAsync("2 players");
        await skewedContext.CloseAsync();
        await AssertNoNullAsync(host, "host in English");
        Assert.Empty(errors);
    }
}
