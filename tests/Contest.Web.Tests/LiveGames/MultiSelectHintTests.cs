using System.Text.Json;
using Contest.Engine.LiveGames;
using Contest.Engine.Storage;
using Contest.Web.LiveGames;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Contest.Web.Tests.LiveGames;

public class MultiSelectHintTests
{
    [Fact]
    public async Task A_phone_is_told_a_question_is_multiple_select_but_not_how_many_options_are_right()
    {
        await using var h = await LiveHarness.StartAsync();
        int multi;
        await using (var scope = h.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ContestDb>();
            multi = await db.Questions.Where(q => q.BankId == h.BankId && q.Type == Engine.Questions.QuestionType.MultipleSelect).Select(q => q.Id).SingleAsync();
        }
        var game = await h.CreateGameAsync(new CreateGameRequest { BankId = h.BankId, QuestionIds = [multi] });
        var host = await h.ConnectAsync(asHost: true);
        await host.InvokeAsync<HostState>("HostGame", game.GameId);
        var phone = await h.ConnectAsync();
        var inbox = new Inbox(phone, Inbox.PlayerEvents);
        await phone.InvokeAsync<JoinResult>("Join", game.Pin, "An", null);
        await host.InvokeAsync<HostState>("Start", game.GameId);
        await inbox.WaitAsync<PlayerQuestion>("QuestionOpened");

        using var raw = JsonDocument.Parse(inbox.All.First(m => m.Name == "QuestionOpened").Json);
        var q = raw.RootElement;
        // The type is the hint ("select all that apply"); the two right options of four are nowhere in the message.
        Assert.Equal("MultipleSelect", q.GetProperty("type").GetString());
        Assert.Equal(["count", "deadline", "index", "mediaKind", "mediaUrl", "options", "points", "remainingMs", "text", "timeLimitMs", "type"],
            q.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.All(q.GetProperty("options").EnumerateArray(), o => Assert.Equal(["id", "text"], o.EnumerateObject().Select(p => p.Name)));
    }
}
