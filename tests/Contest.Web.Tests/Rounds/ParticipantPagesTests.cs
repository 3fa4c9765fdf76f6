using System.Net;
using System.Net.Http.Json;
using Contest.Engine.Rounds;
using Contest.Engine.Storage;
using Contest.Testing;
using Contest.Web.Rounds;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Contest.Web.Tests.Rounds.RoundTestKit;

namespace Contest.Web.Tests.Rounds;

/// <summary>What a participant reads on /rounds, /rounds/me and a round's results page, on the real app.</summary>
public class ParticipantPagesTests
{
    [Fact]
    public async Task After_the_last_attempt_the_round_says_no_attempts_left_and_an_abandoned_attempt_reads_time_ran_out()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        var seed = await SeedAsync(db);
        await using var app = new ContestApp(db);
        var admin = await app.LoginAsync();
        var participant = await RegisterAsync(app, seed, "Nguyễn Văn An", "0912000031");

        // Before any attempt: no profile rows, an empty-state message instead of an empty table.
        var me = await participant.GetStringAsync("/rounds/me");
        Assert.Contains("Bạn chưa thi vòng nào.", me);
        Assert.DoesNotContain("past-attempts", me);

        var now = DateTimeOffset.UtcNow;
        var round = await CreateRoundAsync(admin, Round(seed, now.AddMinutes(-1), now.AddHours(1), limitSeconds: 600));
        using (var scope = app.Services.CreateScope()) await scope.ServiceProvider.GetRequiredService<RoundLifecycle>().OpenAsync(round.Id);

        var list = await participant.GetStringAsync("/rounds");
        Assert.Contains($"data-testid=\"take-{round.Id}\"", list);
        Assert.Contains(">Vào thi<", list);

        var view = (await (await participant.PostAsync($"/api/rounds/{round.Id}/attempts", null)).Content.ReadFromJsonAsync<AttemptView>())!;
        // Started and left running: the page offers to continue it, not a new attempt.
        list = await participant.GetStringAsync("/rounds");
        Assert.Contains("Tiếp tục làm bài", list);
        Assert.Contains("Đã dùng 1/1 lượt thi", list);

        // The person closed the tab; the deadline passed before any job recorded it.
        await using (var ctx = db.NewContext())
            await ctx.Set<RoundAttempt>().Where(a => a.Id == view.AttemptId).ExecuteUpdateAsync(s => s.SetProperty(a => a.Deadline, DateTimeOffset.UtcNow.AddSeconds(-5)));

        list = await participant.GetStringAsync("/rounds");
        Assert.DoesNotContain($"data-testid=\"take-{round.Id}\"", list);
        Assert.Contains("Đã hết lượt", list);
        Assert.Contains("Đã dùng 1/1 lượt thi", list);

        me = await participant.GetStringAsync("/rounds/me");
        Assert.Contains($"data-testid=\"attempt-state-{view.AttemptId}\">Hết giờ (tính các câu đã trả lời)", me);
        Assert.DoesNotContain("Đã nộp", me);

        // Once the clean-up has recorded it as timed out, it still reads "time ran out", and a start is refused with words.
        using (var scope = app.Services.CreateScope()) await scope.ServiceProvider.GetRequiredService<RoundAttempts>().ExpireAsync(round.Id);
        await using (var ctx = db.NewContext()) Assert.Equal(AttemptEnd.TimedOut, (await ctx.Set<RoundAttempt>().SingleAsync(a => a.Id == view.AttemptId)).End);
        me = await participant.GetStringAsync("/rounds/me");
        Assert.Contains($"data-testid=\"attempt-state-{view.AttemptId}\">Hết giờ (tính các câu đã trả lời)", me);

        var english = await participant.GetStringAsync("/rounds?culture=en");
        Assert.Contains("No attempts left", english);
        Assert.Contains("1 of 1 attempts used", english);
    }

    [Fact]
    public async Task Results_of_a_round_that_does_not_exist_is_the_not_found_page_and_an_unpublished_one_says_not_yet()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        var seed = await SeedAsync(db);
        await using var app = new ContestApp(db);
        var admin = await app.LoginAsync();
        var now = DateTimeOffset.UtcNow;
        var round = await CreateRoundAsync(admin, Round(seed, now.AddHours(1), now.AddHours(2)));

        var client = app.NewClient();
        var missing = await client.GetAsync("/rounds/999/results");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var html = await missing.Content.ReadAsStringAsync();
        Assert.Contains("Không tìm thấy trang", html);
        Assert.DoesNotContain("Kết quả chưa được công bố.", html);

        var pending = await client.GetStringAsync($"/rounds/{round.Id}/results");
        Assert.Contains("Kết quả chưa được công bố.", pending);
    }

    [Fact]
    public async Task A_published_round_nobody_took_shows_empty_state_messages_not_empty_tables()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        var seed = await SeedAsync(db);
        await using var app = new ContestApp(db);
        var admin = await app.LoginAsync();
        var now = DateTimeOffset.UtcNow;
        var round = await CreateRoundAsync(admin, Round(seed, now.AddMinutes(-2), now.AddMinutes(-1)));
        using (var scope = app.Services.CreateScope())
        {
            var lifecycle = scope.ServiceProvider.GetRequiredService<RoundLifecycle>();
            await lifecycle.CloseAsync(round.Id);
            await lifecycle.PublishAsync(round.Id);
        }
        var html = await app.NewClient().GetStringAsync($"/rounds/{round.Id}/results");
        Assert.Contains("Vòng thi này không có bài dự thi nào được xếp hạng.", html);
        Assert.DoesNotContain("data-testid=\"ranking\"", html);
        Assert.Contains("Đã công bố kết quả", await app.NewClient().GetStringAsync("/rounds"));
    }
}
