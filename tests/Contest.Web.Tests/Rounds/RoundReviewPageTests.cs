using System.Net;
using System.Net.Http.Json;
using Contest.Engine.Rounds;
using Contest.Engine.Storage;
using Contest.Testing;
using Contest.Web.Rounds;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Contest.Web.Tests.Rounds.RoundTestKit;

namespace Contest.Web.Tests.Rounds;

/// <summary>The review page and API on the real app: refused on the server before the round closes, complete after.</summary>
public class RoundReviewPageTests
{
    [Fact]
    public async Task The_review_page_is_refused_before_close_and_shows_answers_and_explanations_after()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        var seed = await SeedAsync(db);
        // The app's clock is the test's: the close time is passed by moving it, not by sleeping 20 s.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = new ContestApp(db, clock: clock);
        var admin = await app.LoginAsync();
        var participant = await RegisterAsync(app, seed, "Nguyễn Văn An", "0912000021");

        var now = clock.GetUtcNow();
        var closes = now.AddSeconds(20);
        var round = await CreateRoundAsync(admin, Round(seed, now.AddMinutes(-1), closes, limitSeconds: 15));
        using (var scope = app.Services.CreateScope()) await scope.ServiceProvider.GetRequiredService<RoundLifecycle>().OpenAsync(round.Id);

        var start = await participant.PostAsync($"/api/rounds/{round.Id}/attempts", null);
        var view = (await start.Content.ReadFromJsonAsync<AttemptView>())!;
        await AnswerAsync(participant, view, right: 1); // the first question shown right, the second wrong
        Assert.Equal(HttpStatusCode.OK, (await participant.PostAsJsonAsync($"/api/rounds/attempts/{view.AttemptId}/submit", new SubmitRequest(1))).StatusCode);

        // Submitted but the round is open: the page is forbidden and carries no answer key or explanation.
        var early = await participant.GetAsync($"/rounds/attempt/{view.AttemptId}/review");
        Assert.Equal(HttpStatusCode.Forbidden, early.StatusCode);
        var earlyHtml = await early.Content.ReadAsStringAsync();
        Assert.Contains("review-not-closed", earlyHtml);
        Assert.DoesNotContain("Hội nghị BCH TW lần 2", earlyHtml);
        var earlyApi = await participant.GetAsync($"/api/rounds/attempts/{view.AttemptId}/review");
        Assert.Equal(HttpStatusCode.BadRequest, earlyApi.StatusCode);
        Assert.Equal("not-closed", (await earlyApi.Content.ReadFromJsonAsync<ProblemBody>())!.Code);

        // After the close time, closed by hand. (Hangfire schedules the close job on the wall clock, 20 s away:
        // should a slow run reach it, the job finds the app's clock before the close time and changes nothing.)
        clock.Advance(closes - clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        using (var scope = app.Services.CreateScope()) await scope.ServiceProvider.GetRequiredService<RoundLifecycle>().CloseAsync(round.Id);
        Assert.NotEqual(RoundStatus.Open, (await RoundAsync(db, round.Id)).Status);

        var page = await participant.GetAsync($"/rounds/attempt/{view.AttemptId}/review");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Hội nghị BCH TW lần 2", html); // the explanation of the founding-date question
        var review = (await participant.GetFromJsonAsync<AttemptReview>($"/api/rounds/attempts/{view.AttemptId}/review"))!;
        // AnswerAsync answers the questions in shown order, the first right and the second wrong: 1 of 2.
        Assert.Equal(1, review.Correct);
        var first = review.Items[0];
        var second = review.Items[1];
        Assert.Equal((true, first.Expected), (first.Correct, first.Given));
        Assert.False(second.Correct);
        Assert.NotEqual(second.Expected, second.Given);
        Assert.Equal(new[] { RightA, RightB }.OrderBy(x => x), review.Items.Select(i => i.Expected).OrderBy(x => x));

        // Another participant cannot see it.
        var other = await RegisterAsync(app, seed, "Trần Thị Bình", "0912000022");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/rounds/attempt/{view.AttemptId}/review")).StatusCode);
    }
}
