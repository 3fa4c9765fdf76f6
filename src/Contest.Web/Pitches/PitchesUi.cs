namespace Contest.Web.Pitches;

/// <summary>Marker type for the pitch pages' strings (PitchesUi.tsv → PitchesUi.resx, PitchesUi.en.resx).</summary>
public sealed class PitchesUi;
