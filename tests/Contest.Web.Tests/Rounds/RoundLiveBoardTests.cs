using System.Net;
using System.Net.Http.Json;
using Contest.Engine.Leaderboards;
using Contest.Engine.Rounds;
using Contest.Engine.Storage;
using Contest.Testing;
using Contest.Web.Rounds;
using Microsoft.Extensions.DependencyInjection;
using static Contest.Web.Tests.Rounds.RoundTestKit;

namespace Contest.Web.Tests.Rounds;

/// <summary>The live leaderboard of a round on the real app (its registered <see cref="ILeaderboard"/>), on SQLite and PostgreSQL.</summary>
public class RoundLiveBoardTests
{
    public static TheoryData<StorageProvider> Providers => [StorageProvider.Sqlite, StorageProvider.Postgres];

    [Theory, MemberData(nameof(Providers))]
    public async Task The_live_board_follows_each_submit_and_is_hidden_when_the_organiser_does_not_allow_it(StorageProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var seed = await SeedAsync(db);
        await using var app = new ContestApp(db);
        var admin = await app.LoginAsync();
        var (c1, p1) = await RegisterWithIdAsync(app, seed, "Nguyễn Văn An", "0912000011");
        var (c2, p2) = await RegisterWithIdAsync(app, seed, "Trần Thị Bình", "0912000012");
        var (c3, p3) = await RegisterWithIdAsync(app, seed, "Lê Văn Cường", "0912000013");
        var (c4, _) = await RegisterWithIdAsync(app, seed, "Phạm Thị Dung", "0912000014");

        // Opened a minute ago by hand (the open job's step), so the test does not wait for Hangfire's polling.
        var now = DateTimeOffset.UtcNow;
        var shown = Round(seed, now.AddMinutes(-1), now.AddHours(1));
        shown.ShowLiveLeaderboard = true;
        var hidden = Round(seed, now.AddMinutes(-1), now.AddHours(1));
        hidden.Name = "Tuần 2";
        var withBoard = await CreateRoundAsync(admin, shown);
        var withoutBoard = await CreateRoundAsync(admin, hidden);
        await OpenAsync(app, withBoard.Id);
        await OpenAsync(app, withoutBoard.Id);

        // Nobody has submitted: the board is shown, empty.
        Assert.Empty((await LiveAsync(c1, withBoard.Id)).Top);

        // P4 answers both right but never submits: an unsubmitted attempt is not on the board.
        var v4 = await StartAsync(c4, withBoard.Id);
        await AnswerAsync(c4, v4, right: 2);

        // P1 submits 2 right first: the board is [P1].
        await TakeAsync(c1, withBoard.Id, right: 2);
        Assert.Equal([(p1.ToString(), 1L)], Rows(await LiveAsync(c1, withBoard.Id)));

        // P2 submits 1 right: [P1, P2].
        await TakeAsync(c2, withBoard.Id, right: 1);
        Assert.Equal([(p1.ToString(), 1L), (p2.ToString(), 2L)], Rows(await LiveAsync(c2, withBoard.Id)));

        // P3 submits 2 right after P1: equal scores rank by who reached them first, so P1, P3, then P2.
        await TakeAsync(c3, withBoard.Id, right: 2);
        Assert.Equal([(p1.ToString(), 1L), (p3.ToString(), 2L), (p2.ToString(), 3L)], Rows(await LiveAsync(c3, withBoard.Id)));
        // ?count=2 gives the top two.
        Assert.Equal([p1.ToString(), p3.ToString()], (await c1.GetFromJsonAsync<LiveBoardView>($"/api/rounds/{withBoard.Id}/live?count=2"))!.Top.Select(e => e.Member).ToArray());

        // The round without a live board: a submit there writes nothing to a board, and asking for it is refused.
        await TakeAsync(c1, withoutBoard.Id, right: 2);
        var refused = await c1.GetAsync($"/api/rounds/{withoutBoard.Id}/live");
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal("no-live-board", (await refused.Content.ReadFromJsonAsync<ProblemBody>())!.Code);
        var board = app.Services.GetRequiredService<ILeaderboard>();
        Assert.Equal(0, await board.CountAsync(RoundLiveBoard.Board(withoutBoard.Id)));
        Assert.Equal(3, await board.CountAsync(RoundLiveBoard.Board(withBoard.Id)));

        // Anonymous callers get nothing.
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.NewClient().GetAsync($"/api/rounds/{withBoard.Id}/live")).StatusCode);
    }

    // While the round is open the board gives the order only, never a correct count (issue 18: no answer oracle); OracleTests covers the counts after close.
    private static (string, long)[] Rows(LiveBoardView view)
    {
        Assert.False(view.CountsShown);
        Assert.All(view.Top, e => Assert.Null(e.Correct));
        return view.Top.Select(e => (e.Member, e.Rank)).ToArray();
    }

    private static async Task<LiveBoardView> LiveAsync(HttpClient client, int roundId)
    {
        var r = await client.GetAsync($"/api/rounds/{roundId}/live");
        if (!r.IsSuccessStatusCode) throw new InvalidOperationException($"{(int)r.StatusCode}: {await r.Content.ReadAsStringAsync()}");
        return (await r.Content.ReadFromJsonAsync<LiveBoardView>())!;
    }

    private static async Task OpenAsync(ContestApp app, int roundId)
    {
        // The round's own open job (due already) may get there first; either way the round is open.
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<RoundLifecycle>().OpenAsync(roundId);
        Assert.Equal(RoundStatus.Open, (await scope.ServiceProvider.GetRequiredService<ContestDb>().Set<ContestRound>().FindAsync(roundId))!.Status);
    }

    private static async Task TakeAsync(HttpClient client, int roundId, int right)
    {
        var view = await StartAsync(client, roundId);
        await AnswerAsync(client, view, right);
        var r = await client.PostAsJsonAsync($"/api/rounds/attempts/{view.AttemptId}/submit", new SubmitRequest(1));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
    }

    private static async Task<AttemptView> StartAsync(HttpClient client, int roundId)
    {
        var r = await client.PostAsync($"/api/rounds/{roundId}/attempts", null);
        if (!r.IsSuccessStatusCode) throw new InvalidOperationException($"{(int)r.StatusCode}: {await r.Content.ReadAsStringAsync()}");
        return (await r.Content.ReadFromJsonAsync<AttemptView>())!;
    }

    private static async Task<(HttpClient Client, int ParticipantId)> RegisterWithIdAsync(ContestApp app, Seeded s, string name, string phone)
    {
        var client = app.NewClient();
        var response = await client.PostAsJsonAsync("/api/rounds/register", new SignupRequest(name, new DateOnly(2001, 5, 19), s.UnitId, phone, null, null, Password));
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (client, (await response.Content.ReadFromJsonAsync<Registered>())!.ParticipantId);
    }
}
