using Contest.Engine.LiveGames;
using Microsoft.AspNetCore.SignalR;

namespace Contest.Web.LiveGames;

/// <summary>
/// The engine's broadcaster over SignalR, called by a game's grain on the silo it runs on: group sends for
/// everyone-the-same messages, personal results to each player's own group (its connections on any node, through the
/// Redis backplane when there are several nodes).
/// </summary>
public sealed class SignalRBroadcaster(IHubContext<LiveHub, ILiveClient> hub, Events.IProjectorNotifier projectors, Leaderboards.BackplaneMonitor backplane)
    : ILiveBroadcaster
{
    public Task QuestionOpened(LiveGame game, PlayerQuestion question) => Pushed(Task.WhenAll(
        hub.Clients.Group(LiveGroups.Players(game.Id)).QuestionOpened(question),
        hub.Clients.Group(LiveGroups.Host(game.Id)).QuestionOpened(question),
        Projectors(game)));

    /// <summary>
    /// A screen push that Redis did not take (the backplane away) reached nobody, on any node, and the grain does not
    /// send it again: the backplane monitor has every client re-sync once Redis is back. Host progress is left out: its
    /// counts are whole and the next tick carries them.
    /// </summary>
    private async Task Pushed(Task sends)
    {
        try
        {
            await sends;
        }
        catch (Exception e) when (FromRedis(e))
        {
            backplane.SendFailed();
            throw;
        }
    }

    private static bool FromRedis(Exception e) =>
        e is StackExchange.Redis.RedisException or StackExchange.Redis.RedisTimeoutException || (e.InnerException is { } inner && FromRedis(inner));

    // Event projectors showing this game follow its phases (once per phase change, never per answer).
    private Task Projectors(LiveGame game) => projectors.ContentChangedAsync(Engine.Events.ScreenKind.LiveGame, game.Id.ToString());

    // Progress comes a few times a second. In the lobby the projectors' player count follows it, started now (so the
    // view is built while the lobby lasts, in order with the later phase pushes) but not awaited: the next host update
    // must not wait for projector views to be rebuilt.
    public Task Progress(LiveGame game, HostProgress progress)
    {
        if (progress.Phase == GamePhase.Lobby) _ = LobbyProjectorsAsync(game);
        return hub.Clients.Group(LiveGroups.Host(game.Id)).HostProgress(progress);
    }

    private async Task LobbyProjectorsAsync(LiveGame game)
    {
        try { await Projectors(game); }
        catch (Exception) { /* best effort: the next count or phase change refreshes the projector */ }
    }

    public Task Revealed(LiveGame game, HostReveal host, IReadOnlyList<(Guid PlayerId, PlayerReveal Reveal)> players)
    {
        var sends = new List<Task>(players.Count + 2) { hub.Clients.Group(LiveGroups.Host(game.Id)).HostRevealed(host), Projectors(game) };
        foreach (var (p, r) in players) sends.Add(hub.Clients.Group(LiveGroups.Player(game.Id, p)).Revealed(r));
        return Pushed(Task.WhenAll(sends));
    }

    public Task LeaderboardShown(LiveGame game, HostLeaderboard leaderboard) =>
        Pushed(Task.WhenAll(hub.Clients.Group(LiveGroups.Host(game.Id)).HostLeaderboard(leaderboard), Projectors(game)));

    public Task PodiumShown(LiveGame game, HostPodium podium, IReadOnlyList<(Guid PlayerId, PlayerFinal Final)> players)
    {
        var sends = new List<Task>(players.Count + 2) { hub.Clients.Group(LiveGroups.Host(game.Id)).HostPodium(podium), Projectors(game) };
        foreach (var (p, f) in players) sends.Add(hub.Clients.Group(LiveGroups.Player(game.Id, p)).GameOver(f));
        return Pushed(Task.WhenAll(sends));
    }

    public Task PausedChanged(LiveGame game, bool paused, int remainingMs)
    {
        var info = new PauseInfo(paused, remainingMs);
        return Pushed(Task.WhenAll(hub.Clients.Group(LiveGroups.Players(game.Id)).PausedChanged(info), hub.Clients.Group(LiveGroups.Host(game.Id)).PausedChanged(info)));
    }

    // Projectors showing the game move from its podium to its final screen (marked finished), read from the stored rows.
    public Task Finished(LiveGame game) => Pushed(Task.WhenAll(
        hub.Clients.Group(LiveGroups.Players(game.Id)).Finished(), hub.Clients.Group(LiveGroups.Host(game.Id)).Finished(), Projectors(game)));

    public Task Kicked(LiveGame game, Guid playerId) => Pushed(hub.Clients.Group(LiveGroups.Player(game.Id, playerId)).Kicked("The host removed you from this game."));
}
