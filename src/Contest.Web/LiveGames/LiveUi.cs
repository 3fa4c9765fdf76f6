namespace Contest.Web.LiveGames;

/// <summary>Marker for the live game's UI strings (LiveUi.tsv → LiveUi.resx, LiveUi.en.resx).</summary>
public sealed class LiveUi;
