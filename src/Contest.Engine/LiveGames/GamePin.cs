using System.Diagnostics.CodeAnalysis;

namespace Contest.Engine.LiveGames;

/// <summary>
/// What a game PIN looks like: six ASCII digits (a leading 0 is allowed but never generated). Checked in one
/// place so the hub, the play page, the API and the join screen refuse the same inputs.
/// </summary>
public static class GamePin
{
    public const int Length = 6;

    /// <summary>The HTML pattern attribute of a PIN field, the same rule for the browser's own check.</summary>
    public const string Pattern = "[0-9]{6}";

    public static bool IsValid([NotNullWhen(true)] string? pin) => pin is { Length: Length } && pin.All(char.IsAsciiDigit);
}
