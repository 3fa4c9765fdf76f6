using System.Diagnostics;
using System.Globalization;
using Contest.Engine.Questions;
using Contest.Engine.Storage;
using Contest.Testing;
using Microsoft.Playwright;

namespace Contest.Browser.Tests.LiveGames;

/// <summary>host.js on a node that does not run the game, while the game changes server (docs/live-protocol.md, "Retrying").</summary>
public class CrossNodeHostBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_host_page_on_node_B_says_reconnecting_while_the_owner_is_frozen_then_starts_the_game()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Postgres);
        var prefix = $"test-{Guid.NewGuid():N}:";
        Dictionary<string, string> Node(string name) => new()
        {
            ["ConnectionStrings__Redis"] = TestServers.Redis, ["Contest__RedisPrefix"] = prefix, ["Contest__NodeName"] = name,
        };
        await using var a = await ContestProcess.StartAsync(db, Node("a"));
        await using var b = await ContestProcess.StartAsync(db, Node("b"));
        var frozen = false;
        try
        {
            int bankId;
            await using (var ctx = db.NewContext())
            {
                var bank = new QuestionBank
                {
                    Name = "Hai máy chủ",
                    Questions = [new Question { Text = "Đoàn thành lập năm nào?", Type = QuestionType.SingleChoice, Options = ["1930", "1931"], CorrectOptions = [1], TimeLimitSeconds = 60 }],
                };
                ctx.QuestionBanks.Add(bank);
                await ctx.SaveChangesAsync();
                bankId = bank.Id;
            }

            // Created on node A (A runs it); then the host page opens on node B. Cookies go by host, not port, and the
            // keys that sign them are shared in Redis, so the sign-in holds on B.
            await using var hostContext = await browser.DesktopAsync(a.BaseUrl);
            var host = await hostContext.NewPageAsync();
            var dialogs = new List<string>();
            host.Dialog += (_, d) => { dialogs.Add(d.Message); _ = d.DismissAsync(); };
            var pin = await LiveHostSteps.CreateGameAsync(host, bankId, 1, _ => Task.CompletedTask);
            var gameId = host.Url.Split('/').Last();
            await host.GotoAsync($"{b.BaseUrl}/live/host/{gameId}");
            Assert.Equal(pin, (await host.Locator("[data-testid=big-pin]").InnerTextAsync()).Trim());

            await using var phoneContext = await browser.PhoneAsync(b.BaseUrl);
            var phone = await phoneContext.NewPageAsync();
            await phone.GotoAsync($"/play?pin={pin}");
            await phone.FillAsync("[data-testid=nickname]", "An");
            await phone.ClickAsync("[data-testid=join]");
            await phone.Locator("[data-testid=waiting]").WaitForAsync();
            await Assertions.Expect(host.Locator("[data-testid=roster] li")).ToHaveCountAsync(1);

            // Whether the "reconnecting" note ever shows, recorded in the page (it may show for well under a second).
            await host.EvaluateAsync("""
                () => {
                  window.sawMoving = false;
                  const s = document.querySelector('[data-testid=host-status]');
                  new MutationObserver(() => { if (!s.hidden) window.sawMoving = true; }).observe(s, { attributes: true });
                }
                """);

            // Node A freezes (SIGSTOP: alive for Redis, silent). Start is relayed to A, unanswered for 15 s, refused "busy";
            // by then A's lease (5 s) has lapsed and B has taken the game over, so the page's retry starts it on B.
            Signal(a, "STOP");
            frozen = true;
            await host.ClickAsync("[data-testid=host-primary]");
            await Assertions.Expect(host.Locator("[data-testid=host-question]")).ToHaveTextAsync("Đoàn thành lập năm nào?", new() { Timeout = 60_000 });
            await phone.Locator("[data-testid=option-1]").WaitForAsync();
            Assert.True(await host.EvaluateAsync<bool>("window.sawMoving"));
            await Assertions.Expect(host.Locator("[data-testid=host-status]")).ToBeHiddenAsync();
            await Assertions.Expect(host.Locator("[data-testid=host-primary]")).ToBeEnabledAsync();
            Assert.Empty(dialogs); // no error box: the refusal was retried, not shown
            await BrowserFixture.ShotAsync(host, "live-host-after-takeover");

            // The player answers through B, which now runs the game: 1931 is right.
            await phone.ClickAsync("[data-testid=option-1]");
            await phone.Locator("[data-testid=received], [data-testid=verdict]").First.WaitForAsync();
        }
        finally
        {
            if (frozen) Signal(a, "CONT");
        }
    }

    private static void Signal(ContestProcess node, string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, node.ProcessId.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }
}
