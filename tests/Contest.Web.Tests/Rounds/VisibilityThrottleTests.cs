using System.Net;
using System.Net.Http.Json;
using Contest.Engine.Rounds;
using Contest.Engine.Storage;
using Contest.Testing;
using Contest.Web.Rounds;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Contest.Web.Tests.Rounds.RoundTestKit;

namespace Contest.Web.Tests.Rounds;

/// <summary>The page-hidden report is throttled per participant, politely, and the hidden time it keeps stays right.</summary>
public class VisibilityThrottleTests
{
    [Fact]
    public async Task Reports_beyond_the_limit_get_a_429_and_the_hidden_time_stays_right()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        var seed = await SeedAsync(db);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = new ContestApp(db, new Dictionary<string, string> { ["Contest:Throttle:VisibilityReportsPerMinute"] = "4" }, clock);
        var admin = await app.LoginAsync();
        var now = clock.GetUtcNow();
        var round = await CreateRoundAsync(admin, Round(seed, now.AddMinutes(-1), now.AddHours(1)));
        using (var scope = app.Services.CreateScope()) await scope.ServiceProvider.GetRequiredService<RoundLifecycle>().OpenAsync(round.Id);
        var phone = await RegisterAsync(app, seed, "Nguyễn Thị Hoa", "0912000301");
        var other = await RegisterAsync(app, seed, "Trần Văn Nam", "0912000302");
        var view = (await (await phone.PostAsync($"/api/rounds/{round.Id}/attempts", null)).Content.ReadFromJsonAsync<AttemptView>())!;
        var url = $"/api/rounds/attempts/{view.AttemptId}/visibility";
        Task<HttpResponseMessage> Report(HttpClient c, bool hidden) => c.PostAsJsonAsync(url, new VisibilityRequest(hidden));

        // Limit 4 a minute: a "hidden" needs 2 permits left (one kept for its "visible"), a "visible" needs 1.
        Assert.Equal(HttpStatusCode.NoContent, (await Report(phone, true)).StatusCode);   // used 1
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.NoContent, (await Report(phone, false)).StatusCode);  // used 2; 10 s hidden
        Assert.Equal(HttpStatusCode.NoContent, (await Report(phone, true)).StatusCode);   // used 3
        var refused = await Report(phone, true);                                         // 3 + 1 + 1 kept > 4
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("50", refused.Headers.RetryAfter?.ToString()); // the window began with the first report, 10 s ago
        var problem = (await refused.Content.ReadFromJsonAsync<ProblemBody>())!;
        Assert.Equal("too-many-reports", problem.Code);
        Assert.Equal(429, problem.Status);
        Assert.Equal("Trang bài thi gửi quá nhiều thông báo trong một phút. Bài làm của bạn vẫn được lưu bình thường; bạn không cần làm gì thêm.", problem.Detail);
        clock.Advance(TimeSpan.FromSeconds(5));
        // The kept permit: the spell opened by the third report is closed at the right time.
        Assert.Equal(HttpStatusCode.NoContent, (await Report(phone, false)).StatusCode);  // used 4; 5 s hidden
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Report(phone, false)).StatusCode);
        // Per participant: another participant is not slowed (their report is refused for not owning the attempt, not throttled).
        Assert.Equal(HttpStatusCode.NotFound, (await Report(other, true)).StatusCode);
        await other.GetAsync("/culture/en?returnUrl=/");
        var own = (await (await other.PostAsync($"/api/rounds/{round.Id}/attempts", null)).Content.ReadFromJsonAsync<AttemptView>())!;
        Assert.Equal(HttpStatusCode.NoContent, (await other.PostAsJsonAsync($"/api/rounds/attempts/{own.AttemptId}/visibility", new VisibilityRequest(true))).StatusCode);

        await using (var ctx = db.NewContext())
        {
            var a = await ctx.Set<RoundAttempt>().AsNoTracking().SingleAsync(x => x.Id == view.AttemptId);
            Assert.Equal((2, 15_000L, (DateTimeOffset?)null), (a.HiddenCount, a.HiddenMs, a.HiddenSince));
        }

        // A new minute, a new allowance.
        clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(HttpStatusCode.NoContent, (await Report(phone, true)).StatusCode);

        // In English the same refusal reads in English.
        for (var i = 0; i < 3; i++) await other.PostAsJsonAsync($"/api/rounds/attempts/{own.AttemptId}/visibility", new VisibilityRequest(i % 2 == 1));
        var english = await other.PostAsJsonAsync($"/api/rounds/attempts/{own.AttemptId}/visibility", new VisibilityRequest(true));
        Assert.Equal(HttpStatusCode.TooManyRequests, english.StatusCode);
        Assert.Equal("The attempt page sent too many reports in a minute. Your answers are still saved as usual; you need not do anything.",
            (await english.Content.ReadFromJsonAsync<ProblemBody>())!.Detail);
    }
}
