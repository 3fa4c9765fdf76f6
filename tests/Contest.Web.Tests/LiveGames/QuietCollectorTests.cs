using Contest.Web.LiveGames;
using Microsoft.Extensions.Time.Testing;

namespace Contest.Web.Tests.LiveGames;

public sealed class QuietCollectorTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly QuietCollector _quiet;
    private bool _questionOpen;
    private int _collected;

    public QuietCollectorTests() => _quiet = new QuietCollector(_time, () => Task.FromResult(!_questionOpen), () => _collected++);

    public void Dispose() => _quiet.Dispose();

    private void Calls(int n)
    {
        for (var i = 0; i < n; i++) _quiet.Called();
    }

    [Fact]
    public void A_crowd_of_calls_is_collected_once_it_has_been_quiet_for_two_seconds()
    {
        Calls(1000);

        _time.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.Equal(0, _collected);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, _collected);
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, _collected); // nothing new came: no second pause
    }

    [Fact]
    public void Calls_still_arriving_put_the_collection_off()
    {
        for (var second = 0; second < 5; second++)
        {
            Calls(300);
            _time.Advance(TimeSpan.FromSeconds(1.5));
            Assert.Equal(0, _collected);
        }
        _time.Advance(TimeSpan.FromSeconds(0.5));
        Assert.Equal(1, _collected);
    }

    [Fact]
    public void A_small_crowd_is_not_worth_a_pause_until_enough_have_called_in_all()
    {
        Calls(999);
        _time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(0, _collected);

        Calls(1); // the thousandth, in a later lull
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, _collected);
        Assert.Equal(1, _quiet.Collections);
    }

    [Fact]
    public void No_pause_while_a_question_is_open_but_one_soon_after_it_closes()
    {
        _questionOpen = true;
        Calls(5000); // answers, then a lull with the question still open

        _time.Advance(TimeSpan.FromSeconds(2));
        _time.Advance(TimeSpan.FromSeconds(2));
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(0, _collected);

        _questionOpen = false; // the deadline passed: reveal screen
        _time.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.Equal(0, _collected); // at most one quiet period after the close
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, _collected);
    }
}
