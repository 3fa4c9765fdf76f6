using Contest.Engine.Events;

namespace Contest.Web.Events;

/// <summary>One row of the director's list of things a screen kind can show (a game, a round, a pitch round).</summary>
public sealed record ScreenTarget(string Id, string Label);

/// <summary>
/// A feature that projectors can show (live games, rounds, pitches, units) registers one of these.
/// <see cref="ContentAsync"/> returns what goes on the wall, and it is sent to anonymous projectors as is:
/// it must hold public data only (display names and units, never an answer key before reveal, never
/// a phone number or e-mail).
/// </summary>
public interface IScreenSource
{
    ScreenKind Kind { get; }

    Task<IReadOnlyList<ScreenTarget>> TargetsAsync(CancellationToken ct);

    /// <summary>The public content for <paramref name="target"/>, or null if it no longer exists.</summary>
    Task<object?> ContentAsync(string target, CancellationToken ct);
}
