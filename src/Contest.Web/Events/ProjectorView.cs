using Contest.Engine.Events;

namespace Contest.Web.Events;

public sealed record ProjectorBranding(string Title, string Subtitle, string? LogoUrl, string Primary, string Accent, string Language);

public sealed record JoinContent(string Pin, string Url);

public sealed record SlideContent(string Title, string Text, string? ImageUrl);

/// <summary>
/// Everything a projector receives. Built only from public data; see <see cref="IScreenSource"/>.
/// <see cref="Kind"/> is the <see cref="ScreenKind"/> name, so the page and other clients need no table of numbers.
/// </summary>
public sealed record ProjectorView(ProjectorBranding Branding, string Kind, DateTimeOffset ChangedAt, object? Content);

/// <summary>The projector's side of the hub: the only messages an anonymous projector is ever sent.</summary>
public interface IProjectorClient
{
    Task Show(ProjectorView view);

    /// <summary>The organizer revoked this link: the projector stops and says so.</summary>
    Task Revoked();
}
