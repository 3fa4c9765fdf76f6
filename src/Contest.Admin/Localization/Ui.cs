namespace Contest.Admin.Localization;

/// <summary>
/// Marker type for the UI strings. <c>Ui.resx</c> is Vietnamese (the default culture) and
/// <c>Ui.en.resx</c> English; a key missing from a language shows the key itself, which tests catch.
/// </summary>
public sealed class Ui;
