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
    [InlineData(UnitLevel.Province, UnitLevel.District, "cannot have a parent")]
    [InlineData(UnitLevel.District, null, "Only a province")]
    [InlineData(UnitLevel.Chapter, UnitLevel.Chapter, "cannot be placed under")]
    [InlineData(UnitLevel.District, UnitLevel.Grassroots, "cannot be placed under")]
    public void Wrong_placements_are_explained(UnitLevel level, UnitLevel? parent, string reason) =>
        Assert.Contains(reason, Unit.CheckPlacement(level, parent));
}
