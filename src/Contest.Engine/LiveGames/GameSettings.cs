using System.Text.Json.Serialization;

namespace Contest.Engine.LiveGames;

[JsonConverter(typeof(JsonStringEnumConverter<GamePhase>))]
public enum GamePhase
{
    Lobby = 0,
    Question = 1,
    Reveal = 2,
    Leaderboard = 3,
    Podium = 4,
    Finished = 5,
}

/// <summary>Speed: the quicker the right answer, the more points. Accuracy: right answers only; time breaks ties.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ScoringMode>))]
public enum ScoringMode
{
    Speed = 0,
    Accuracy = 1,
}

/// <summary>In team mode each player plays for a unit; the unit's score is its members' total or average.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TeamMode>))]
public enum TeamMode
{
    None = 0,
    Total = 1,
    Average = 2,
}

/// <summary>What the host chose when creating a game.</summary>
public sealed record GameSettings
{
    public const int MinPodium = 3;
    public const int MaxPodium = 10;
    public static readonly double[] TimerFactors = [1.0, 1.5, 2.0];

    public ScoringMode Scoring { get; init; } = ScoringMode.Speed;
    public bool StreakBonus { get; init; }
    public TeamMode Teams { get; init; } = TeamMode.None;
    public int PodiumSize { get; init; } = 3;

    /// <summary>Accessibility option: every time limit multiplied by this (1, 1.5 or 2).</summary>
    public double TimerFactor { get; init; } = 1.0;

    public string? Validate()
    {
        if (!Enum.IsDefined(Scoring)) return "Unknown scoring mode.";
        if (!Enum.IsDefined(Teams)) return "Unknown team mode.";
        if (PodiumSize is < MinPodium or > MaxPodium) return $"The podium shows {MinPodium} to {MaxPodium} players.";
        if (!TimerFactors.Contains(TimerFactor)) return "The timer factor must be 1, 1.5 or 2.";
        return null;
    }
}
