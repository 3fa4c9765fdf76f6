using System.Globalization;
using Contest.Engine.Events;

namespace Contest.Web.Events;

public sealed class ProjectorViews(IEnumerable<IScreenSource> sources)
{
    private readonly Dictionary<ScreenKind, IScreenSource> _sources = sources.ToDictionary(s => s.Kind);

    public IReadOnlyCollection<IScreenSource> Sources => _sources.Values;

    public bool Supports(ScreenKind kind) => kind is ScreenKind.Welcome or ScreenKind.Join or ScreenKind.Slide || _sources.ContainsKey(kind);

    /// <summary>False when a feature screen names something that does not exist (a deleted round, a finished game).</summary>
    public async Task<bool> HasContentAsync(ScreenChoice choice, CancellationToken ct) =>
        !_sources.TryGetValue(choice.Kind, out var source) || choice.Target is null || await source.ContentAsync(choice.Target, ct) is not null;

    public async Task<ProjectorView> BuildAsync(ContestEvent ev, CancellationToken ct)
    {
        // Numbers and dates on the wall follow the event's language (80,25 in Vietnamese), not the caller's.
        // Set inside this async method, the culture reverts for the caller when it returns.
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(ev.Language);
        var branding = new ProjectorBranding(ev.Title, ev.Subtitle, ev.LogoUrl, ev.PrimaryColor, ev.AccentColor, ev.Language);
        var s = ev.Screen;
        object? content = s.Kind switch
        {
            ScreenKind.Join => new JoinContent(s.Target!, "/play?pin=" + s.Target),
            ScreenKind.Slide => new SlideContent(s.Title ?? "", s.Text ?? "", s.Target),
            ScreenKind.Welcome => null,
            _ when _sources.TryGetValue(s.Kind, out var source) && s.Target is not null => await source.ContentAsync(s.Target, ct),
            _ => null,
        };
        var shown = content is null && s.Kind is not ScreenKind.Welcome ? ScreenKind.Welcome : s.Kind;
        return new ProjectorView(branding, shown.ToString(), ev.ScreenChangedAt, content);
    }
}
