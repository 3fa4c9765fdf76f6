namespace Contest.Admin.Units;

/// <summary>Marker for the unit picker's strings (<c>PickerUi.tsv</c> → <c>.resx</c>), shared by every page that chooses a unit.</summary>
public sealed class PickerUi;
