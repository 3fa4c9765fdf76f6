using System.Net;
using System.Net.Http.Json;
using Contest.Engine.Rounds;
using Contest.Engine.Storage;
using Contest.Testing;
using Contest.Web.Rounds;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Contest.Web.Tests.Rounds.RoundTestKit;

namespace Contest.Web.Tests.Hardening;

/// <summary>
/// Issue 18: a participant with attempts left could read their correct count from the live board after each submit,
/// and a closed round's review gave away the keys of questions still live in another open round.
/// </summary>
public class OracleTests
{
    [Fact]
    public async Task The_live_board_shows_ranks_and_own_position_but_no_counts_until_nobody_can_attempt()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        var seed = await SeedAsync(db);
        await using var app = new ContestApp(db);
        var admin = await app.LoginAsync();
        var an = await RegisterAsync(app, seed, "Nguyễn Văn An", "0912000031");
        var binh = await RegisterAsync(app, seed, "Trần Thị Bình", "0912000032");
        var now = DateTimeOffset.UtcNow;
        var shape = Round(seed, now.AddMinutes(-1), now.AddHours(1));
        shape.ShowLiveLeaderboard = true;
        shape.AttemptsAllowed = 3;
        var round = await CreateRoundAsync(admin, shape);
        using (var scope = app.Services.CreateScope()) await scope.ServiceProvider.GetRequiredService<RoundLifecycle>().OpenAsync(round.Id);

        // An tries one answer right, then both: the board moves, but says only "1st", never 1 or 2.
        await TakeAsync(an, round.Id, right: 1);
        await TakeAsync(binh, round.Id, right: 0);
        var first = await LiveAsync(an, round.Id);
        await TakeAsync(an, round.Id, right: 2);
        var second = await LiveAsync(an, round.Id);
        foreach (var (view, raw) in new[] { first, second })
        {
            Assert.False(view.CountsShown);
            Assert.Equal(new long[] { 1, 2 }, view.Top.Select(r => r.Rank));
            Assert.All(view.Top, r => Assert.Null(r.Correct));
            Assert.Equal(1L, view.MyRank);
            Assert.Contains("\"correct\":null", raw);
            Assert.DoesNotContain("score", raw, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Equal(2L, (await LiveAsync(binh, round.Id)).View.MyRank);
        // Signed in but no participant: the board without a position.
        Assert.Null((await LiveAsync(admin, round.Id)).View.MyRank);

        // Once the close time has passed nobody can answer: the counts appear.
        await using (var ctx = db.NewContext())
            await ctx.Set<ContestRound>().Where(r => r.Id == round.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.ClosesAt, DateTimeOffset.UtcNow.AddSeconds(-1)));
        var after = (await LiveAsync(an, round.Id)).View;
        Assert.True(after.CountsShown);
        Assert.Equal(new long[] { 2, 0 }, after.Top.Select(r => r.Correct ?? -1));
    }

    [Fact]
    public async Task A_review_hides_the_key_of_a_question_another_open_round_still_holds_until_it_closes()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        var seed = await SeedAsync(db);
        await using var app = new ContestApp(db);
        var admin = await app.LoginAsync();
        var an = await RegisterAsync(app, seed, "Nguyễn Văn An", "0912000041");
        var now = DateTimeOffset.UtcNow;
        var week1 = await CreateRoundAsync(admin, Round(seed, now.AddMinutes(-1), now.AddHours(1)));
        // Week 2 (open, random mode) draws from the same bank, so both questions stay live there.
        var shape2 = Round(seed, now.AddMinutes(-1), now.AddHours(2));
        shape2.Name = "Tuần 2";
        shape2.Selection = SelectionMode.Random;
        shape2.FixedQuestionIds = [];
        shape2.BankIds = [await BankIdAsync(db, seed.QuestionIds[0])];
        shape2.QuestionCount = 1;
        // Week 3 (open, fixed) holds only the founding-date question.
        var shape3 = Round(seed, now.AddMinutes(-1), now.AddHours(2));
        shape3.Name = "Tuần 3";
        shape3.FixedQuestionIds = [seed.QuestionIds[0]];
        var week2 = await CreateRoundAsync(admin, shape2);
        var week3 = await CreateRoundAsync(admin, shape3);
        using (var scope = app.Services.CreateScope())
        {
            var lifecycle = scope.ServiceProvider.GetRequiredService<RoundLifecycle>();
            foreach (var r in new[] { week1, week2, week3 }) await lifecycle.OpenAsync(r.Id);
        }
        var attempt = await TakeAsync(an, week1.Id, right: 2);
        await CloseNowAsync(db, week1.Id);

        // Both questions held by week 2: no key, no verdict, no explanation; the answer given is still shown.
        var review = await ReviewAsync(an, attempt);
        Assert.All(review.Items, i => Assert.Equal((true, "", "", false), (i.KeyWithheld, i.Expected, i.Explanation, i.Correct)));
        Assert.All(review.Items, i => Assert.NotEqual("", i.Given));
        var html = await (await an.GetAsync($"/rounds/attempt/{attempt}/review")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("Hội nghị BCH TW lần 2", html);
        Assert.DoesNotContain("review-expected", html);
        Assert.Contains("Đáp án câu này sẽ được công bố khi vòng thi khác đang dùng câu hỏi này kết thúc.", html);

        // Week 2 closes: only the founding-date question (still in week 3) stays hidden.
        await CloseNowAsync(db, week2.Id);
        review = await ReviewAsync(an, attempt);
        var founding = Assert.Single(review.Items, i => i.Text.Contains("thành lập"));
        var congress = Assert.Single(review.Items, i => !i.Text.Contains("thành lập"));
        Assert.True(founding.KeyWithheld);
        Assert.Equal((false, RightB, true), (congress.KeyWithheld, congress.Expected, congress.Correct));

        // Week 3 closes: everything shows.
        await CloseNowAsync(db, week3.Id);
        review = await ReviewAsync(an, attempt);
        Assert.All(review.Items, i => Assert.False(i.KeyWithheld));
        Assert.Equal(RightA, Assert.Single(review.Items, i => i.Text.Contains("thành lập")).Expected);
        Assert.Contains("Hội nghị BCH TW lần 2", await (await an.GetAsync($"/rounds/attempt/{attempt}/review")).Content.ReadAsStringAsync());
    }

    private static async Task<int> BankIdAsync(TestDatabase db, int questionId)
    {
        await using var ctx = db.NewContext();
        return await ctx.Questions.Where(q => q.Id == questionId).Select(q => q.BankId).SingleAsync();
    }

    /// <summary>As the close job leaves it, without waiting for the clock.</summary>
    private static async Task CloseNowAsync(TestDatabase db, int roundId)
    {
        await using var ctx = db.NewContext();
        await ctx.Set<ContestRound>().Where(r => r.Id == roundId).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.ClosesAt, DateTimeOffset.UtcNow.AddSeconds(-1)).SetProperty(r => r.Status, RoundStatus.Closed));
    }

    private static async Task<AttemptReview> ReviewAsync(HttpClient client, long attemptId) =>
        (await client.GetFromJsonAsync<AttemptReview>($"/api/rounds/attempts/{attemptId}/review"))!;

    private static async Task<long> TakeAsync(HttpClient client, int roundId, int right)
    {
        var start = await client.PostAsync($"/api/rounds/{roundId}/attempts", null);
        if (!start.IsSuccessStatusCode) throw new InvalidOperationException($"{(int)start.StatusCode}: {await start.Content.ReadAsStringAsync()}");
        var view = (await start.Content.ReadFromJsonAsync<AttemptView>())!;
        await AnswerAsync(client, view, right);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/rounds/attempts/{view.AttemptId}/submit", new SubmitRequest(1))).StatusCode);
        return view.AttemptId;
    }

    private static async Task<(LiveBoardView View, string Raw)> LiveAsync(HttpClient client, int roundId)
    {
        var r = await client.GetAsync($"/api/rounds/{roundId}/live");
        var raw = await r.Content.ReadAsStringAsync();
        Assert.True(r.IsSuccessStatusCode, raw);
        return (System.Text.Json.JsonSerializer.Deserialize<LiveBoardView>(raw, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!, raw);
    }
}
