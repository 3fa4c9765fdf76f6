namespace Contest.Admin.Rounds;

/// <summary>Marker for the review queue's strings (ReviewUi.tsv → .resx).</summary>
public sealed class ReviewUi;
