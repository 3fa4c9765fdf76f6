using Contest.Engine.Units;

namespace Contest.Engine.Tests.Units;

public class UnitPlacementTests
{
    [Theory]
    [InlineData(UnitLevel.Province, null)]
    [InlineData(UnitLevel.District, UnitLevel.Province)]
    [InlineData(UnitLevel.Grassroots, UnitLevel.District)]
    [InlineData(UnitLevel.Grassroots, UnitLevel.Province)]
    [InlineData(UnitLevel.Chapter, UnitLevel.Grassroots)]
    public void Allowed_placements_have_no_error(UnitLevel level, UnitLevel? parent) =>
        Assert.Null(Unit.CheckPlacement(level, parent));

    [Theory]
    [InlineData(UnitLevel.Province, UnitLevel.District, PlacementProblem.ProvinceUnderParent)]
    [InlineData(UnitLevel.District, null, PlacementProblem.OnlyProvinceAtTop)]
    [InlineData(UnitLevel.Chapter, UnitLevel.Chapter, PlacementProblem.NotBelowParent)]
    [InlineData(UnitLevel.District, UnitLevel.Grassroots, PlacementProblem.NotBelowParent)]
    public void Wrong_placements_are_named(UnitLevel level, UnitLevel? parent, PlacementProblem problem) =>
        Assert.Equal(problem, Unit.CheckPlacement(level, parent));

    [Theory]
    [InlineData("Nguyễn Văn Ân", "nguyen van an")]
    [InlineData("  NGUYỄN   thị  ĐÀO ", "nguyen thi dao")]
    [InlineData("Trần Đức Lợi", "tran duc loi")]
    public void Names_match_without_diacritics_case_or_extra_spaces(string typed, string key) =>
        Assert.Equal(key, Contest.Engine.Text.PersonName.MatchKey(typed));

    [Fact]
    public void A_decomposed_name_has_the_same_key_as_a_composed_one() =>
        Assert.Equal(Contest.Engine.Text.PersonName.MatchKey("Lê Thị Hồng"), Contest.Engine.Text.PersonName.MatchKey("Lê Thị Hồng".Normalize(System.Text.NormalizationForm.FormD)));

    [Fact]
    public void A_roster_entry_keeps_its_name_key_in_step_with_its_name()
    {
        var e = new RosterEntry { FullName = "Phạm  Minh Đức" };
        Assert.Equal(("Phạm Minh Đức", "pham minh duc"), (e.FullName, e.NameKey));
        e.FullName = "Phạm Minh Được";
        Assert.Equal("pham minh duoc", e.NameKey);
        Assert.Equal("DV0012", RosterEntry.CleanMemberId(" dv 0012 "));
        Assert.Null(RosterEntry.CleanMemberId("  "));
    }
}
