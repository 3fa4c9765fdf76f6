using Microsoft.Playwright;

namespace Contest.Browser.Tests.Units;

/// <summary>Choosing a unit the way a person does: type part of its name in the picker, tap the match.</summary>
public static class UnitPickerSteps
{
    /// <param name="id">The picker's field id (the hidden input's id, e.g. "UnitId"); the text box is "{id}-search".</param>
    /// <param name="typed">What to type; empty shows the top of the tree.</param>
    /// <param name="unitId">The match to tap; null: the first.</param>
    public static async Task ChooseAsync(IPage page, string id, string typed, int? unitId = null)
    {
        var box = page.Locator($"#{id}-search");
        await box.ClickAsync();
        await box.FillAsync(typed);
        var options = page.Locator($"#{id}-list [role=option]");
        var option = unitId is { } u ? page.Locator($"#{id}-list [role=option][data-id='{u}']") : options.First;
        await option.ClickAsync();
        if (unitId is { } chosen) await Assertions.Expect(page.Locator($"#{id}")).ToHaveValueAsync(chosen.ToString());
    }
}
