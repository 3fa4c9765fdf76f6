using System.Collections.Concurrent;
using Contest.Engine.Questions;
using Contest.Engine.Storage;
using Contest.Testing;
using Microsoft.Playwright;

namespace Contest.Browser.Tests.LiveGames;

/// <summary>
/// play.js when its node's Redis backplane comes back (docs/live-protocol.md, "Re-sync"). One node with Redis, so every
/// push goes through the backplane; the node's own backplane subscriptions are cut (CLIENT KILL by the name it gives
/// them, under this test's own prefix, on the shared test Redis). A push the phone missed — its reveal, dropped in the
/// phone's WebSocket — is shown once the node is back, long before the question's 60 s; a phone in the middle of
/// choosing keeps its choice.
/// </summary>
public class BackplaneResyncBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Once_the_backplane_is_back_a_phone_shows_the_reveal_it_missed_and_one_choosing_keeps_its_choice()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Postgres);
        var prefix = $"test-{Guid.NewGuid():N}:";
        await using var server = await ContestProcess.StartAsync(db, new Dictionary<string, string>
        {
            ["ConnectionStrings__Redis"] = TestServers.Redis, ["Contest__RedisPrefix"] = prefix,
        });
        int bankId;
        await using (var ctx = db.NewContext())
        {
            var bank = new QuestionBank
            {
                Name = "Nối lại Redis",
                Questions =
                [
                    new Question { Text = "Chọn hai đáp án đúng", Type = QuestionType.MultipleSelect, Options = ["Đúng 1", "Đúng 2", "Sai 1", "Sai 2"], CorrectOptions = [0, 1], TimeLimitSeconds = 60 },
                ],
            };
            ctx.QuestionBanks.Add(bank);
            await ctx.SaveChangesAsync();
            bankId = bank.Id;
        }

        await using var hostContext = await browser.DesktopAsync(server.BaseUrl);
        var host = await hostContext.NewPageAsync();
        var pin = await LiveHostSteps.CreateGameAsync(host, bankId, 1, h => h.SelectOptionAsync("#Scoring", "Accuracy"));
        var an = await PhoneAsync(server.BaseUrl, pin, "An");
        var binh = await PhoneAsync(server.BaseUrl, pin, "Bình");
        await Assertions.Expect(host.Locator("[data-testid=roster] li")).ToHaveCountAsync(2);
        await host.ClickAsync("[data-testid=host-primary]");

        // An answers; Bình has chosen one option and not sent yet.
        await an.Page.ClickAsync("[data-testid=option-0]");
        await an.Page.ClickAsync("[data-testid=option-1]");
        await an.Page.ClickAsync("[data-testid=send]");
        await an.Page.Locator("[data-testid=received]").WaitForAsync();
        await binh.Page.ClickAsync("[data-testid=option-0]");
        await Assertions.Expect(binh.Page.Locator("[data-testid=option-0]")).ToHaveAttributeAsync("aria-pressed", "true");

        // Backplane cut and back: Bình's page asks for its state (Rejoin answered) and keeps the question as it is.
        // Both phones are told; wait for both asks, so that An's (at a random moment within the spread) cannot come after
        // the reveal below and fetch it.
        var asked = binh.NextRejoinAfterResync();
        var anAsked = an.NextRejoinAfterResync();
        await BackplaneCut.CutAsync(prefix);
        await Task.WhenAll(asked, anAsked).WaitAsync(TimeSpan.FromSeconds(30));
        await Assertions.Expect(binh.Page.Locator("[data-testid=option-0]")).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(binh.Page.Locator("[data-testid=send]")).ToBeEnabledAsync();

        // The reveal is pushed: Bình gets it (the fence), An's is dropped, so An stays on "received".
        an.DropReveals = true;
        await host.ClickAsync("[data-testid=host-primary]"); // skip: close the question now
        await binh.Page.Locator("[data-testid=verdict]").WaitForAsync();
        Assert.True(an.Dropped > 0, "An's reveal was not pushed at all");
        await Assertions.Expect(an.Page.Locator("[data-testid=received]")).ToBeVisibleAsync();

        // Backplane cut and back: An's page re-syncs and shows the reveal — the question's 60 s are far off, so this is
        // not the page's own re-ask after the question's time.
        await BackplaneCut.CutAsync(prefix);
        await Assertions.Expect(an.Page.Locator("[data-testid=verdict]")).ToHaveTextAsync("Chính xác!", new() { Timeout = 15_000 });
        await Assertions.Expect(an.Page.Locator("[data-testid=score]")).ToHaveTextAsync("1.000");
        await BrowserFixture.ShotAsync(an.Page, "live-phone-resync-reveal");
        await Assertions.Expect(host.Locator("[data-testid=tally]")).ToBeVisibleAsync();
    }

    private async Task<Phone> PhoneAsync(string baseUrl, string pin, string name)
    {
        var ctx = await browser.PhoneAsync(baseUrl);
        var page = await ctx.NewPageAsync();
        var phone = new Phone(page);
        await page.RouteWebSocketAsync("**/hubs/live**", SignalRRelay.Through(phone.Keep, phone.Sent));
        await page.GotoAsync($"/play?pin={pin}");
        await page.FillAsync("[data-testid=nickname]", name);
        await page.ClickAsync("[data-testid=join]");
        await page.Locator("[data-testid=waiting]").WaitForAsync();
        return phone;
    }

    /// <summary>
    /// A phone page whose hub WebSocket passes through the test: SignalR's JSON messages (each ended by 0x1E) are relayed
    /// both ways, except pushed reveals while <see cref="DropReveals"/>; a Resync and the Rejoin it leads to are watched.
    /// </summary>
    private sealed class Phone(IPage page)
    {
        private readonly ConcurrentDictionary<string, byte> _rejoins = new();
        private volatile TaskCompletionSource? _resynced;
        private volatile bool _sawResync;
        private int _dropped;

        public IPage Page { get; } = page;
        public volatile bool DropReveals;
        public int Dropped => Volatile.Read(ref _dropped);

        /// <summary>Completes when the page, told to re-sync, has had its Rejoin answered.</summary>
        public Task NextRejoinAfterResync()
        {
            _sawResync = false;
            _resynced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _resynced.Task;
        }

        /// <summary>The page's calls: a Rejoin made after a Resync is watched for its answer.</summary>
        public void Sent(string message)
        {
            if (_sawResync && message.Contains("\"target\":\"Rejoin\"") && Field(message, "invocationId") is { } id) _rejoins[id] = 0;
        }

        /// <summary>What reaches the page: all but pushed reveals while <see cref="DropReveals"/>.</summary>
        public bool Keep(string message)
        {
            if (message.Contains("\"target\":\"Resync\"")) _sawResync = true;
            if (message.Contains("\"type\":3") && Field(message, "invocationId") is { } id && _rejoins.TryRemove(id, out _)) _resynced?.TrySetResult();
            if (!DropReveals || !message.Contains("\"target\":\"Revealed\"")) return true;
            Interlocked.Increment(ref _dropped);
            return false;
        }

        private static string? Field(string json, string name)
        {
            using var doc = System.Text.Json.JsonDocument.Parse(json);
            return doc.RootElement.TryGetProperty(name, out var v) ? v.ToString() : null;
        }
    }
}
