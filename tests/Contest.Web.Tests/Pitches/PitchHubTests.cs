using System.Net.Http.Json;
using Contest.Engine.Pitches;
using Contest.Engine.Storage;
using Contest.Web.Pitches;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Contest.Web.Tests.Pitches;

public class PitchHubTests
{
    private static async Task<HubConnection> ConnectAsync(PitchScenario s, string? user)
    {
        var cookie = user is null ? null : (await s.SignInAsync(user)).Cookies.GetCookieHeader(s.App.Server.BaseAddress);
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(s.App.Server.BaseAddress, PitchHub.Path), o =>
            {
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => s.App.Server.CreateHandler();
                if (cookie is not null) o.Headers["Cookie"] = cookie;
            })
            .Build();
        await hub.StartAsync();
        return hub;
    }

    [Fact]
    public async Task The_current_team_reaches_judges_and_the_projector_and_progress_reaches_only_organizers()
    {
        await using var s = await PitchScenario.CreateAsync(StorageProvider.Sqlite);
        await using var judge = await ConnectAsync(s, "j1");
        await using var organizer = await ConnectAsync(s, "org");
        await using var projector = await ConnectAsync(s, null);

        var judgeLive = new TaskCompletionSource<LiveState>(TaskCreationOptions.RunContinuationsAsynchronously);
        var projectorLive = new TaskCompletionSource<LiveState>(TaskCreationOptions.RunContinuationsAsynchronously);
        var progress = new TaskCompletionSource<(int, string)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var judgeGotProgress = false;
        judge.On<LiveState>(nameof(IPitchClient.LiveChanged), l => judgeLive.TrySetResult(l));
        judge.On<int, int, string>(nameof(IPitchClient.ScoresSaved), (_, _, _) => judgeGotProgress = true);
        projector.On<LiveState>(nameof(IPitchClient.LiveChanged), l => projectorLive.TrySetResult(l));
        projector.On<int, int, string>(nameof(IPitchClient.ScoresSaved), (_, _, _) => judgeGotProgress = true);
        organizer.On<int, int, string>(nameof(IPitchClient.ScoresSaved), (_, team, j) => progress.TrySetResult((team, j)));

        await judge.InvokeAsync<LiveState>(nameof(PitchHub.JoinAsJudge), s.RoundId);
        await organizer.InvokeAsync<LiveState>(nameof(PitchHub.JoinAsOrganizer), s.RoundId);
        await projector.InvokeAsync<LiveState>(nameof(PitchHub.WatchRound), s.RoundId);

        var org = await s.ClientAsync("org");
        await PitchScenario.PostOk(org, $"/api/pitch/rounds/{s.RoundId}/current", new { teamId = s.Team2 });
        Assert.Equal(s.Team2, (await judgeLive.Task.WaitAsync(TimeSpan.FromSeconds(10))).CurrentTeamId);
        Assert.Equal(s.Team2, (await projectorLive.Task.WaitAsync(TimeSpan.FromSeconds(10))).CurrentTeamId);

        var j1 = await s.ClientAsync("j1");
        await PitchScenario.PutOk(j1, $"/api/pitch/teams/{s.Team2}/scores", s.Sheet(6, 8, 2));
        Assert.Equal((s.Team2, s.UserIds["j1"]), await progress.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        // The same save went to the organizers' group only. Fence: the next live state, which reaches the judge
        // and the projector. The save's messages were sent inside the PUT, before this POST began; each client
        // runs its handlers in arrival order, so a stray ScoresSaved would have set the flag before these complete.
        judgeLive = new TaskCompletionSource<LiveState>(TaskCreationOptions.RunContinuationsAsynchronously);
        projectorLive = new TaskCompletionSource<LiveState>(TaskCreationOptions.RunContinuationsAsynchronously);
        await PitchScenario.PostOk(org, $"/api/pitch/rounds/{s.RoundId}/current", new { teamId = s.Team1 });
        Assert.Equal(s.Team1, (await judgeLive.Task.WaitAsync(TimeSpan.FromSeconds(10))).CurrentTeamId);
        Assert.Equal(s.Team1, (await projectorLive.Task.WaitAsync(TimeSpan.FromSeconds(10))).CurrentTeamId);
        Assert.False(judgeGotProgress);
    }

    [Fact]
    public async Task Joining_as_judge_or_organizer_is_checked_on_the_server_and_refused_with_a_code()
    {
        await using var s = await PitchScenario.CreateAsync(StorageProvider.Sqlite);
        // The code first, which the page words from the one error table in its language (Pitch.refusal, js/errors.js).
        await using var outsider = await ConnectAsync(s, "j4");
        var notAssigned = await Assert.ThrowsAsync<HubException>(() => outsider.InvokeAsync<LiveState>(nameof(PitchHub.JoinAsJudge), s.RoundId));
        Assert.Contains("not-assigned: ", notAssigned.Message);
        Assert.Contains("not a judge of this round", notAssigned.Message);
        var notOrganizer = await Assert.ThrowsAsync<HubException>(() => outsider.InvokeAsync<LiveState>(nameof(PitchHub.JoinAsOrganizer), s.RoundId));
        Assert.Contains("forbidden: ", notOrganizer.Message);
        Assert.Contains("Only an organizer", notOrganizer.Message);

        await using var anonymous = await ConnectAsync(s, null);
        var signIn = await Assert.ThrowsAsync<HubException>(() => anonymous.InvokeAsync<LiveState>(nameof(PitchHub.JoinAsJudge), s.RoundId));
        Assert.Contains("sign-in: ", signIn.Message);
        var missing = await Assert.ThrowsAsync<HubException>(() => anonymous.InvokeAsync<LiveState>(nameof(PitchHub.WatchRound), 999_999));
        Assert.Contains("not-found: ", missing.Message);
        Assert.Contains("Round not found", missing.Message);
    }
}
