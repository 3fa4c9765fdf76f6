namespace Contest.Engine.Events;

/// <summary>
/// An event in a hall: what its projectors show (<see cref="Screen"/>), chosen by the organizer on the
/// director page, and the branding they show it in. Projectors open a secret link; revoking issues a new token.
/// </summary>
public sealed class ContestEvent
{
    public const string UnionBlue = "#0b4ea2";
    public const string UnionYellow = "#ffd200";

    public int Id { get; set; }
    public required string Title { get; set; }
    public string Subtitle { get; set; } = "";
    public string? LogoUrl { get; set; }
    public string PrimaryColor { get; set; } = UnionBlue;
    public string AccentColor { get; set; } = UnionYellow;

    /// <summary>"vi" or "en": the projector's language (the English contest is presented in English).</summary>
    public string Language { get; set; } = "vi";

    public required string ProjectorToken { get; set; }
    public DateTimeOffset TokenIssuedAt { get; set; }
    public ScreenChoice Screen { get; set; } = ScreenChoice.Welcome;
    public DateTimeOffset ScreenChangedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
