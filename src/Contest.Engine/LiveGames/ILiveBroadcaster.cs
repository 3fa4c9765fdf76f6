namespace Contest.Engine.LiveGames;

/// <summary>
/// How the game reaches screens; implemented by the host over SignalR. Players get one message per state
/// change (a group send, or one personal message each for results, addressed by player so that it reaches the
/// player's current connection on whichever node it is); the host gets everything, and the per-answer traffic
/// only as batched <see cref="HostProgress"/>.
/// </summary>
public interface ILiveBroadcaster
{
    Task QuestionOpened(LiveGame game, PlayerQuestion question);
    Task Progress(LiveGame game, HostProgress progress);
    Task Revealed(LiveGame game, HostReveal host, IReadOnlyList<(Guid PlayerId, PlayerReveal Reveal)> players);
    Task LeaderboardShown(LiveGame game, HostLeaderboard leaderboard);
    Task PodiumShown(LiveGame game, HostPodium podium, IReadOnlyList<(Guid PlayerId, PlayerFinal Final)> players);
    Task PausedChanged(LiveGame game, bool paused, int remainingMs);
    Task Finished(LiveGame game);
    Task Kicked(LiveGame game, Guid playerId);
}
