namespace Contest.Admin.Rounds;

/// <summary>Marker for the admin pages of online rounds (RoundsAdminUi.tsv → .resx).</summary>
public sealed class RoundsAdminUi;
