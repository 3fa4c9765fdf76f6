using Contest.Engine.Leaderboards;

namespace Contest.Engine.Tests.Leaderboards;

public class RankedSetTests
{
    [Fact]
    public void Ranks_and_ranges_match_a_sorted_list_through_random_inserts_and_removes()
    {
        var set = new RankedSet<int>(Comparer<int>.Default);
        var model = new List<int>();
        var random = new Random(7);
        for (var step = 0; step < 5000; step++)
        {
            var v = random.Next(2000);
            var at = model.BinarySearch(v);
            if (at >= 0) { set.Remove(v); model.RemoveAt(at); }
            else { set.Add(v); model.Insert(~at, v); }

            if (step % 97 != 0) continue;
            Assert.Equal(model.Count, set.Count);
            Assert.Equal(model, set.Range(0, int.MaxValue - 1));
            foreach (var probe in model.Take(20)) Assert.Equal(model.IndexOf(probe), set.IndexOf(probe));
            var from = random.Next(model.Count + 1);
            Assert.Equal(model.Skip(from).Take(10), set.Range(from, from + 9));
        }
        Assert.Equal(-1, set.IndexOf(-5));
    }
}
