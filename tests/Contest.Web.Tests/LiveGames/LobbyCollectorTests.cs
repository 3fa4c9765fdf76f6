using Contest.Web.LiveGames;
using Microsoft.Extensions.Time.Testing;

namespace Contest.Web.Tests.LiveGames;

public class LobbyCollectorTests
{
    [Fact]
    public void A_crowd_of_joins_is_collected_once_the_lobby_has_been_quiet_for_two_seconds()
    {
        var time = new FakeTimeProvider();
        var collected = 0;
        using var lobby = new LobbyCollector(time, () => collected++);
        for (var i = 0; i < 1000; i++) lobby.Joined();

        time.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.Equal(0, collected);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, collected);
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, collected); // nothing new joined: no second pause
    }

    [Fact]
    public void Joins_still_arriving_put_the_collection_off()
    {
        var time = new FakeTimeProvider();
        var collected = 0;
        using var lobby = new LobbyCollector(time, () => collected++);
        for (var second = 0; second < 5; second++)
        {
            for (var i = 0; i < 300; i++) lobby.Joined();
            time.Advance(TimeSpan.FromSeconds(1.5));
            Assert.Equal(0, collected);
        }
        time.Advance(TimeSpan.FromSeconds(0.5));
        Assert.Equal(1, collected);
    }

    [Fact]
    public void A_small_lobby_is_not_worth_a_pause_until_enough_have_joined_in_all()
    {
        var time = new FakeTimeProvider();
        var collected = 0;
        using var lobby = new LobbyCollector(time, () => collected++);
        for (var i = 0; i < 999; i++) lobby.Joined();
        time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(0, collected);

        lobby.Joined(); // the thousandth, in a later lobby
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, collected);
        Assert.Equal(1, lobby.Collections);
    }
}
