using System.Text.Json;
using Contest.Engine.Events;
using Contest.Engine.Storage;
using Contest.Testing.Events;
using Contest.Web.Events;
using Contest.Web.Tests.Pitches;
using Microsoft.Extensions.DependencyInjection;

namespace Contest.Web.Tests.Events;

public class PitchScreenTests
{
    [Fact]
    public async Task The_projector_follows_the_team_on_stage_and_ranks_teams_only_once_locked()
    {
        await using var s = await PitchScenario.CreateAsync(StorageProvider.Sqlite);
        int eventId;
        string token;
        using (var scope = s.App.Services.CreateScope())
        {
            var director = scope.ServiceProvider.GetRequiredService<EventDirector>();
            var ev = await director.CreateAsync("Chung kết khởi nghiệp", "vi", default);
            (eventId, token) = (ev.Id, ev.ProjectorToken);
            Assert.Null((await director.ShowAsync(eventId, new ScreenChoice(ScreenKind.Pitch, s.RoundId.ToString()), default)).Error);
        }

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
        // Saved scores are not public: no projector update carries them before the lock.
        await Task.Delay(300);
        Assert.True(projector.NothingReceived());

        await PitchScenario.PostOk(org, $"/api/pitch/teams/{s.Team1}/lock");
        var afterLock = await projector.NextContentAsync();
        var row = Assert.Single(afterLock.GetProperty("ranking").GetProperty("rows").EnumerateArray());
        Assert.Equal("Đội Một", row.GetProperty("name").GetString());
        Assert.Equal(1, row.GetProperty("rank").GetInt32());
        Assert.Equal("74,00", row.GetProperty("score").GetString()); // Vietnamese decimal comma: the event's language
        Assert.Equal(0.74, row.GetProperty("bar").GetDouble(), 6);
        Assert.DoesNotContain("j1", afterLock.GetRawText());
    }
}
