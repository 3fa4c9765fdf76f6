using System.Text.Json;
using Contest.Engine.Events;
using Contest.Engine.Leaderboards;
using Contest.Engine.Storage;
using Contest.Testing;
using Contest.Testing.Events;
using Contest.Web.Events;
using Contest.Web.Rounds;
using Microsoft.Extensions.DependencyInjection;
using static Contest.Testing.Events.RoundScreenSeed;

namespace Contest.Web.Tests.Events;

/// <summary>The round and unit screens over the hub, on the hand-worked round of <see cref="RoundScreenSeed"/>.</summary>
public class RoundAndUnitScreenTests
{
    private static async Task<EventDirector.Outcome> DirectAsync(ContestApp app, Func<EventDirector, Task<EventDirector.Outcome>> action)
    {
        using var scope = app.Services.CreateScope();
        return await action(scope.ServiceProvider.GetRequiredService<EventDirector>());
    }

    private static async Task<ContestEvent> NewEventAsync(ContestApp app, string language)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<EventDirector>().CreateAsync("Tổng kết tuần 3", language, default);
    }

    private static string[] Names(JsonElement board) => board.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("name").GetString()!).ToArray();
    /// <summary>One field of every row, as text ("" for null).</summary>
    private static string[] Column(JsonElement board, string field) => board.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty(field).ToString()).ToArray();
    private static string[] Fields(JsonElement e) => e.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();

    /// <summary>The "everything is public" rule, as a field set: a board and its rows have these fields and no others, and no contact detail appears anywhere.</summary>
    private static void AssertPublicBoard(JsonElement board)
    {
        Assert.Equal(["caption", "rows", "title"], Fields(board));
        foreach (var row in board.GetProperty("rows").EnumerateArray()) Assert.Equal(["bar", "detail", "name", "rank", "score"], Fields(row));
        var raw = board.GetRawText();
        foreach (var (_, _, _, phone) in People) Assert.DoesNotContain(phone, raw);
        Assert.DoesNotContain("@example.vn", raw);
        Assert.DoesNotContain("2001", raw); // dates of birth
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task Round_screen_shows_the_live_board_while_open_then_results_and_prize_winners_once_published(StorageProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var seed = await SeedOpenAsync(db);
        await using var app = new ContestApp(db);
        // While open, each submission lands on the live board (RoundLiveBoard.RecordAsync): correct answers, first to reach them first.
        var live = app.Services.GetRequiredService<ILeaderboard>();
        foreach (var (name, _, correct, _) in People)
            await live.SetAsync(RoundLiveBoard.Board(seed.RoundId), seed.ParticipantIds[name].ToString(), correct, seed.FinishedAt[name]);

        var ev = await NewEventAsync(app, "vi");
        Assert.Null((await DirectAsync(app, d => d.ShowAsync(ev.Id, new ScreenChoice(ScreenKind.Round, seed.RoundId.ToString()), default))).Error);
        await using var projector = await ProjectorClient.ConnectAsync(app);
        var view = await projector.WatchAsync(ev.ProjectorToken);
        Assert.Equal("Round", view.GetProperty("kind").GetString());
        var open = view.GetProperty("content");
        Assert.Equal(["prizes", "ranking", "status"], Fields(open));
        Assert.Equal("Open", open.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, open.GetProperty("prizes").ValueKind);
        var board = open.GetProperty("ranking");
        AssertPublicBoard(board);
        // Correct answers 5, 4, 3, 1, 0: An, Dũng, Cường, Bình, Em; the detail is the unit each registered with.
        Assert.Equal(["Nguyễn Văn An", "Phạm Minh Dũng", "Lê Văn Cường", "Trần Thị Bình", "Võ Thị Em"], Names(board));
        Assert.Equal(["1", "2", "3", "4", "5"], Column(board, "rank"));
        Assert.Equal(["5", "4", "3", "1", "0"], Column(board, "score"));
        Assert.Equal([TanLap, DongXoai, DongPhu, TanLap, DongXoai], Column(board, "detail"));

        // A flood of submits asks for a refresh each; the projector gets one push for the lot, not twenty.
        var notifier = app.Services.GetRequiredService<ProjectorNotifier>();
        for (var i = 0; i < 20; i++) notifier.ContentChangedSoon(ScreenKind.Round, seed.RoundId.ToString());
        Assert.Equal("Open", (await projector.NextContentAsync()).GetProperty("status").GetString());
        // Fence: one more change asked for now. Its push cannot leave before a whole Coalesce has passed, while any
        // second push of the flood was scheduled during the loop above and would come at once. So the next message
        // must be this one, arriving no sooner than Coalesce (timers fire on or after their due time; the margin is
        // for the clock's granularity). Had the flood made two pushes or more, the second would come first and early,
        // or hold the screen's slot so that this change rode on it, early too.
        var fence = System.Diagnostics.Stopwatch.StartNew();
        notifier.ContentChangedSoon(ScreenKind.Round, seed.RoundId.ToString());
        var fenced = await projector.NextAsync();
        Assert.True(fence.Elapsed >= ProjectorNotifier.Coalesce - TimeSpan.FromMilliseconds(20), $"a push {fence.Elapsed.TotalMilliseconds:F0} ms after the fence was asked for: not the fence's");
        Assert.Equal("Open", fenced.Payload.GetProperty("content").GetProperty("status").GetString());

        // The close ranks the same way; the prizes: Giải Nhất to the top (An), Giải tập thể to the district with
        // most participants (Đồng Phú 3: An, Bình via Tân Lập, Cường; Đồng Xoài 2; Lộc Ninh 0).
        await CloseAndPublishAsync(db, seed.RoundId);
        // The publish job (idempotent, so running it after the publish is harmless) refreshes the hall by itself:
        // nobody presses "show" again.
        using (var scope = app.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<RoundJobs>().PublishAsync(seed.RoundId);
        var published = await projector.NextContentAsync();
        Assert.Equal("Published", published.GetProperty("status").GetString());
        var ranking = published.GetProperty("ranking");
        AssertPublicBoard(ranking);
        Assert.Equal(["Nguyễn Văn An", "Phạm Minh Dũng", "Lê Văn Cường", "Trần Thị Bình", "Võ Thị Em"], Names(ranking));
        Assert.Equal(["5/5", "4/5", "3/5", "1/5", "0/5"], Column(ranking, "score"));
        // Bars are correct / 5 questions.
        Assert.Equal([1.0, 0.8, 0.6, 0.2, 0.0], ranking.GetProperty("rows").EnumerateArray().Select(r => Math.Round(r.GetProperty("bar").GetDouble(), 6)).ToArray());
        var prizes = published.GetProperty("prizes");
        AssertPublicBoard(prizes);
        Assert.Equal(["Nguyễn Văn An", DongPhu], Names(prizes));
        Assert.Equal(["Giải Nhất", "Giải tập thể"], Column(prizes, "detail"));
        Assert.Equal(["1", "1"], Column(prizes, "rank"));
    }

    [Fact]
    public async Task Unit_screen_ranks_districts_by_average_score_and_by_participation_rate_in_the_event_language()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        var seed = await SeedOpenAsync(db);
        await CloseAndPublishAsync(db, seed.RoundId);
        await using var app = new ContestApp(db);
        var ev = await NewEventAsync(app, "vi");
        Assert.Null((await DirectAsync(app, d => d.ShowAsync(ev.Id, new ScreenChoice(ScreenKind.Units, seed.RoundId.ToString()), default))).Error);

        await using var projector = await ProjectorClient.ConnectAsync(app);
        var view = await projector.WatchAsync(ev.ProjectorToken);
        Assert.Equal("Units", view.GetProperty("kind").GetString());
        var content = view.GetProperty("content");
        Assert.Equal(["byAverage", "byParticipation"], Fields(content));
        var byAverage = content.GetProperty("byAverage");
        var byRate = content.GetProperty("byParticipation");
        AssertPublicBoard(byAverage);
        AssertPublicBoard(byRate);
        Assert.DoesNotContain("Nguyễn", content.GetRawText()); // units only, no person

        // Districts only (the province and Tân Lập are not rows; Tân Lập counts inside Đồng Phú).
        // Average: Đồng Phú (5 + 1 + 3) / 3 = 3.0; Đồng Xoài (4 + 0) / 2 = 2.0; Lộc Ninh has nobody, so no average and no row.
        Assert.Equal([DongPhu, DongXoai], Names(byAverage));
        Assert.Equal(["3,0", "2,0"], Column(byAverage, "score"));
        Assert.Equal(["3", "2"], Column(byAverage, "detail"));
        Assert.Equal(["1", "2"], Column(byAverage, "rank"));
        // Bars against the best average: 3/3 = 1, 2/3.
        Assert.Equal([1.0, 0.666667], byAverage.GetProperty("rows").EnumerateArray().Select(r => Math.Round(r.GetProperty("bar").GetDouble(), 6)).ToArray());
        // Participation: Đồng Xoài 2/4 = 50 %, Đồng Phú 3/10 = 30 %, Lộc Ninh 0/20 = 0 %.
        Assert.Equal([DongXoai, DongPhu, LocNinh], Names(byRate));
        Assert.Equal(["50,0%", "30,0%", "0,0%"], Column(byRate, "score"));
        Assert.Equal(["2 / 4", "3 / 10", "0 / 20"], Column(byRate, "detail"));

        // The English contest: same figures, English number format.
        Assert.Null((await DirectAsync(app, d => d.BrandAsync(ev.Id, "Unit ranking", "", null, ContestEvent.UnionBlue, ContestEvent.UnionYellow, "en", default))).Error);
        var english = (await projector.NextAsync()).Payload;
        Assert.Equal("en", english.GetProperty("branding").GetProperty("language").GetString());
        Assert.Equal(["3.0", "2.0"], Column(english.GetProperty("content").GetProperty("byAverage"), "score"));
        Assert.Equal(["50.0%", "30.0%", "0.0%"], Column(english.GetProperty("content").GetProperty("byParticipation"), "score"));
    }
}
