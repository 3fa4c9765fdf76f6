using Contest.Engine.LiveGames;
using Microsoft.AspNetCore.SignalR;

namespace Contest.Web.LiveGames;

/// <summary>The engine's broadcaster over SignalR. Group sends for everyone-the-same messages; personal results go to each connection once.</summary>
public sealed class SignalRBroadcaster(IHubContext<LiveHub, ILiveClient> hub) : ILiveBroadcaster
{
    public Task QuestionOpened(LiveGame game, PlayerQuestion question) => Task.WhenAll(
        hub.Clients.Group(LiveGroups.Players(game.Id)).QuestionOpened(question),
        hub.Clients.Group(LiveGroups.Host(game.Id)).QuestionOpened(question));

    public Task Progress(LiveGame game, HostProgress progress) => hub.Clients.Group(LiveGroups.Host(game.Id)).HostProgress(progress);

    public Task Revealed(LiveGame game, HostReveal host, IReadOnlyList<(string ConnectionId, PlayerReveal Reveal)> players)
    {
        var sends = new List<Task>(players.Count + 1) { hub.Clients.Group(LiveGroups.Host(game.Id)).HostRevealed(host) };
        foreach (var (c, r) in players) sends.Add(hub.Clients.Client(c).Revealed(r));
        return Task.WhenAll(sends);
    }

    public Task LeaderboardShown(LiveGame game, HostLeaderboard leaderboard) => hub.Clients.Group(LiveGroups.Host(game.Id)).HostLeaderboard(leaderboard);

    public Task PodiumShown(LiveGame game, HostPodium podium, IReadOnlyList<(string ConnectionId, PlayerFinal Final)> players)
    {
        var sends = new List<Task>(players.Count + 1) { hub.Clients.Group(LiveGroups.Host(game.Id)).HostPodium(podium) };
        foreach (var (c, f) in players) sends.Add(hub.Clients.Client(c).GameOver(f));
        return Task.WhenAll(sends);
    }

    public Task PausedChanged(LiveGame game, bool paused, int remainingMs)
    {
        var info = new PauseInfo(paused, remainingMs);
        return Task.WhenAll(hub.Clients.Group(LiveGroups.Players(game.Id)).PausedChanged(info), hub.Clients.Group(LiveGroups.Host(game.Id)).PausedChanged(info));
    }

    public Task Finished(LiveGame game) => Task.WhenAll(
        hub.Clients.Group(LiveGroups.Players(game.Id)).Finished(), hub.Clients.Group(LiveGroups.Host(game.Id)).Finished());

    public Task Kicked(string connectionId) => hub.Clients.Client(connectionId).Kicked("The host removed you from this game.");
}
