using Contest.Engine.Rounds;
using Contest.Engine.Units;

namespace Contest.Engine.Tests.Rounds;

/// <summary>Participation rate = participants ÷ roster size, or ÷ the declared member count when a unit has no roster.</summary>
public class ParticipationRateTests
{
    [Fact]
    public void A_roster_outweighs_the_declared_count_and_subtotals_roll_up_the_tree_as_worked_by_hand()
    {
        Unit[] units =
        [
            new() { Id = 1, Name = "Tỉnh Đoàn", Level = UnitLevel.Province },
            new() { Id = 2, Name = "Huyện Đoàn A", Level = UnitLevel.District, ParentId = 1, MemberCount = 100 },
            new() { Id = 3, Name = "Đoàn cơ sở A1", Level = UnitLevel.Grassroots, ParentId = 2, MemberCount = 40 },
            new() { Id = 4, Name = "Chi đoàn A1a", Level = UnitLevel.Chapter, ParentId = 3 },
            new() { Id = 5, Name = "Huyện Đoàn B", Level = UnitLevel.District, ParentId = 1 },
            new() { Id = 6, Name = "Đoàn cơ sở B1", Level = UnitLevel.Grassroots, ParentId = 5, MemberCount = 20 },
        ];
        // Rosters: A1 lists 8 people (its declared 40 is out of date), A1a lists 5.
        var rosters = new Dictionary<int, int> { [3] = 8, [4] = 5 };
        // Two in A1a (10 and 6 right), one directly in A1 (8), three in B1 (9, 7, 5).
        var stats = UnitStatistics.Compute(units, [(4, 10), (4, 6), (3, 8), (6, 9), (6, 7), (6, 5)], rosters).ToDictionary(s => s.UnitId);

        // A1a: 2 of its 5 listed = 40 %, average (10+6)/2 = 8.
        Assert.Equal((2, 5, 0.4, 8.0, true), Row(stats[4]));
        // A1: 3 people (2 + 1) of its roster of 8 = 37.5 %, average (10+6+8)/3 = 8.
        Assert.Equal((3, 8, 0.375, 8.0, true), Row(stats[3]));
        // A: no roster, declared 100: 3 % ; average 8.
        Assert.Equal((3, 100, 0.03, 8.0, false), Row(stats[2]));
        // B1: 3 of 20 = 15 %, average (9+7+5)/3 = 7. B: no count of its own, takes B1's 20: 15 %.
        Assert.Equal((3, 20, 0.15, 7.0, false), Row(stats[6]));
        Assert.Equal((3, 20, 0.15, 7.0, false), Row(stats[5]));
        // Province: 6 people of 100 + 20 = 120 = 5 %, average (24 + 21)/6 = 7.5.
        Assert.Equal((6, 120, 0.05, 7.5, false), Row(stats[1]));
        Assert.Equal((2, 1, 0), (stats[1].ChildCount, stats[3].ChildCount, stats[4].ChildCount));
    }

    private static (int, int, double, double, bool) Row(UnitStat s) =>
        (s.Participants, s.Members, Math.Round(s.Rate!.Value, 6), Math.Round(s.AverageCorrect!.Value, 6), s.MembersFromRoster);
}
