using Contest.Engine.Pitches;

namespace Contest.Engine.Tests.Pitches;

public class PanelCheckTests
{
    [Fact]
    public void A_judge_far_below_the_rest_on_the_same_teams_is_marked_and_the_others_are_not()
    {
        // Totals (0–100). J1–J3 agree within 2 points; J4 is 30 below their mean on every team.
        (string, int, decimal)[] totals =
        [
            ("J1", 1, 80), ("J2", 1, 82), ("J3", 1, 78), ("J4", 1, 50),
            ("J1", 2, 70), ("J2", 2, 72), ("J3", 2, 68), ("J4", 2, 40),
            ("J1", 3, 60), ("J2", 3, 62), ("J3", 3, 58), ("J4", 3, 30),
        ];
        var p = PanelCheck.Compute(totals);

        // Panel: (210 + 216 + 204 + 120) / 12 = 750 / 12 = 62.5.
        Assert.Equal(62.5m, p.Mean);
        var j = p.Judges.ToDictionary(x => x.JudgeId);
        // J4: the others' mean is 80, 70, 60 → gap −30 on each team → −30. The others sit 0, +2, −2 from their mean:
        // RMS √(8/3) = 1.63, below the 2-point floor → reference 2; |−30| > 1.5 × 2 → marked.
        Assert.Equal((40m, 8.16m, -30m, 2m, true), (j["J4"].Mean!.Value, j["J4"].Spread!.Value, j["J4"].Gap!.Value, j["J4"].Reference!.Value, j["J4"].FarOff));
        // J1: others on team 1 are 82, 78, 50 → mean 70 → gap +10 (the same on every team); their deviations 12, 8, −20 →
        // √((144 + 64 + 400) / 3) = √202.67 = 14.24; 10 < 1.5 × 14.24 = 21.35 → not marked. Mean (80 + 70 + 60) / 3 = 70, SD √(200/3) = 8.16.
        Assert.Equal((70m, 8.16m, 10m, 14.24m, false), (j["J1"].Mean!.Value, j["J1"].Spread!.Value, j["J1"].Gap!.Value, j["J1"].Reference!.Value, j["J1"].FarOff));
        // J2: others 80, 78, 50 → mean 69.33 → gap 12.67; deviations 10.67, 8.67, −19.33 → √(562.67 / 3) = 13.70.
        Assert.Equal((12.67m, 13.70m, false), (j["J2"].Gap!.Value, j["J2"].Reference!.Value, j["J2"].FarOff));
        // J3: others 80, 82, 50 → mean 70.67 → gap 7.33; deviations 9.33, 11.33, −20.67 → √(642.67 / 3) = 14.64.
        Assert.Equal((7.33m, 14.64m, false), (j["J3"].Gap!.Value, j["J3"].Reference!.Value, j["J3"].FarOff));
    }

    [Fact]
    public void A_team_with_fewer_than_two_other_judges_gives_no_gap_and_nothing_is_marked()
    {
        // Two judges only: each has one other judge per team, too few to say what "the rest" think.
        var p = PanelCheck.Compute([("A", 1, 90), ("B", 1, 40), ("A", 2, 80), ("B", 2, 30)]);
        Assert.All(p.Judges, x => Assert.Equal((null, false), (x.Gap, x.FarOff)));
        Assert.Equal((85m, 5m), (p.Judges[0].Mean!.Value, p.Judges[0].Spread!.Value));
    }
}
