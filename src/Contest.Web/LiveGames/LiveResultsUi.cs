namespace Contest.Web.LiveGames;

/// <summary>Marker for the results workbook's strings (LiveResultsUi.tsv → LiveResultsUi.resx, LiveResultsUi.en.resx).</summary>
public sealed class LiveResultsUi;
