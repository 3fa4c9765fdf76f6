using System.Text.RegularExpressions;
using Contest.Engine.LiveGames;

namespace Contest.Engine.Events;

public enum ScreenKind
{
    /// <summary>The event's title and branding, nothing else: the screen between segments.</summary>
    Welcome = 0,

    /// <summary>Join a live game: big PIN and QR code.</summary>
    Join = 1,

    /// <summary>A custom slide: a title, a text (the programme, sponsors) and optionally an uploaded image (in <see cref="ScreenChoice.Target"/>).</summary>
    Slide = 2,

    /// <summary>Follows a live game through question, reveal, leaderboard and podium.</summary>
    LiveGame = 3,

    /// <summary>A scheduled round's live leaderboard, or its final results with prize winners once published.</summary>
    Round = 4,

    /// <summary>Units ranked by average score and by participation rate.</summary>
    Units = 5,

    /// <summary>The pitch round's current team and ranking.</summary>
    Pitch = 6,

    /// <summary>Join the pitch round's audience vote: big QR code and address, then the audience prize.</summary>
    PitchVote = 7,
}

/// <summary>
/// What the director chose to show. Only the fields its kind needs are set. <see cref="Target"/> names the
/// thing shown (game, round, pitch round, PIN); for a slide it is the optional image, an uploaded file's /media/ path.
/// </summary>
public sealed partial record ScreenChoice(ScreenKind Kind, string? Target = null, string? Title = null, string? Text = null)
{
    public const int MaxTitle = 120;
    public const int MaxText = 1500;

    public static readonly ScreenChoice Welcome = new(ScreenKind.Welcome);

    /// <summary>Null when the choice is complete and within limits, else why not.</summary>
    public string? Validate() => Kind switch
    {
        ScreenKind.Welcome => null,
        ScreenKind.Join => GamePin.IsValid(Target) ? null : "The join screen needs a 6-digit game PIN.",
        ScreenKind.Slide when string.IsNullOrWhiteSpace(Title) => "A slide needs a title.",
        ScreenKind.Slide when Title!.Length > MaxTitle => $"The slide title is longer than {MaxTitle} characters.",
        ScreenKind.Slide when (Text?.Length ?? 0) > MaxText => $"The slide text is longer than {MaxText} characters.",
        ScreenKind.Slide when Target is not null && !UploadedImage().IsMatch(Target) => "The slide image must be an image uploaded here.",
        ScreenKind.Slide => null,
        ScreenKind.LiveGame or ScreenKind.Round or ScreenKind.Units or ScreenKind.Pitch or ScreenKind.PitchVote =>
            string.IsNullOrWhiteSpace(Target) ? $"Choose what the {Kind} screen shows." : null,
        _ => $"Unknown screen kind {(int)Kind}.",
    };
}

public sealed partial record ScreenChoice
{
    // Only names the media store makes (32 hex digits, an image extension): nothing else reaches a projector as an image.
    [GeneratedRegex("^/media/[0-9a-f]{32}\\.(jpg|png|gif|webp)$")]
    private static partial Regex UploadedImage();
}
