namespace Contest.Web.Rounds;

/// <summary>Marker for the online rounds' UI strings (RoundsUi.tsv → RoundsUi.resx / RoundsUi.en.resx).</summary>
public sealed class RoundsUi;
