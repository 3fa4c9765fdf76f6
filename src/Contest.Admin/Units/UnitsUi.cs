namespace Contest.Admin.Units;

/// <summary>Marker for the units and users pages' strings (<c>UnitsUi.tsv</c> → <c>.resx</c>).</summary>
public sealed class UnitsUi;
