using ClosedXML.Excel;
using Contest.Engine.LiveGames;
using Contest.Engine.Questions.Answers;
using Contest.Web.LiveGames;
using Contest.Web.Tests.LiveGames;
using Microsoft.AspNetCore.SignalR.Client;

namespace Contest.Web.Tests.LiveCluster;

/// <summary>The host's browser on a node that does not run the game: every host call goes to the game's grain on the owner, every host event comes back through the backplane.</summary>
public class CrossNodeHostTests
{
    [Fact]
    public async Task A_host_on_node_B_drives_a_game_node_A_runs_from_lobby_to_podium_and_kicks_a_player()
    {
        await using var nodes = await TwoNodes.StartAsync();
        var game = await nodes.CreateGameOnAAsync();
        var id = game.GameId;

        var host = await nodes.ConnectAsync(nodes.B, asHost: true);
        var inbox = new Inbox(host, Inbox.HostEvents);
        var lobby = await host.InvokeAsync<HostState>("HostGame", id);
        Assert.Equal((GamePhase.Lobby, game.Pin, 0), (lobby.Phase, lobby.Pin, lobby.Players.Count));

        // An plays through node A, Bình and Chi through node B.
        var an = await nodes.ConnectAsync(nodes.A);
        var binh = await nodes.ConnectAsync(nodes.B);
        var chi = await nodes.ConnectAsync(nodes.B);
        var chiInbox = new Inbox(chi, Inbox.PlayerEvents);
        var anId = (await an.InvokeAsync<JoinResult>("Join", game.Pin, "An", null)).PlayerId;
        var binhId = (await binh.InvokeAsync<JoinResult>("Join", game.Pin, "Bình", null)).PlayerId;
        var chiId = (await chi.InvokeAsync<JoinResult>("Join", game.Pin, "Chi", null)).PlayerId;

        // The lobby list on the host's node fills from the owner's progress messages (several arrivals may share one).
        var joined = new HashSet<Guid>();
        for (var i = 0; joined.Count < 3; i++) foreach (var p in (await inbox.WaitAsync<HostProgress>("HostProgress", i)).Joined) joined.Add(p.Id);
        Assert.Equal(new HashSet<Guid> { anId, binhId, chiId }, joined);

        // Kick Chi: the call goes B → A, the Kicked message A → Chi's connection on B, and the host sees Chi leave.
        var afterKick = await host.InvokeAsync<HostState>("Kick", id, chiId);
        Assert.Equal(["An", "Bình"], afterKick.Players.Select(p => p.Nickname).Order().ToArray());
        Assert.Equal("The host removed you from this game.", await chiInbox.WaitAsync<string>("Kicked"));
        var progressSoFar = inbox.All.Count(m => m.Name == "HostProgress");
        for (var i = progressSoFar - 1; !(await inbox.WaitAsync<HostProgress>("HostProgress", i)).Left.Contains(chiId); i++) { }

        // Question 1 (right: option 2). An right, Bình wrong: both remaining players answered, so it closes by itself.
        Assert.Equal(GamePhase.Question, (await host.InvokeAsync<HostState>("Start", id)).Phase);
        var q1 = await inbox.WaitAsync<PlayerQuestion>("QuestionOpened");
        Assert.Equal((0, "Đoàn thành lập năm nào?"), (q1.Index, q1.Text));
        await an.InvokeAsync<AnswerAck>("Answer", 0, SubmittedAnswer.Choice(2));
        await binh.InvokeAsync<AnswerAck>("Answer", 0, SubmittedAnswer.Choice(0));
        var reveal1 = await inbox.WaitAsync<HostReveal>("HostRevealed");
        // Counts per option: Bình on 0, An on 2 → [1, 0, 1, 0]; 1 right, 1 wrong, nobody silent, 2 players (Chi is out).
        Assert.Equal([2], reveal1.Correct.Options);
        Assert.Equal([1, 0, 1, 0], reveal1.OptionCounts);
        Assert.Equal((1, 1, 0, 2), (reveal1.Right, reveal1.Wrong, reveal1.NoAnswer, reveal1.Players));

        // Accuracy, 1000 points: An 1000 (#1), Bình 0 (#2).
        Assert.Equal(GamePhase.Leaderboard, (await host.InvokeAsync<HostState>("Next", id)).Phase);
        var board1 = await inbox.WaitAsync<HostLeaderboard>("HostLeaderboard");
        Assert.Equal([("An", 1000L, 1L), ("Bình", 0L, 2L)], board1.Top.Select(s => (s.Nickname, s.Score, s.Rank)).ToArray());

        // Question 2 (right: option 0): paused and resumed from B, An answers right, the host skips Bình's silence.
        Assert.Equal(GamePhase.Question, (await host.InvokeAsync<HostState>("Next", id)).Phase);
        Assert.Equal(1, (await inbox.WaitAsync<PlayerQuestion>("QuestionOpened", 1)).Index);
        Assert.True((await host.InvokeAsync<HostState>("Pause", id)).Paused);
        Assert.True((await inbox.WaitAsync<PauseInfo>("PausedChanged")).Paused);
        Assert.False((await host.InvokeAsync<HostState>("Resume", id)).Paused);
        Assert.False((await inbox.WaitAsync<PauseInfo>("PausedChanged", 1)).Paused);
        await an.InvokeAsync<AnswerAck>("Answer", 1, SubmittedAnswer.Choice(0));
        Assert.Equal(GamePhase.Reveal, (await host.InvokeAsync<HostState>("Skip", id)).Phase);
        var reveal2 = await inbox.WaitAsync<HostReveal>("HostRevealed", 1);
        Assert.Equal((1, 0, 1), (reveal2.Right, reveal2.Wrong, reveal2.NoAnswer));

        // An 1000 + 1000 = 2000 (#1), Bình 0 (#2); End from the leaderboard goes to the podium with those scores.
        Assert.Equal(GamePhase.Leaderboard, (await host.InvokeAsync<HostState>("Next", id)).Phase);
        Assert.Equal(GamePhase.Podium, (await host.InvokeAsync<HostState>("End", id)).Phase);
        var podium = await inbox.WaitAsync<HostPodium>("HostPodium");
        Assert.Equal([("An", 2000L, 1L), ("Bình", 0L, 2L)], podium.Podium.Select(s => (s.Nickname, s.Score, s.Rank)).ToArray());
        var state = await host.InvokeAsync<HostState>("HostGame", id);
        Assert.Equal(GamePhase.Podium, state.Phase);
        Assert.Equal(2000, state.Podium!.Podium[0].Score);

        // All along node A ran the game and node B never held it.
        Assert.True(await nodes.RunsAsync(nodes.A, id));
        Assert.False(await nodes.RunsAsync(nodes.B, id));

        // The results export on B, from PostgreSQL: An's two right answers (1000 each), Bình's one wrong, Chi removed.
        var (client, _) = await nodes.HostAsync(nodes.B);
        var xlsx = await client.GetAsync($"/api/live/games/{id}/results.xlsx");
        xlsx.EnsureSuccessStatusCode();
        using var wb = new XLWorkbook(await xlsx.Content.ReadAsStreamAsync());
        var players = wb.Worksheet("Xếp hạng");
        var rows = Enumerable.Range(2, 3).Select(r => (players.Cell(r, 2).GetString(), players.Cell(r, 3).GetString(), players.Cell(r, 8).GetString())).ToArray();
        Assert.Contains(("An", "2000", ""), rows);
        Assert.Contains(("Bình", "0", ""), rows);
        Assert.Contains(("Chi", "0", "Có"), rows);
        Assert.Equal(1 + 3, wb.Worksheet("Câu trả lời").RowsUsed().Count()); // header + An's two answers + Bình's one
    }
}
