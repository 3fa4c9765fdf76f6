using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Contest.Engine.Events;
using Contest.Engine.Pitches;
using Contest.Engine.Storage;
using Contest.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Contest.Browser.Tests.Pitches;

/// <summary>The hall votes for the audience prize from phones, without accounts, through the projector's link.</summary>
public class AudienceVoteTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static ILocatorAssertions Expect(IPage page, string selector) => Assertions.Expect(page.Locator(selector));

    [Fact]
    public async Task Twenty_phones_vote_through_the_projectors_link_one_twice_and_the_projector_shows_the_prize_and_a_reused_ticket_is_refused()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var server = await ContestProcess.StartAsync(db);
        using var admin = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = new Uri(server.BaseUrl) };
        await AccountFlows.LoginAsync(admin, ContestApp.AdminUser, ContestApp.AdminPassword);
        var roundId = (await admin.GetFromJsonAsync<JsonElement>("/api/pitch/rounds"))[0].GetProperty("id").GetInt32();
        var teams = (await admin.GetFromJsonAsync<JsonElement>($"/api/pitch/rounds/{roundId}/control")).GetProperty("teams").EnumerateArray()
            .Select(t => (Id: t.GetProperty("id").GetInt32(), Name: t.GetProperty("name").GetString()!)).ToList();

        // The organizer opens the projector (the event screen showing the round) and the vote desk.
        await using var organizerContext = await browser.DesktopAsync(server.BaseUrl);
        var desk = await LoginAsync(organizerContext, $"/pitch/votes/{roundId}");
        await using var projectorContext = await browser.DesktopAsync(server.BaseUrl, 1920, 1080);
        var projector = await LoginAsync(projectorContext, $"/pitch/screen/{roundId}", expect: "**/screen/*");
        await Expect(projector.Locator("#screen")).ToHaveAttributeAsync("data-kind", "Pitch");
        var screenUrl = projector.Url;
        await using var smallContext = await browser.DesktopAsync(server.BaseUrl, 1280, 720);
        var small = await smallContext.NewPageAsync();
        await small.GotoAsync(screenUrl);

        await desk.ClickAsync("[data-testid=vote-toggle]");
        await Expect(desk, "[data-testid=vote-state]").ToHaveTextAsync("Đang mở bình chọn");
        // The projector invites the hall: the vote's address and its QR code, which encodes that address.
        var invite = projector.Locator("[data-testid=vote-invite]");
        await Expect(invite).ToBeVisibleAsync();
        await Expect(projector, "[data-testid=votes-cast]").ToHaveTextAsync("0 phiếu đã bầu");
        var link = "http://" + (await invite.Locator(".join-url").TextContentAsync())!.Trim();
        Assert.Equal($"{server.BaseUrl}/pitch/vote/{roundId}", link);
        var qr = await admin.GetAsync(await invite.Locator("img.qr").GetAttributeAsync("src"));
        Assert.Equal(("image/svg+xml", HttpStatusCode.OK), (qr.Content.Headers.ContentType!.MediaType, qr.StatusCode));
        Assert.True(await invite.Locator("img.qr").EvaluateAsync<bool>("i => i.complete && i.naturalWidth > 0"), "the QR image did not load");
        await BrowserFixture.ShotAsync(projector, "pitch-vote-projector-open-1920");
        await Expect(small.Locator("[data-testid=vote-invite]")).ToBeVisibleAsync();
        await BrowserFixture.ShotAsync(small, "pitch-vote-projector-open-1280");

        // Twenty phones, no accounts: 10 for team 1, 6 for team 2, 4 for team 3.
        int TeamOf(int phone) => phone < 10 ? 0 : phone < 16 ? 1 : 2;
        var phones = new List<IBrowserContext>();
        try
        {
            for (var i = 0; i < 20; i++) phones.Add(await browser.PhoneAsync(server.BaseUrl));
            var pages = new IPage[20];
            // Phone 0 has the page open twice (a second tab), as a double tap or an impatient voter would.
            var secondTab = await phones[0].NewPageAsync();
            for (var batch = 0; batch < 20; batch += 5)
            {
                await Task.WhenAll(Enumerable.Range(batch, 5).Select(async i =>
                {
                    pages[i] = await phones[i].NewPageAsync();
                    await pages[i].GotoAsync(link);
                    if (i == 0) await secondTab.GotoAsync(link);
                    var team = teams[TeamOf(i)];
                    await pages[i].ClickAsync($"[data-testid=vote-{team.Id}]");
                    await Expect(pages[i].Locator("[data-testid=vote-status]")).ToContainTextAsync($"Bạn đã bình chọn cho {team.Name}.");
                }));
            }
            await BrowserFixture.ShotAsync(pages[0], "pitch-vote-phone-voted-360");
            await AssertFitsPhoneAsync(pages[0]);

            // The second tab still offers the buttons; the tap is refused and the phone's first choice is shown.
            await secondTab.ClickAsync($"[data-testid=vote-{teams[1].Id}]");
            await Expect(secondTab.Locator("[data-testid=vote-status]")).ToContainTextAsync($"Điện thoại này đã bình chọn rồi. Bạn đã bình chọn cho {teams[0].Name}.");
            await Expect(secondTab.Locator($"[data-team-card='{teams[0].Id}'] [data-testid=mine]")).ToBeVisibleAsync();
            await Expect(secondTab.Locator("button[data-team]:enabled")).ToHaveCountAsync(0);
            // After a reload the page still knows.
            await pages[0].ReloadAsync();
            await Expect(pages[0].Locator("[data-testid=vote-status]")).ToHaveTextAsync($"Bạn đã bình chọn cho {teams[0].Name}.");
            await Expect(pages[0].Locator("button[data-team]:enabled")).ToHaveCountAsync(0);
            await BrowserFixture.ShotAsync(pages[0], "pitch-vote-phone-reloaded-360");

            // While open the projector counts votes but shows no leader.
            await Expect(projector, "[data-testid=votes-cast]").ToHaveTextAsync("20 phiếu đã bầu");
            await Expect(projector.Locator("[data-testid=votes]")).ToHaveCountAsync(0);
            await desk.ReloadAsync();
            await Expect(desk.Locator("[data-testid=by-address] tbody tr")).ToHaveCountAsync(1);
            await Expect(desk.Locator("[data-testid=refusals] tbody tr")).ToHaveCountAsync(1);
            await BrowserFixture.ShotAsync(desk, "pitch-vote-desk-1366");

            // The organizer closes the vote: the projector shows the audience prize, apart from the judges' ranking.
            await desk.ClickAsync("[data-testid=vote-toggle]");
            await Expect(desk, "[data-testid=vote-state]").ToHaveTextAsync("Đã đóng — kết quả đã công bố");
            var prize = projector.Locator("[data-testid=audience-prize]");
            await Expect(prize.Locator(".prize-team")).ToHaveTextAsync(teams[0].Name);
            await Expect(prize.Locator(".prize-votes")).ToHaveTextAsync("10 phiếu");
            await Expect(projector.Locator("[data-testid=votes] li .score").First).ToHaveTextAsync("10");
            await BrowserFixture.ShotAsync(projector, "pitch-vote-projector-prize-1920");
            await Expect(small.Locator("[data-testid=audience-prize] .prize-team")).ToHaveTextAsync(teams[0].Name);
            await BrowserFixture.ShotAsync(small, "pitch-vote-projector-prize-1280");
            await AssertFitsScreenAsync(small);
            await AssertFitsScreenAsync(projector);
            // Phones see the result too.
            await pages[19].ReloadAsync();
            await Expect(pages[19].Locator("[data-testid=vote-results] li.winner")).ToContainTextAsync(teams[0].Name);

            // The event's join screen for the vote (the director's "Audience vote" screen) at both sizes.
            int eventId;
            await using (var ctx = db.NewContext()) eventId = (await ctx.Set<ContestEvent>().SingleAsync()).Id;
            var director = await organizerContext.NewPageAsync();
            await director.GotoAsync($"/events/{eventId}");
            await director.SelectOptionAsync("[data-testid=target-PitchVote]", roundId.ToString());
            await director.ClickAsync("[data-testid=show-PitchVote]");
            await Expect(projector.Locator("#screen")).ToHaveAttributeAsync("data-kind", "PitchVote");
            await Expect(projector.Locator("[data-testid=audience-prize] .prize-team")).ToHaveTextAsync(teams[0].Name);

            // The stricter vote: ticket codes. A second voting (the organizer reopens with tickets on) and two new phones.
            await desk.ClickAsync("[data-testid=tickets-toggle]");
            await desk.FillAsync("[data-testid=ticket-count]", "3");
            await desk.ClickAsync("[data-testid=tickets-generate]");
            await Expect(desk, "[data-testid=tickets]").ToHaveTextAsync("Đã tạo 3 mã, đã dùng 0.");
            await desk.ClickAsync("[data-testid=vote-toggle]");
            await Expect(projector.Locator("[data-testid=vote-invite] .qr")).ToBeVisibleAsync();
            await BrowserFixture.ShotAsync(projector, "pitch-vote-join-screen-1920");
            await small.ReloadAsync();
            await Expect(small.Locator("[data-testid=vote-invite] .qr")).ToBeVisibleAsync();
            await BrowserFixture.ShotAsync(small, "pitch-vote-join-screen-1280");
            string code;
            await using (var ctx = db.NewContext()) code = AudienceVoteRules.PrintTicket((await ctx.Set<AudienceTicket>().OrderBy(t => t.Id).FirstAsync()).Code);

            var first = await (await NewPhoneAsync(phones, server.BaseUrl)).NewPageAsync();
            await first.GotoAsync(link);
            await first.FillAsync("[data-testid=ticket]", code.ToLowerInvariant());
            await BrowserFixture.ShotAsync(first, "pitch-vote-phone-ticket-360");
            await first.ClickAsync($"[data-testid=vote-{teams[2].Id}]");
            await Expect(first.Locator("[data-testid=vote-status]")).ToContainTextAsync($"Bạn đã bình chọn cho {teams[2].Name}.");
            var second = await (await NewPhoneAsync(phones, server.BaseUrl)).NewPageAsync();
            await second.GotoAsync(link);
            await second.ClickAsync($"[data-testid=vote-{teams[1].Id}]");
            await Expect(second.Locator("[data-testid=vote-status]")).ToHaveTextAsync("Hãy nhập mã phiếu in trên vé của bạn.");
            await second.FillAsync("[data-testid=ticket]", code);
            await second.ClickAsync($"[data-testid=vote-{teams[1].Id}]");
            await Expect(second.Locator("[data-testid=vote-status]")).ToHaveTextAsync("Mã phiếu này đã được dùng.");
            // Refused for the ticket, the phone may still vote with a code of its own.
            await Expect(second.Locator($"[data-testid=vote-{teams[1].Id}]")).ToBeEnabledAsync();
            await BrowserFixture.ShotAsync(second, "pitch-vote-phone-ticket-used-360");
            await AssertFitsPhoneAsync(second);

            // English, complete: the same page for a phone that chose English.
            var english = await (await NewPhoneAsync(phones, server.BaseUrl)).NewPageAsync();
            await english.GotoAsync(link + "?culture=en");
            await Expect(english.Locator("h1")).ToHaveTextAsync("People's choice");
            await Expect(english.Locator("label[for=ticket]")).ToHaveTextAsync("Ticket code");
            await BrowserFixture.ShotAsync(english, "pitch-vote-phone-english-360");
        }
        finally
        {
            foreach (var p in phones) await p.DisposeAsync();
        }
    }

    private async Task<IBrowserContext> NewPhoneAsync(List<IBrowserContext> phones, string baseUrl)
    {
        var phone = await browser.PhoneAsync(baseUrl);
        phones.Add(phone);
        return phone;
    }

    private static async Task<IPage> LoginAsync(IBrowserContext context, string target, string? expect = null)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login?ReturnUrl=" + Uri.EscapeDataString(target));
        await page.FillAsync("#UserName", ContestApp.AdminUser);
        await page.FillAsync("#Password", ContestApp.AdminPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(expect ?? "**" + target);
        return page;
    }

    private static async Task AssertFitsPhoneAsync(IPage page)
    {
        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 360, $"vote page scrolls sideways: {scrollWidth}");
        var box = await page.Locator("button[data-team]").First.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.Height >= 48, $"the vote button is {box.Height} px tall");
    }

    /// <summary>A projector cannot scroll: everything on the stage must be inside the window.</summary>
    private static async Task AssertFitsScreenAsync(IPage page)
    {
        var overflow = await page.EvaluateAsync<int>("() => Math.max(0, ...[...document.querySelectorAll('.stage *')].map(e => e.getBoundingClientRect().bottom - window.innerHeight))");
        Assert.True(overflow <= 1, $"the projector overflows by {overflow} px");
    }
}
