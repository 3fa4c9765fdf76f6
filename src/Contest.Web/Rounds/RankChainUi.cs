namespace Contest.Web.Rounds;

/// <summary>Marker for the strings of "why am I ranked here" and the attempt rule (RankChainUi.tsv → .resx).</summary>
public sealed class RankChainUi;
