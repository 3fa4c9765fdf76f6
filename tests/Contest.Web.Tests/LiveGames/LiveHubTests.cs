using System.Net;
using System.Net.Http.Json;
using ClosedXML.Excel;
using Contest.Engine.LiveGames;
using Contest.Engine.Questions.Answers;
using Contest.Engine.Storage;
using Contest.Web.LiveGames;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Contest.Web.Tests.LiveGames;

public class LiveHubTests
{
    private static async Task<(HubConnection Conn, Inbox Inbox, JoinResult Join)> PlayerAsync(LiveHarness h, string pin, string nickname)
    {
        var conn = await h.ConnectAsync();
        var inbox = new Inbox(conn, Inbox.PlayerEvents);
        var join = await conn.InvokeAsync<JoinResult>("Join", pin, nickname, null);
        return (conn, inbox, join);
    }

    private static async Task<string> RefusalAsync(Func<Task> call) => (await Assert.ThrowsAsync<HubException>(call)).Message;

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task One_host_and_three_players_play_a_whole_game_and_the_results_export(StorageProvider provider)
    {
        await using var h = await LiveHarness.StartAsync(provider);
        var game = await h.CreateGameAsync();
        var host = await h.ConnectAsync(asHost: true);
        var hostInbox = new Inbox(host, Inbox.HostEvents);
        var state = await host.InvokeAsync<HostState>("HostGame", game.GameId);
        Assert.Equal((GamePhase.Lobby, 3, game.Pin), (state.Phase, state.QuestionCount, state.Pin));

        var a = await PlayerAsync(h, game.Pin, "An");
        var b = await PlayerAsync(h, game.Pin, "Bình");
        var c = await PlayerAsync(h, game.Pin, "Chi");
        Assert.Equal(GamePhase.Lobby, a.Join.State.Phase);
        var arrivals = await hostInbox.WaitAsync<HostProgress>("HostProgress");
        Assert.Contains(arrivals.Joined, p => p.Nickname == "An");

        await host.InvokeAsync<HostState>("Start", game.GameId);
        // Accuracy scoring, 1000 points each. Q1 (right: 1931, option 2): An and Bình right, Chi wrong.
        var q1 = await a.Inbox.WaitAsync<PlayerQuestion>("QuestionOpened");
        Assert.Equal((0, 3, 4), (q1.Index, q1.Count, q1.Options.Count));
        var ack = await a.Conn.InvokeAsync<AnswerAck>("Answer", 0, SubmittedAnswer.Choice(2));
        Assert.Equal(0, ack.QuestionIndex);
        await b.Conn.InvokeAsync<AnswerAck>("Answer", 0, SubmittedAnswer.Choice(2));
        await c.Conn.InvokeAsync<AnswerAck>("Answer", 0, SubmittedAnswer.Choice(0));
        var r1 = await c.Inbox.WaitAsync<PlayerReveal>("Revealed");
        Assert.Equal((false, 0L, 3L, (long?)1000), (r1.IsCorrect, r1.Score, r1.Rank, r1.GapToAhead));
        var hr1 = await hostInbox.WaitAsync<HostReveal>("HostRevealed");
        Assert.Equal([1, 0, 2, 0], hr1.OptionCounts);
        Assert.Equal((2, 1), (hr1.Right, hr1.Wrong));
        var board = await host.InvokeAsync<HostState>("Next", game.GameId);
        Assert.Equal(GamePhase.Leaderboard, board.Phase);
        await host.InvokeAsync<HostState>("Next", game.GameId);

        // Q2 (right: 0 and 1, partial): An {0,1} → 1000; Bình {0} → (1 − 0)/2 = ½ → 500; Chi {3} → 0.
        await a.Inbox.WaitAsync<PlayerQuestion>("QuestionOpened", skip: 1);
        await a.Conn.InvokeAsync<AnswerAck>("Answer", 1, SubmittedAnswer.Choice(0, 1));
        await b.Conn.InvokeAsync<AnswerAck>("Answer", 1, SubmittedAnswer.Choice(0));
        await c.Conn.InvokeAsync<AnswerAck>("Answer", 1, SubmittedAnswer.Choice(3));
        var r2 = await b.Inbox.WaitAsync<PlayerReveal>("Revealed", skip: 1);
        Assert.Equal((0.5, 500, 1500L, 2L, (long?)500, "An"), (r2.Credit, r2.Points, r2.Score, r2.Rank, r2.GapToAhead, r2.Ahead));
        await host.InvokeAsync<HostState>("Next", game.GameId);
        await host.InvokeAsync<HostState>("Next", game.GameId);

        // Q3 fill-in "Hồ Chí Minh", diacritics ignored: An "ho chi minh" → 1000; Bình "Hà Nội" → 0; Chi "hồ chí minh" → 1000.
        await a.Inbox.WaitAsync<PlayerQuestion>("QuestionOpened", skip: 2);
        await a.Conn.InvokeAsync<AnswerAck>("Answer", 2, SubmittedAnswer.Typed("ho chi minh"));
        await b.Conn.InvokeAsync<AnswerAck>("Answer", 2, SubmittedAnswer.Typed("Hà Nội"));
        await c.Conn.InvokeAsync<AnswerAck>("Answer", 2, SubmittedAnswer.Typed("hồ chí minh"));
        await a.Inbox.WaitAsync<PlayerReveal>("Revealed", skip: 2);
        await host.InvokeAsync<HostState>("Next", game.GameId);
        var end = await host.InvokeAsync<HostState>("Next", game.GameId);
        Assert.Equal(GamePhase.Podium, end.Phase);

        // Totals: An 1000 + 1000 + 1000 = 3000; Bình 1000 + 500 + 0 = 1500; Chi 0 + 0 + 1000 = 1000.
        var podium = await hostInbox.WaitAsync<HostPodium>("HostPodium");
        Assert.Equal([("An", 3000L), ("Bình", 1500L), ("Chi", 1000L)], podium.Podium.Select(p => (p.Nickname, p.Score)));
        var finalC = await c.Inbox.WaitAsync<PlayerFinal>("GameOver");
        Assert.Equal((1000L, 3L, 3, true), (finalC.Score, finalC.Rank, finalC.Players, finalC.OnPodium));
        await host.InvokeAsync<HostState>("Next", game.GameId);
        await a.Inbox.WaitAsync<object>("Finished");

        var xlsx = await h.Host.GetAsync($"/api/live/games/{game.GameId}/results.xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using var wb = new XLWorkbook(await xlsx.Content.ReadAsStreamAsync());
        var players = wb.Worksheet("Xếp hạng");
        Assert.Equal(("An", 3000), (players.Cell(2, 2).GetString(), players.Cell(2, 3).GetValue<int>()));
        Assert.Equal(("Chi", 3), (players.Cell(4, 2).GetString(), players.Cell(4, 1).GetValue<int>()));
        Assert.Equal(10, wb.Worksheet("Câu trả lời").LastRowUsed().RowNumber()); // header + 9 answers
    }

    [Fact]
    public async Task No_message_to_a_player_carries_the_answer_key_before_the_reveal()
    {
        await using var h = await LiveHarness.StartAsync();
        var game = await h.CreateGameAsync();
        var host = await h.ConnectAsync(asHost: true);
        await host.InvokeAsync<HostState>("HostGame", game.GameId);
        var spy = await PlayerAsync(h, game.Pin, "Spy");
        var other = await PlayerAsync(h, game.Pin, "Other");
        var before = new List<string> { System.Text.Json.JsonSerializer.Serialize(spy.Join, LiveHarness.Json) };
        var seen = 0;
        await host.InvokeAsync<HostState>("Start", game.GameId);
        for (var q = 0; q < 3; q++)
        {
            await spy.Inbox.WaitAsync<PlayerQuestion>("QuestionOpened", skip: q);
            // Only the other player answers: the spy sits on the open question, watching its inbox.
            await other.Conn.InvokeAsync<AnswerAck>("Answer", q, q == 2 ? SubmittedAnswer.Typed("x") : SubmittedAnswer.Choice(0));
            var rejoined = await spy.Conn.InvokeAsync<PlayerState>("Rejoin", game.Pin, spy.Join.ResumeToken);
            before.Add(System.Text.Json.JsonSerializer.Serialize(rejoined, LiveHarness.Json));
            before.AddRange(spy.Inbox.All.Skip(seen).Select(m => m.Json));
            foreach (var json in before)
            {
                Assert.DoesNotContain("\"correct\"", json, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("accepted", json, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("Hồ Chí Minh", json);
                Assert.DoesNotContain("Bác Hồ", json);
            }
            before.Clear();
            await host.InvokeAsync<HostState>("Skip", game.GameId);
            var reveal = await spy.Inbox.WaitAsync<PlayerReveal>("Revealed", skip: q);
            Assert.False(reveal.Answered);
            seen = spy.Inbox.All.Count;
            if (q < 2)
            {
                await host.InvokeAsync<HostState>("Next", game.GameId);
                await host.InvokeAsync<HostState>("Next", game.GameId);
            }
        }
        // The check above can fail: after the last reveal the key is in the spy's inbox.
        Assert.Contains(spy.Inbox.All, m => m.Json.Contains("Hồ Chí Minh"));
    }

    [Fact]
    public async Task Every_bad_call_is_refused_with_its_reason_and_changes_nothing()
    {
        await using var h = await LiveHarness.StartAsync();
        var game = await h.CreateGameAsync();
        var host = await h.ConnectAsync(asHost: true);
        await host.InvokeAsync<HostState>("HostGame", game.GameId);
        var stranger = await h.ConnectAsync();
        var otherPin = game.Pin == "999999" ? "999998" : "999999";

        Assert.Contains("unknown-pin", await RefusalAsync(() => stranger.InvokeAsync<JoinResult>("Join", otherPin, "An", null)));
        Assert.Contains("bad-pin", await RefusalAsync(() => stranger.InvokeAsync<JoinResult>("Join", "12", "An", null)));
        Assert.Contains("bad-nickname: Enter a nickname.", await RefusalAsync(() => stranger.InvokeAsync<JoinResult>("Join", game.Pin, "  ", null)));
        Assert.Contains("at most 20", await RefusalAsync(() => stranger.InvokeAsync<JoinResult>("Join", game.Pin, new string('a', 21), null)));
        Assert.Contains("bad-nickname: Choose another nickname.", await RefusalAsync(() => stranger.InvokeAsync<JoinResult>("Join", game.Pin, "đm mày", null)));
        Assert.Contains("not-joined", await RefusalAsync(() => stranger.InvokeAsync<AnswerAck>("Answer", 0, SubmittedAnswer.Choice(0))));
        Assert.Contains("unauthorized", await RefusalAsync(() => stranger.InvokeAsync<HostState>("Start", game.GameId)));
        Assert.Contains("unauthorized", await RefusalAsync(() => stranger.InvokeAsync<HostState>("HostGame", game.GameId)));
        Assert.Contains("Error binding arguments", await RefusalAsync(() => stranger.InvokeCoreAsync<JoinResult>("Join", [123456, new[] { 1 }, "x"])));

        var an = await PlayerAsync(h, game.Pin, "An");
        var binh = await PlayerAsync(h, game.Pin, "Bình");
        Assert.Contains("nickname-taken", await RefusalAsync(() => stranger.InvokeAsync<JoinResult>("Join", game.Pin, "an", null)));
        Assert.Contains("question-closed", await RefusalAsync(() => an.Conn.InvokeAsync<AnswerAck>("Answer", 0, SubmittedAnswer.Choice(2))));
        Assert.Contains("already-joined", await RefusalAsync(() => an.Conn.InvokeAsync<JoinResult>("Join", game.Pin, "Another", null)));
        Assert.Contains("unknown-game", await RefusalAsync(() => host.InvokeAsync<HostState>("Start", Guid.NewGuid())));
        Assert.Contains("wrong-phase", await RefusalAsync(() => host.InvokeAsync<HostState>("Next", game.GameId)));

        await host.InvokeAsync<HostState>("Start", game.GameId);
        await an.Inbox.WaitAsync<PlayerQuestion>("QuestionOpened");
        Assert.Contains("wrong-question", await RefusalAsync(() => an.Conn.InvokeAsync<AnswerAck>("Answer", 1, SubmittedAnswer.Choice(0))));
        Assert.Contains("bad-answer", await RefusalAsync(() => an.Conn.InvokeAsync<AnswerAck>("Answer", 0, SubmittedAnswer.Choice(9))));
        Assert.Contains("bad-answer", await RefusalAsync(() => an.Conn.InvokeAsync<AnswerAck>("Answer", 0, SubmittedAnswer.Typed("1931"))));
        Assert.Contains("Error binding arguments", await RefusalAsync(() => an.Conn.InvokeCoreAsync<AnswerAck>("Answer", ["zero", "x"])));
        await an.Conn.InvokeAsync<AnswerAck>("Answer", 0, SubmittedAnswer.Choice(2));
        Assert.Contains("already-answered", await RefusalAsync(() => an.Conn.InvokeAsync<AnswerAck>("Answer", 0, SubmittedAnswer.Choice(1))));
        Assert.Contains("question is still open", await RefusalAsync(() => host.InvokeAsync<HostState>("Next", game.GameId)));

        var st = await host.InvokeAsync<HostState>("HostGame", game.GameId);
        Assert.Equal((1, 2), (st.Answered, st.Players.Count));
        // Kicked: the device is told, the answer count no longer waits for it, and it cannot come back.
        await host.InvokeAsync<HostState>("Kick", game.GameId, binh.Join.PlayerId);
        Assert.Equal("The host removed you from this game.", await binh.Inbox.WaitAsync<string>("Kicked"));
        Assert.Contains("kicked", await RefusalAsync(() => binh.Conn.InvokeAsync<PlayerState>("Rejoin", game.Pin, binh.Join.ResumeToken)));
        var reveal = await an.Inbox.WaitAsync<PlayerReveal>("Revealed");
        Assert.Equal(1, reveal.Players);

        var anonymous = h.App.CreateClient();
        var create = await anonymous.PostAsJsonAsync("/api/live/games", new CreateGameRequest { BankId = h.BankId }, LiveHarness.Json);
        Assert.Equal(HttpStatusCode.Unauthorized, create.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/live/games/{game.GameId}/results.xlsx")).StatusCode);
        var bad = await h.Host.PostAsJsonAsync("/api/live/games", new CreateGameRequest { BankId = h.BankId, PodiumSize = 11 }, LiveHarness.Json);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("3 to 10", await bad.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_player_who_drops_mid_question_resumes_with_the_same_score_on_the_current_question()
    {
        await using var h = await LiveHarness.StartAsync();
        var game = await h.CreateGameAsync();
        var host = await h.ConnectAsync(asHost: true);
        await host.InvokeAsync<HostState>("HostGame", game.GameId);
        var an = await PlayerAsync(h, game.Pin, "An");
        var binh = await PlayerAsync(h, game.Pin, "Bình");
        await host.InvokeAsync<HostState>("Start", game.GameId);
        await an.Inbox.WaitAsync<PlayerQuestion>("QuestionOpened");
        await an.Conn.InvokeAsync<AnswerAck>("Answer", 0, SubmittedAnswer.Choice(2));
        await binh.Conn.InvokeAsync<AnswerAck>("Answer", 0, SubmittedAnswer.Choice(2));
        await an.Inbox.WaitAsync<PlayerReveal>("Revealed");
        await host.InvokeAsync<HostState>("Next", game.GameId);
        await host.InvokeAsync<HostState>("Next", game.GameId);
        await an.Inbox.WaitAsync<PlayerQuestion>("QuestionOpened", skip: 1);

        await an.Conn.StopAsync(); // the network drops mid-question
        var back = await h.ConnectAsync();
        var inbox = new Inbox(back, Inbox.PlayerEvents);
        var state = await back.InvokeAsync<PlayerState>("Rejoin", game.Pin, an.Join.ResumeToken);
        Assert.Equal((GamePhase.Question, 1000L, false, 1, "An"), (state.Phase, state.Score, state.Answered, state.Question!.Index, state.Nickname));
        await back.InvokeAsync<AnswerAck>("Answer", 1, SubmittedAnswer.Choice(0, 1));
        await binh.Conn.InvokeAsync<AnswerAck>("Answer", 1, SubmittedAnswer.Choice(2));
        // 1000 before + 1000 for Q2 = 2000, delivered to the new connection.
        var reveal = await inbox.WaitAsync<PlayerReveal>("Revealed");
        Assert.Equal((2000L, 1L), (reveal.Score, reveal.Rank));
    }

    [Fact]
    public async Task A_nickname_that_looks_like_a_formula_is_exported_as_text()
    {
        await using var h = await LiveHarness.StartAsync();
        var game = await h.CreateGameAsync();
        var host = await h.ConnectAsync(asHost: true);
        await host.InvokeAsync<HostState>("HostGame", game.GameId);
        await PlayerAsync(h, game.Pin, "=HYPERLINK(1)");
        var ended = await host.InvokeAsync<HostState>("End", game.GameId);
        Assert.Equal(GamePhase.Finished, ended.Phase);

        var xlsx = await h.Host.GetAsync($"/api/live/games/{game.GameId}/results.xlsx");
        using var wb = new XLWorkbook(await xlsx.Content.ReadAsStreamAsync());
        var cell = wb.Worksheet("Xếp hạng").Cell(2, 2);
        Assert.False(cell.HasFormula);
        Assert.Equal("=HYPERLINK(1)", cell.GetString());
    }
}
