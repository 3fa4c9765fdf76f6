using Contest.Engine.Questions;

namespace Contest.Engine.LiveGames;

// The wire contract of the live game (docs/live-protocol.md). Nothing a player receives before the
// reveal carries the answer key: only CorrectView holds it, and it is sent only after a question closes.

public sealed record OptionView(int Id, string Text);

public sealed record PlayerQuestion(
    int Index, int Count, QuestionType Type, string Text, IReadOnlyList<OptionView> Options,
    MediaKind MediaKind, string? MediaUrl, int Points, DateTimeOffset Deadline, int TimeLimitMs, int RemainingMs);

public sealed record CorrectView(IReadOnlyList<int> Options, IReadOnlyList<string> Accepted, string Explanation);

public sealed record AnswerAck(int QuestionIndex, DateTimeOffset ReceivedAt);

public sealed record PlayerReveal(
    int QuestionIndex, CorrectView Correct, bool Answered, bool IsCorrect, double Credit, int Points, int StreakBonus,
    int Streak, long Score, long Rank, int Players, long? GapToAhead, string? Ahead);

public sealed record PlayerFinal(long Score, long Rank, int Players, bool OnPodium, long? TeamRank, long? TeamScore);

public sealed record PlayerState(
    Guid GameId, string Nickname, GamePhase Phase, bool Paused, long Score, PlayerQuestion? Question, bool Answered,
    PlayerReveal? Reveal, PlayerFinal? Final);

public sealed record JoinResult(Guid PlayerId, string ResumeToken, PlayerState State);

public sealed record PlayerView(Guid Id, string Nickname, string? Unit);

/// <summary>Sent to the host a few times a second at most: arrivals, departures and the live answer count.</summary>
public sealed record HostProgress(GamePhase Phase, int Players, IReadOnlyList<PlayerView> Joined, IReadOnlyList<Guid> Left, int Answered, int? QuestionIndex);

public sealed record HostReveal(
    int QuestionIndex, CorrectView Correct, IReadOnlyList<int> OptionCounts, int Right, int Partial, int Wrong, int NoAnswer, int Players);

/// <summary>A player's place; <see cref="PreviousRank"/> is the place at the reveal before (movement = previous − rank),
/// <see cref="LastPoints"/> what the question just closed earned, <see cref="Streak"/> the run after it.</summary>
public sealed record Standing(long Rank, Guid PlayerId, string Nickname, string? Unit, long Score, long PreviousRank, int LastPoints, int Streak);

/// <summary>A unit's standing; <see cref="MeanAnswerMs"/> (null before any answer) breaks ties of score, equal teams share the rank.</summary>
public sealed record TeamStanding(long Rank, int UnitId, string Name, long Score, int Members, double? MeanAnswerMs);

public sealed record HostLeaderboard(int QuestionIndex, int Count, IReadOnlyList<Standing> Top, IReadOnlyList<TeamStanding> Teams);

public sealed record HostPodium(IReadOnlyList<Standing> Podium, IReadOnlyList<TeamStanding> Teams, GameDebrief Debrief);

public sealed record HostState(
    Guid GameId, string Pin, string Title, GamePhase Phase, bool Paused, int QuestionCount, int? QuestionIndex,
    IReadOnlyList<PlayerView> Players, int Answered, GameSettings Settings,
    PlayerQuestion? Question, HostReveal? Reveal, HostLeaderboard? Leaderboard, HostPodium? Podium);
