using Contest.Engine.LiveGames;

namespace Contest.Web.LiveGames;

/// <summary>What a player's device receives: one message per state change (docs/live-protocol.md).</summary>
public interface IPlayerClient
{
    Task QuestionOpened(PlayerQuestion question);
    Task Revealed(PlayerReveal reveal);
    Task GameOver(PlayerFinal final);
    Task PausedChanged(PauseInfo pause);
    Task Finished();
    Task Kicked(string reason);

    /// <summary>
    /// Ask for the current screen once (Rejoin; the host page HostGame), at a random moment within
    /// <paramref name="spreadMs"/>: pushes may have been lost while the node's Redis backplane was reconnecting (<see cref="Leaderboards.BackplaneResync"/>).
    /// </summary>
    Task Resync(int spreadMs);
}

/// <summary>What the host screen receives besides the player messages.</summary>
public interface IHostClient
{
    Task HostProgress(HostProgress progress);
    Task HostRevealed(HostReveal reveal);
    Task HostLeaderboard(HostLeaderboard leaderboard);
    Task HostPodium(HostPodium podium);
}

public interface ILiveClient : IPlayerClient, IHostClient;

public sealed record PauseInfo(bool Paused, int RemainingMs);
