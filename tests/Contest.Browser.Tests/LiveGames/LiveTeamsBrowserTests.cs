using Contest.Engine.Questions;
using Contest.Engine.Storage;
using Contest.Engine.Units;
using Contest.Testing;
using Microsoft.Playwright;

namespace Contest.Browser.Tests.LiveGames;

/// <summary>Team mode, a listening question and the host's longer timer, on three phones.</summary>
public class LiveTeamsBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    /// <summary>One second of 8 kHz, 8-bit mono silence: a real WAV file the browser can decode.</summary>
    private static byte[] SilentWav()
    {
        const int rate = 8000;
        using var ms = new MemoryStream();
        using var w = new BinaryWriter(ms);
        w.Write("RIFF"u8); w.Write(36 + rate); w.Write("WAVE"u8);
        w.Write("fmt "u8); w.Write(16); w.Write((short)1); w.Write((short)1); w.Write(rate); w.Write(rate); w.Write((short)1); w.Write((short)8);
        w.Write("data"u8); w.Write(rate);
        for (var i = 0; i < rate; i++) w.Write((byte)128);
        w.Flush();
        return ms.ToArray();
    }

    [Fact]
    public async Task Three_phones_in_two_units_hear_a_listening_question_and_see_their_unit_ranked_by_average()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var server = await ContestProcess.StartAsync(db);

        var media = Path.Combine(db.DataDirectory, "media");
        Directory.CreateDirectory(media);
        var audioName = Guid.NewGuid().ToString("N") + ".wav";
        await File.WriteAllBytesAsync(Path.Combine(media, audioName), SilentWav());

        int bankId, songBe, dongXoai;
        await using (var ctx = db.NewContext())
        {
            var a = new Unit { Name = "Đoàn xã Sông Bé", Level = UnitLevel.Grassroots, MemberCount = 40 };
            var b = new Unit { Name = "Đoàn phường Đồng Xoài", Level = UnitLevel.Grassroots, MemberCount = 25 };
            ctx.Units.Add(new Unit
            {
                Name = "Tỉnh Đoàn thử", Level = UnitLevel.Province,
                Children = [new Unit { Name = "Huyện Đoàn thử", Level = UnitLevel.District, Children = [a, b] }],
            });
            var bank = new QuestionBank
            {
                Name = "Listening",
                Language = "en",
                Questions =
                [
                    new Question
                    {
                        Text = "Listen. What did the speaker order?", Type = QuestionType.SingleChoice, Options = ["Tea", "Coffee", "Juice", "Water"], CorrectOptions = [1],
                        TimeLimitSeconds = 20, MediaKind = MediaKind.Audio, MediaUrl = "/media/" + audioName,
                    },
                ],
            };
            ctx.QuestionBanks.Add(bank);
            await ctx.SaveChangesAsync();
            (bankId, songBe, dongXoai) = (bank.Id, a.Id, b.Id);
        }

        await using var hostContext = await browser.DesktopAsync(server.BaseUrl, 1280, 720);
        var host = await hostContext.NewPageAsync();
        var pin = await LiveHostSteps.CreateGameAsync(host, bankId, 1, async h =>
        {
            await h.SelectOptionAsync("#Scoring", "Accuracy");
            await h.SelectOptionAsync("#Teams", "Average");
            await h.SelectOptionAsync("#Timer", "double");
        });

        // An and Bình play for Sông Bé, Chi for Đồng Xoài.
        var players = new[] { ("An", songBe), ("Bình", songBe), ("Chi", dongXoai) };
        var phones = new List<IPage>();
        foreach (var (name, unit) in players)
        {
            var ctx = await browser.PhoneAsync(server.BaseUrl);
            var phone = await ctx.NewPageAsync();
            await phone.GotoAsync($"/play?pin={pin}");
            await phone.FillAsync("[data-testid=nickname]", name);
            if (phones.Count == 0)
            {
                // The first player's team picker, open on a phone, for the record.
                await phone.Locator("#unit-search").FillAsync("song be");
                await Assertions.Expect(phone.Locator("#unit-list [role=option] .up-name").First).ToHaveTextAsync("Đoàn xã Sông Bé");
                await BrowserFixture.ShotAsync(phone, "live-join-unit-picker-phone");
            }
            await Units.UnitPickerSteps.ChooseAsync(phone, "unit", unit == songBe ? "song be" : "dong xoai", unit);
            await phone.ClickAsync("[data-testid=join]");
            await phone.Locator("[data-testid=waiting]").WaitForAsync();
            phones.Add(phone);
        }
        await Assertions.Expect(host.Locator("[data-testid=roster] li")).ToHaveCountAsync(3);
        await Assertions.Expect(host.Locator("[data-testid=roster]")).ToContainTextAsync("Đoàn phường Đồng Xoài");
        await host.ClickAsync("[data-testid=host-primary]");

        // The listening question: every phone has a player for the uploaded file and the browser can decode it.
        foreach (var p in phones) await p.Locator("audio.play-audio").WaitForAsync();
        Assert.EndsWith(audioName, await phones[0].Locator("audio.play-audio").GetAttributeAsync("src"));
        await BrowserFixture.WaitUntilAsync(phones[0], "document.querySelector('audio.play-audio').readyState >= 1");
        Assert.Equal(1.0, await phones[0].EvaluateAsync<double>("Math.round(document.querySelector('audio.play-audio').duration)"));
        // 20 s doubled by the host's "double time" option: the phone counts down from 40, far above 20.
        var shown = int.Parse(await phones[0].Locator("[data-testid=timer]").InnerTextAsync());
        Assert.InRange(shown, 30, 40);
        await BrowserFixture.ShotAsync(phones[0], "live-phone-listening");

        // Coffee (option 1) is right: An right, Bình wrong, Chi right. Accuracy scoring, 1000 points.
        await phones[0].ClickAsync("[data-testid=option-1]");
        await phones[1].ClickAsync("[data-testid=option-3]");
        await phones[2].ClickAsync("[data-testid=option-1]");
        await host.Locator("[data-testid=tally]").WaitForAsync();
        await host.ClickAsync("[data-testid=host-primary]"); // leaderboard
        await host.Locator("[data-testid=teams]").WaitForAsync();
        await host.ClickAsync("[data-testid=host-primary]"); // podium

        // Averages: Đồng Xoài 1000 / 1 = 1000 first; Sông Bé (1000 + 0) / 2 = 500 second.
        await host.Locator("[data-testid=podium]").WaitForAsync();
        var teams = await host.Locator("[data-testid=teams] li").AllInnerTextsAsync();
        Assert.Equal(2, teams.Count);
        Assert.Contains("Đoàn phường Đồng Xoài (1)", teams[0]);
        Assert.Contains("1.000", teams[0]);
        Assert.Contains("Đoàn xã Sông Bé (2)", teams[1]);
        Assert.Contains("500", teams[1]);
        await BrowserFixture.ShotAsync(host, "live-host-teams");

        Assert.Equal("2 · 500", await phones[1].Locator("[data-testid=final-team]").InnerTextAsync());
        Assert.Equal("1 · 1.000", await phones[2].Locator("[data-testid=final-team]").InnerTextAsync());
        Assert.Equal("0", await phones[1].Locator("[data-testid=final-score]").InnerTextAsync());
    }
}
