using Contest.Web.LiveGames;
using Microsoft.Extensions.Time.Testing;

namespace Contest.Web.Tests.LiveGames;

public sealed class LobbyCollectorTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly LobbyCollector _lobby;
    private int _collected;

    public LobbyCollectorTests() => _lobby = new LobbyCollector(_time, () => _collected++);

    public void Dispose() => _lobby.Dispose();

    [Fact]
    public void A_crowd_of_joins_is_collected_once_the_lobby_has_been_quiet_for_two_seconds()
    {
        for (var i = 0; i < 1000; i++) _lobby.Joined();

        _time.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.Equal(0, _collected);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, _collected);
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, _collected); // nothing new joined: no second pause
    }

    [Fact]
    public void Joins_still_arriving_put_the_collection_off()
    {
        for (var second = 0; second < 5; second++)
        {
            for (var i = 0; i < 300; i++) _lobby.Joined();
            _time.Advance(TimeSpan.FromSeconds(1.5));
            Assert.Equal(0, _collected);
        }
        _time.Advance(TimeSpan.FromSeconds(0.5));
        Assert.Equal(1, _collected);
    }

    [Fact]
    public void A_small_lobby_is_not_worth_a_pause_until_enough_have_joined_in_all()
    {
        for (var i = 0; i < 999; i++) _lobby.Joined();
        _time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(0, _collected);

        _lobby.Joined(); // the thousandth, in a later lobby
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, _collected);
        Assert.Equal(1, _lobby.Collections);
    }
}
