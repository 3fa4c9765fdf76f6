namespace Contest.Admin.Contests;

/// <summary>Marker for the contests, start-clean and first-event checklist pages' strings (<c>ContestsUi.tsv</c> → <c>.resx</c>).</summary>
public sealed class ContestsUi;
