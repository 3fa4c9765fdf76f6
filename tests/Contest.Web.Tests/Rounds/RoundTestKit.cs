using System.Net.Http.Json;
using Contest.Engine.Contests;
using Contest.Engine.Questions;
using Contest.Engine.Rounds;
using Contest.Engine.Units;
using Contest.Testing;
using Contest.Web.Rounds;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Contest.Web.Tests.Rounds;

/// <summary>Seeds a contest with two single-choice questions and drives rounds through the HTTP API.</summary>
internal static class RoundTestKit
{
    public const string RightA = "26/3/1931";
    public const string RightB = "2022";

    public sealed record Seeded(int ContestId, int UnitId, int[] QuestionIds);

    public static async Task<Seeded> SeedAsync(TestDatabase db)
    {
        await using var ctx = db.NewContext();
        var province = new Unit { Name = "Tỉnh Đoàn Bình Phước", Level = UnitLevel.Province, Children = [new Unit { Name = "Huyện Đoàn Đồng Phú", Level = UnitLevel.District, MemberCount = 50 }] };
        ctx.Units.Add(province);
        var contest = new ContestInfo { Name = "Tìm hiểu lịch sử Đoàn", Kind = ContestKind.OnlineRound };
        ctx.Contests.Add(contest);
        var bank = new QuestionBank { Name = "Lịch sử" };
        bank.Questions.Add(new Question { Type = QuestionType.SingleChoice, Text = "Đoàn thành lập ngày nào?", Options = ["26/3/1930", RightA, "19/5/1931", "3/2/1930"], CorrectOptions = [1], Explanation = "Hội nghị BCH TW lần 2" });
        bank.Questions.Add(new Question { Type = QuestionType.SingleChoice, Text = "Đại hội Đoàn XII năm nào?", Options = ["2017", RightB, "2012", "2019"], CorrectOptions = [1] });
        ctx.QuestionBanks.Add(bank);
        await ctx.SaveChangesAsync();
        return new Seeded(contest.Id, province.Children[0].Id, bank.Questions.Select(q => q.Id).ToArray());
    }

    /// <param name="integrityChecks">Off for tests of jobs and exports: their instant API answers are flagged as too fast,
    /// and the review queue would hold the publish they wait for (the review tests cover that).</param>
    public static ContestRound Round(Seeded s, DateTimeOffset opens, DateTimeOffset closes, int limitSeconds = 600, bool integrityChecks = true) => new()
    {
        IntegrityChecks = integrityChecks,
        ContestId = s.ContestId, Name = "Tuần 1", OpensAt = opens, ClosesAt = closes, TimeLimitSeconds = limitSeconds, AttemptsAllowed = 1,
        Selection = SelectionMode.Fixed, FixedQuestionIds = [.. s.QuestionIds], ShuffleOptions = true,
        PredictionQuestion = "Có bao nhiêu người trả lời đúng tất cả?",
        Prizes = [new PrizeRule { Kind = PrizeKind.RankTier, Name = "Giải Nhất", Count = 1 }],
    };

    public static async Task<RoundSummary> CreateRoundAsync(HttpClient admin, ContestRound round)
    {
        var response = await admin.PostAsJsonAsync("/api/rounds", round);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<RoundSummary>())!;
    }

    public static async Task<HttpClient> RegisterAsync(ContestApp app, Seeded s, string name, string phone)
    {
        var client = app.NewClient();
        var response = await client.PostAsJsonAsync("/api/rounds/register", new SignupRequest(name, new DateOnly(2001, 5, 19), s.UnitId, phone, null, null, Password));
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return client;
    }

    public const string Password = "Doan-Vien-2023";

    /// <summary>Answers every question; the first <paramref name="right"/> right, by finding the right text among the shown options.</summary>
    public static async Task AnswerAsync(HttpClient client, AttemptView view, int right)
    {
        var n = 0;
        foreach (var q in view.Questions)
        {
            var rightText = q.Text.Contains("thành lập") ? RightA : RightB;
            var index = q.Options.ToList().IndexOf(rightText);
            var pick = n++ < right ? index : (index + 1) % q.Options.Count;
            var r = await client.PutAsJsonAsync($"/api/rounds/attempts/{view.AttemptId}/answers/{q.Position}", new { options = new[] { pick } });
            Assert.Equal(System.Net.HttpStatusCode.NoContent, r.StatusCode);
        }
    }

    /// <summary>
    /// The app's clock for a round the test moves through its times: a day ahead of the wall clock, so the open and
    /// close jobs Hangfire schedules at the round's times (on the wall clock) are not due during the test and run only
    /// when <see cref="RunJobNow"/> enqueues them, after the test has moved this clock to their time.
    /// </summary>
    public static FakeTimeProvider DayAheadClock() => new(DateTimeOffset.UtcNow.AddDays(1));

    /// <summary>
    /// Enqueues a scheduled round job now: the same persisted job, run by the app's Hangfire server like any other;
    /// only the moment is the test's instead of the scheduler's. (That the scheduler starts a job at its time, across
    /// a restart, is <see cref="RoundJobsTests.A_job_scheduled_before_a_restart_runs_once_after_it"/>, on real time.)
    /// </summary>
    public static void RunJobNow(ContestApp app, string? jobId)
    {
        Assert.NotNull(jobId);
        Assert.True(app.Services.GetRequiredService<IBackgroundJobClient>().Requeue(jobId), $"job {jobId} could not be enqueued");
    }

    public static async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (await condition()) return;
            await Task.Delay(200);
        }
        throw new TimeoutException($"Waited {timeout.TotalSeconds} s for {what}.");
    }

    public static async Task<ContestRound> RoundAsync(TestDatabase db, int id)
    {
        await using var ctx = db.NewContext();
        return await ctx.Set<ContestRound>().AsNoTracking().SingleAsync(r => r.Id == id);
    }

    public static async Task<List<RoundEvent>> EventsAsync(TestDatabase db, int id)
    {
        await using var ctx = db.NewContext();
        return await ctx.Set<RoundEvent>().AsNoTracking().Where(e => e.RoundId == id).OrderBy(e => e.Id).ToListAsync();
    }
}
