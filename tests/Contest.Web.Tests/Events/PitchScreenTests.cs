using System.Net;
using System.Text.Json;
using Contest.Engine.Events;
using Contest.Engine.Storage;
using Contest.Testing.Events;
using Contest.Web.Events;
using Contest.Web.Tests.Pitches;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Contest.Web.Tests.Events;

public class PitchScreenTests
{
    [Fact]
    public async Task The_projector_follows_the_team_on_stage_and_ranks_teams_only_once_locked()
    {
        await using var s = await PitchScenario.CreateAsync(StorageProvider.Sqlite);
        var (eventId, token) = await EventScreens.ShowAsync(s.App.Services, "Chung kết khởi nghiệp", new ScreenChoice(ScreenKind.Pitch, s.RoundId.ToString()));

        await using var projector = await ProjectorClient.ConnectAsync(s.App);
        var first = await projector.WatchAsync(token);
        Assert.Equal("Pitch", first.GetProperty("kind").GetString());
        Assert.Equal(0, first.GetProperty("content").GetProperty("ranking").GetProperty("rows").GetArrayLength());

        var org = await s.ClientAsync("org");
        await PitchScenario.PostOk(org, $"/api/pitch/rounds/{s.RoundId}/current", new { teamId = s.Team1 });
        var onStage = await projector.NextContentAsync();
        Assert.Equal("Đội Một", onStage.GetProperty("team").GetString());

        // Team 1: j1 5·8+3·6+4·4 = 74; j2 5·7+3·7+4·3 = 68; j3 5·9+3·5+4·5 = 80 → mean 74.
        await PitchScenario.PutOk(await s.ClientAsync("j1"), $"/api/pitch/teams/{s.Team1}/scores", s.Sheet(8, 6, 4));
        await PitchScenario.PutOk(await s.ClientAsync("j2"), $"/api/pitch/teams/{s.Team1}/scores", s.Sheet(7, 7, 3));
        await PitchScenario.PutOk(await s.ClientAsync("j3"), $"/api/pitch/teams/{s.Team1}/scores", s.Sheet(9, 5, 5));
        // Saved scores are not public: no projector update carries them before the lock. The lock's push is the
        // fence: the pitch API pushes to projectors inside the request (SignalRPitchBroadcaster awaits
        // ContentChangedAsync), so anything a save had sent was sent before it, and the client reads in order.
        await PitchScenario.PostOk(org, $"/api/pitch/teams/{s.Team1}/lock");
        var next = await projector.NextAsync();
        Assert.Equal("Show", next.Method);
        var afterLock = next.Payload.GetProperty("content");
        var row = Assert.Single(afterLock.GetProperty("ranking").GetProperty("rows").EnumerateArray());
        Assert.Equal("Đội Một", row.GetProperty("name").GetString());
        Assert.Equal(1, row.GetProperty("rank").GetInt32());
        Assert.Equal("74,00", row.GetProperty("score").GetString()); // Vietnamese decimal comma: the event's language
        Assert.Equal(0.74, row.GetProperty("bar").GetDouble(), 6);
        Assert.DoesNotContain("j1", afterLock.GetRawText());
    }

    [Fact]
    public async Task The_pitch_rounds_projector_button_opens_the_event_projector_for_organizers_only()
    {
        await using var s = await PitchScenario.CreateAsync(StorageProvider.Sqlite);
        var path = $"/pitch/screen/{s.RoundId}";
        Assert.Contains("/account/login", (await s.App.NewClient().GetAsync(path)).Headers.Location!.ToString());
        Assert.Contains("/account/denied", (await (await s.ClientAsync("j1")).GetAsync(path)).Headers.Location!.ToString());
        Assert.Contains("/account/denied", (await (await s.ClientAsync("fan")).GetAsync(path)).Headers.Location!.ToString());

        var org = await s.ClientAsync("org");
        Assert.Equal(HttpStatusCode.NotFound, (await org.GetAsync("/pitch/screen/999")).StatusCode);
        var first = await org.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var link = first.Headers.Location!.ToString();
        Assert.StartsWith("/screen/", link);
        // Pressing the button again opens the same projector, not a second event.
        Assert.Equal(link, (await org.GetAsync(path)).Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await s.App.NewClient().GetAsync(link)).StatusCode);

        var token = link["/screen/".Length..];
        await using (var ctx = s.Database.NewContext())
        {
            var ev = Assert.Single(await ctx.Set<ContestEvent>().ToListAsync());
            Assert.Equal(("Khởi nghiệp thử — Chung kết thử", "vi", token), (ev.Title, ev.Language, ev.ProjectorToken));
            Assert.Equal(new ScreenChoice(ScreenKind.Pitch, s.RoundId.ToString()), ev.Screen);
        }

        // The audience vote is on the event screen: absent until it opens; while open, where to vote and how many
        // voted (never who leads); once closed, the prize and the totals.
        await using var projector = await ProjectorClient.ConnectAsync(s.App);
        var view = await projector.WatchAsync(token);
        Assert.Equal("Pitch", view.GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, view.GetProperty("content").GetProperty("vote").ValueKind);
        await PitchScenario.PostOk(org, $"/api/pitch/rounds/{s.RoundId}/votes/open", new { open = true });
        var opened = await projector.NextContentAsync(c => c.GetProperty("vote").ValueKind != JsonValueKind.Null);
        Assert.Equal(($"/pitch/vote/{s.RoundId}", 0), (opened.GetProperty("vote").GetProperty("path").GetString(), opened.GetProperty("vote").GetProperty("cast").GetInt32()));
        var phone = s.App.NewClient();
        await phone.GetAsync($"/pitch/vote/{s.RoundId}");
        await PitchScenario.PostOk(phone, $"/api/pitch/rounds/{s.RoundId}/votes", new { teamId = s.Team2 });
        var voted = await projector.NextContentAsync(c => c.GetProperty("vote").GetProperty("cast").GetInt32() == 1);
        Assert.Equal(JsonValueKind.Null, voted.GetProperty("audience").ValueKind);
        await PitchScenario.PostOk(org, $"/api/pitch/rounds/{s.RoundId}/votes/open", new { open = false });
        var closed = await projector.NextContentAsync(c => c.GetProperty("audience").ValueKind != JsonValueKind.Null);
        // One vote for Đội Hai: it takes the prize, with the full bar; Đội Một has none.
        Assert.Equal(["Đội Hai"], closed.GetProperty("vote").GetProperty("prize").EnumerateArray().Select(p => p.GetString()!).ToArray());
        var rows = closed.GetProperty("audience").GetProperty("rows").EnumerateArray().ToArray();
        Assert.Equal(["Đội Hai", "Đội Một"], rows.Select(r => r.GetProperty("name").GetString()!).ToArray());
        Assert.Equal([1.0, 0.0], rows.Select(r => r.GetProperty("bar").GetDouble()).ToArray());

        // Once the director shows something else, the button makes a new event for the round rather than taking the screen back.
        using (var scope = s.App.Services.CreateScope())
        {
            var director = scope.ServiceProvider.GetRequiredService<EventDirector>();
            await using var ctx = s.Database.NewContext();
            var id = (await ctx.Set<ContestEvent>().SingleAsync()).Id;
            Assert.Null((await director.ShowAsync(id, ScreenChoice.Welcome, default)).Error);
        }
        Assert.NotEqual(link, (await org.GetAsync(path)).Headers.Location!.ToString());
    }
}
