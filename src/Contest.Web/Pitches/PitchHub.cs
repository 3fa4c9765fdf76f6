using System.Globalization;
using Contest.Admin.Errors;
using Contest.Engine.Accounts;
using Contest.Engine.Errors;
using Contest.Engine.Pitches;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

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
/// A refusal arrives as "code: words" like the live hub's (js/pitch-common.js reads the code), the words from the one
/// error table in the caller's language, so a Vietnamese judge never reads the engine's English.
/// </summary>
public sealed class PitchHub(PitchDesk desk, UserManager<AppUser> users, IStringLocalizer<ErrorTexts> texts, IOptions<RequestLocalizationOptions> languages) : Hub<IPitchClient>
{
    public const string Path = "/hubs/pitch";

    private static readonly ContestError SignIn = ContestError.Forbidden("sign-in", "Sign in with a judge account.");
    private static readonly ContestError JudgesOnly = ContestError.Forbidden("forbidden", "Only a judge account can score a pitch round.");
    private static readonly ContestError OrganizersOnly = ContestError.Forbidden("forbidden", "Only an organizer can run a pitch round.");

    /// <summary>The projector and the hall: current team, timer, locks and votes.</summary>
    public async Task<LiveState> WatchRound(int roundId)
    {
        var live = await desk.LiveAsync(roundId, Context.ConnectionAborted);
        if (!live.Ok) throw await RefusalAsync(live.Error!);
        await Groups.AddToGroupAsync(Context.ConnectionId, PitchGroups.Watchers(roundId));
        return live.Value!;
    }

    public async Task<LiveState> JoinAsJudge(int roundId)
    {
        var userId = users.GetUserId(Context.User!);
        if (userId is null) throw await RefusalAsync(SignIn);
        if (Context.User?.IsInRole(Roles.Judge) != true) throw await RefusalAsync(JudgesOnly);
        var live = await desk.LiveAsync(roundId, Context.ConnectionAborted);
        if (!live.Ok) throw await RefusalAsync(live.Error!);
        if (!await desk.IsJudgeOfAsync(roundId, userId, Context.ConnectionAborted)) throw await RefusalAsync(PitchErrors.NotAssigned);
        await Groups.AddToGroupAsync(Context.ConnectionId, PitchGroups.Judges(roundId));
        return live.Value!;
    }

    public async Task<LiveState> JoinAsOrganizer(int roundId)
    {
        if (Context.User?.IsInRole(Roles.Admin) != true && Context.User?.IsInRole(Roles.Organizer) != true)
            throw await RefusalAsync(OrganizersOnly);
        var live = await desk.LiveAsync(roundId, Context.ConnectionAborted);
        if (!live.Ok) throw await RefusalAsync(live.Error!);
        await Groups.AddToGroupAsync(Context.ConnectionId, PitchGroups.Organizers(roundId));
        return live.Value!;
    }

    private async Task<HubException> RefusalAsync(ContestError error)
    {
        // A hub call runs outside the request that set the page's language (with long polling it arrives in a later
        // one), so the language is worked out again from the connection's request: ?culture= or the cookie.
        CultureInfo.CurrentUICulture = await LanguageAsync();
        return new HubException($"{error.Code}: {ApiProblem.Text(texts, error, "pitch")}");
    }

    private async Task<CultureInfo> LanguageAsync()
    {
        var options = languages.Value;
        if (Context.GetHttpContext() is { } http)
            foreach (var provider in options.RequestCultureProviders)
                if (await provider.DetermineProviderCultureResult(http) is { UICultures: [var asked, ..] }
                    && options.SupportedUICultures?.FirstOrDefault(c => c.Name.Equals(asked.Value, StringComparison.OrdinalIgnoreCase)) is { } culture)
                    return culture;
        return options.DefaultRequestCulture.UICulture;
    }
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
