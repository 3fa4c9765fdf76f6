namespace Contest.Admin.Pitches;

/// <summary>Marker type for the pitch setup pages' strings (PitchAdminUi.tsv → .resx).</summary>
public sealed class PitchAdminUi;
