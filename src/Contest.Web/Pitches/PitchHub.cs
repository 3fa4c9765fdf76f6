using Contest.Engine.Accounts;
using Contest.Engine.Errors;
using Contest.Engine.Pitches;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;

namespace Contest.Web.Pitches;

/// <summary>The client contract of <see cref="PitchHub"/>. Messages carry ids and live state, never scores.</summary>
public interface IPitchClient
{
    Task LiveChanged(LiveState state);
    Task TeamLocked(int roundId, int teamId);
    Task ScoresSaved(int roundId, int teamId, string judgeId);
    Task VotesChanged(int roundId);
}

public static class PitchGroups
{
    public static string Judges(int roundId) => $"pitch:{roundId}:judges";
    public static string Organizers(int roundId) => $"pitch:{roundId}:organizers";
    public static string Watchers(int roundId) => $"pitch:{roundId}:watchers";
}

/// <summary>
/// Live pitch updates. Joining a group is the only thing a client asks for, and each join checks the
/// caller's role on the server: judge progress goes to organizers only, and nobody gets scores here.
/// A refusal arrives as "code: reason" like the live hub's; the judge's page words the code in its own language from
/// the one error table (js/pitch-common.js), so a Vietnamese judge never reads the engine's English.
/// </summary>
public sealed class PitchHub(PitchDesk desk, UserManager<AppUser> users) : Hub<IPitchClient>
{
    public const string Path = "/hubs/pitch";

    private static readonly ContestError SignIn = ContestError.Forbidden("sign-in", "Sign in with a judge account.");
    private static readonly ContestError JudgesOnly = ContestError.Forbidden("forbidden", "Only a judge account can score a pitch round.");
    private static readonly ContestError OrganizersOnly = ContestError.Forbidden("forbidden", "Only an organizer can run a pitch round.");

    /// <summary>The projector and the hall: current team, timer, locks and votes.</summary>
    public async Task<LiveState> WatchRound(int roundId)
    {
        var live = await desk.LiveAsync(roundId, Context.ConnectionAborted);
        if (!live.Ok) throw Refusal(live.Error!);
        await Groups.AddToGroupAsync(Context.ConnectionId, PitchGroups.Watchers(roundId));
        return live.Value!;
    }

    public async Task<LiveState> JoinAsJudge(int roundId)
    {
        var userId = users.GetUserId(Context.User!);
        if (userId is null) throw Refusal(SignIn);
        if (Context.User?.IsInRole(Roles.Judge) != true) throw Refusal(JudgesOnly);
        var live = await desk.LiveAsync(roundId, Context.ConnectionAborted);
        if (!live.Ok) throw Refusal(live.Error!);
        if (!await desk.IsJudgeOfAsync(roundId, userId, Context.ConnectionAborted)) throw Refusal(PitchErrors.NotAssigned);
        await Groups.AddToGroupAsync(Context.ConnectionId, PitchGroups.Judges(roundId));
        return live.Value!;
    }

    public async Task<LiveState> JoinAsOrganizer(int roundId)
    {
        if (Context.User?.IsInRole(Roles.Admin) != true && Context.User?.IsInRole(Roles.Organizer) != true)
            throw Refusal(OrganizersOnly);
        var live = await desk.LiveAsync(roundId, Context.ConnectionAborted);
        if (!live.Ok) throw Refusal(live.Error!);
        await Groups.AddToGroupAsync(Context.ConnectionId, PitchGroups.Organizers(roundId));
        return live.Value!;
    }

    // "code: reason", as the live hub's filter sends it: the page words the code from the one client-side table in its
    // own language (Pitch.refusal, js/errors.js); the engine's reason is only the fallback for a code the table lacks.
    private static HubException Refusal(ContestError error) => new($"{error.Code}: {error.Message}");
}

/// <summary>The engine's broadcaster over SignalR; event projectors showing the round are refreshed too.</summary>
public sealed class SignalRPitchBroadcaster(IHubContext<PitchHub, IPitchClient> hub, Events.IProjectorNotifier projectors) : IPitchBroadcaster
{
    public async Task LiveChangedAsync(LiveState state)
    {
        await hub.Clients.Groups(PitchGroups.Judges(state.RoundId), PitchGroups.Organizers(state.RoundId), PitchGroups.Watchers(state.RoundId)).LiveChanged(state);
        await projectors.ContentChangedAsync(Engine.Events.ScreenKind.Pitch, state.RoundId.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public async Task TeamLockedAsync(int roundId, int teamId)
    {
        await hub.Clients.Groups(PitchGroups.Judges(roundId), PitchGroups.Organizers(roundId), PitchGroups.Watchers(roundId)).TeamLocked(roundId, teamId);
        await projectors.ContentChangedAsync(Engine.Events.ScreenKind.Pitch, roundId.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public Task ScoresSavedAsync(int roundId, int teamId, string judgeId) =>
        hub.Clients.Group(PitchGroups.Organizers(roundId)).ScoresSaved(roundId, teamId, judgeId);

    public async Task VotesChangedAsync(int roundId)
    {
        await hub.Clients.Groups(PitchGroups.Organizers(roundId), PitchGroups.Watchers(roundId)).VotesChanged(roundId);
        // A hall voting at once is a flood of changes: projectors follow within half a second, not once per vote.
        var target = roundId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        projectors.ContentChangedSoon(Engine.Events.ScreenKind.Pitch, target);
        projectors.ContentChangedSoon(Engine.Events.ScreenKind.PitchVote, target);
    }
}
