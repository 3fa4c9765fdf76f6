namespace Contest.Engine.Pitches;

/// <summary>
/// The engine's port for live pitch updates; the host implements it over SignalR. Messages carry no
/// scores: clients re-read through the API, where the access rules are enforced in one place.
/// </summary>
public interface IPitchBroadcaster
{
    Task LiveChangedAsync(LiveState state);

    Task TeamLockedAsync(int roundId, int teamId);

    /// <summary>To organizers only: a judge saved scores for a team (judge progress).</summary>
    Task ScoresSavedAsync(int roundId, int teamId, string judgeId);

    Task VotesChangedAsync(int roundId);
}
