using System.Net.Http.Json;
using Contest.Engine.Contests;
using Contest.Engine.Questions;
using Contest.Engine.Rounds;
using Contest.Engine.Storage;
using Contest.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Contest.Browser.Tests.Rounds;

/// <summary>The English contest end to end: an organiser uploads a listening clip, a participant on a phone hears it and answers in English.</summary>
public class EnglishListeningRoundTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Listening = "Listen to the clip. What does the speaker ask you to do?";
    private const string Right = "Join the volunteer team";

    [Fact]
    public async Task An_english_round_is_in_english_and_its_listening_question_plays_the_uploaded_audio_on_a_phone()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var server = await ContestProcess.StartAsync(db);

        int contestId, bankId, listeningId, grammarId, unitId;
        string unitName;
        await using (var ctx = db.NewContext())
        {
            var contest = new ContestInfo { Name = "English Olympiad for Youth Union members", Kind = ContestKind.OnlineRound, Language = "en" };
            ctx.Contests.Add(contest);
            var bank = new QuestionBank { Name = "English — listening", Language = "en" };
            var listening = new Question { Type = QuestionType.SingleChoice, Language = "en", Text = Listening, Options = ["Buy a ticket", Right, "Close the window"], CorrectOptions = [1], Explanation = "The speaker says: please join the volunteer team." };
            var grammar = new Question { Type = QuestionType.SingleChoice, Language = "en", Text = "She ___ to Hue last summer.", Options = ["go", "went", "goes"], CorrectOptions = [1] };
            bank.Questions.Add(listening);
            bank.Questions.Add(grammar);
            ctx.QuestionBanks.Add(bank);
            await ctx.SaveChangesAsync();
            (contestId, bankId, listeningId, grammarId) = (contest.Id, bank.Id, listening.Id, grammar.Id);
            var unit = await ctx.Units.Where(u => u.ParentId != null).OrderBy(u => u.Id).Select(u => new { u.Id, u.Name }).FirstAsync();
            (unitId, unitName) = (unit.Id, unit.Name);
        }

        // The organiser uploads the clip on the question's page (a one-second 440 Hz tone as WAV).
        var clip = Path.Combine(Path.GetTempPath(), $"listening-{Guid.NewGuid():N}.wav");
        await File.WriteAllBytesAsync(clip, Tone(seconds: 1));
        await using (var desk = await browser.DesktopAsync(server.BaseUrl))
        {
            var adminPage = await desk.NewPageAsync();
            await adminPage.GotoAsync($"/account/login?ReturnUrl=%2Fadmin%2Fbanks%2F{bankId}%2Fquestions%2F{listeningId}");
            await adminPage.FillAsync("#UserName", ContestApp.AdminUser);
            await adminPage.FillAsync("#Password", ContestApp.AdminPassword);
            await adminPage.ClickAsync("button[type=submit]");
            await adminPage.WaitForURLAsync($"**/admin/banks/{bankId}/questions/{listeningId}");
            // Empty optional boxes are fine; the accepted-answers box is hidden for a choice question.
            await adminPage.FillAsync("#Tags", "listening");
            await adminPage.SetInputFilesAsync("#MediaFile", clip);
            await adminPage.ClickAsync("form[enctype='multipart/form-data'] button[type=submit]");
            await adminPage.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var body = await adminPage.InnerTextAsync("body");
            Assert.True(await adminPage.Locator("p.ok[role=status]").CountAsync() == 1, $"not saved: {adminPage.Url}\n{body[..Math.Min(body.Length, 500)]}\n{server.Output[Math.Max(0, server.Output.Length - 4000)..]}");
        }
        File.Delete(clip);
        string mediaUrl;
        await using (var ctx = db.NewContext())
        {
            var q = await ctx.Questions.AsNoTracking().SingleAsync(x => x.Id == listeningId);
            Assert.Equal(MediaKind.Audio, q.MediaKind);
            mediaUrl = q.MediaUrl!;
        }

        using var admin = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = new Uri(server.BaseUrl) };
        await AccountFlows.LoginAsync(admin, ContestApp.AdminUser, ContestApp.AdminPassword);
        var now = DateTimeOffset.UtcNow;
        var created = await admin.PostAsJsonAsync("/api/rounds", new ContestRound
        {
            ContestId = contestId, Name = "Round 1 — Listening", Language = "en", OpensAt = now.AddSeconds(2), ClosesAt = now.AddHours(1),
            TimeLimitSeconds = 300, AttemptsAllowed = 1, Selection = SelectionMode.Fixed, FixedQuestionIds = [listeningId, grammarId],
            PredictionQuestion = "How many participants will answer both questions correctly?",
        });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var roundId = (await created.Content.ReadFromJsonAsync<Contest.Web.Rounds.RoundSummary>())!.Id;

        await using var context = await browser.PhoneAsync(server.BaseUrl);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/rounds/register");
        await page.FillAsync("#FullName", "Trần Minh Khoa");
        await page.FillAsync("#DateOfBirth", "2003-09-02");
        await Units.UnitPickerSteps.ChooseAsync(page, "UnitId", unitName, unitId);
        await page.FillAsync("#Phone", "0987 654 321");
        await page.FillAsync("#Password", "Khoa-2003-Doan");
        await page.ClickAsync("[data-testid=register-submit]");
        await page.WaitForURLAsync("**/rounds");

        var take = page.Locator($"[data-testid=take-{roundId}]");
        for (var i = 0; i < 60 && await take.CountAsync() == 0; i++)
        {
            await Task.Delay(500);
            await page.ReloadAsync();
        }
        await take.ClickAsync();
        await page.WaitForURLAsync("**/rounds/attempt/**");

        // The attempt's pages are in English (the round's language), though this phone never chose English.
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        var first = page.Locator("[data-testid=question-1]");
        await first.WaitForAsync();
        Assert.Contains(Listening, await first.InnerTextAsync());
        Assert.Equal("Save and next", (await page.Locator("[data-testid=next]").InnerTextAsync()).Trim());

        // The listening question has a player with the uploaded clip, and the clip plays: its length is the 1 s uploaded.
        var player = first.Locator("audio[controls]");
        Assert.Equal(mediaUrl, await player.GetAttributeAsync("src"));
        var duration = await player.EvaluateAsync<double>(
            "a => new Promise((ok, fail) => { if (a.readyState >= 1) return ok(a.duration); a.addEventListener('loadedmetadata', () => ok(a.duration)); a.addEventListener('error', () => fail('audio error')); a.load(); })");
        Assert.InRange(duration, 0.95, 1.05);
        await BrowserFixture.ShotAsync(page, "rounds-english-listening-phone");

        await first.Locator(".option", new() { HasText = Right }).Locator("input").CheckAsync();
        await page.ClickAsync("[data-testid=next]");
        var second = page.Locator("[data-testid=question-2]");
        await second.WaitForAsync();
        await second.Locator(".option", new() { HasText = "went" }).Locator("input").CheckAsync();
        await page.ClickAsync("[data-testid=to-prediction]");
        await page.FillAsync("[data-testid=prediction]", "1");
        await page.ClickAsync("[data-testid=submit]");
        await page.Locator("[data-testid=attempt-done]").WaitForAsync();
        Assert.Contains("Your answers are in.", await page.Locator("body").InnerTextAsync());

        // Stored as submitted, with the listening answer mapped back to the stored option (index 1).
        await using (var ctx = db.NewContext())
        {
            var attempt = await ctx.Set<RoundAttempt>().AsNoTracking().Include(a => a.Items).SingleAsync(a => a.RoundId == roundId);
            Assert.Equal((AttemptEnd.Submitted, 1, 2), (attempt.End!.Value, attempt.Prediction!.Value, attempt.Correct));
            Assert.Equal([1], attempt.Items.Single(i => i.QuestionId == listeningId).AnswerOptions!);
        }
    }

    /// <summary>A mono 16-bit PCM WAV of a 440 Hz tone at 8 kHz.</summary>
    private static byte[] Tone(int seconds)
    {
        const int rate = 8000;
        var samples = rate * seconds;
        using var ms = new MemoryStream();
        using var w = new BinaryWriter(ms);
        w.Write("RIFF"u8); w.Write(36 + samples * 2); w.Write("WAVE"u8);
        w.Write("fmt "u8); w.Write(16); w.Write((short)1); w.Write((short)1); w.Write(rate); w.Write(rate * 2); w.Write((short)2); w.Write((short)16);
        w.Write("data"u8); w.Write(samples * 2);
        for (var i = 0; i < samples; i++) w.Write((short)(8000 * Math.Sin(2 * Math.PI * 440 * i / rate)));
        w.Flush();
        return ms.ToArray();
    }
}
