namespace Contest.Web.Events;

/// <summary>Strings of the director and projector pages: EventsUi.tsv → EventsUi.resx (Vietnamese) and EventsUi.en.resx.</summary>
public sealed class EventsUi;
