using Contest.Engine.Events;

namespace Contest.Web.Events;

/// <summary>
/// What a feature calls when what a screen shows has changed (a lock, a new question, a published result). Owned by
/// Events so features depend on Events and Events on no feature: each feature registers its own
/// <see cref="IScreenSource"/> with <see cref="EventsSetup.AddScreenSource{T}"/>.
/// </summary>
public interface IProjectorNotifier
{
    /// <summary>For changes that come in floods: at most one push per screen every <see cref="ProjectorNotifier.Coalesce"/>, off the caller's path.</summary>
    void ContentChangedSoon(ScreenKind kind, string target);

    Task ContentChangedAsync(ScreenKind kind, string target, CancellationToken ct = default);
}
