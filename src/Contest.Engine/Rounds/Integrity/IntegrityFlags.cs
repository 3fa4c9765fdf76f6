using Contest.Engine.Storage;

namespace Contest.Engine.Rounds.Integrity;

/// <summary>What a piece of integrity evidence says about a participant of an online round, and which <see cref="FlagFacts"/> it fills.</summary>
public enum FlagKind
{
    /// <summary>Count answers of OutOf came faster than the reading floor: Duration taken where Threshold was needed.</summary>
    TooFast,

    /// <summary>The attempt page was hidden Count times for Duration in all, of Threshold (the attempt's time).</summary>
    PageHidden,

    /// <summary>Count saves changed an answer already given, over OutOf answered questions.</summary>
    Revisions,

    /// <summary>One device cookie for Count participants: this one and OtherParticipantIds.</summary>
    SharedDevice,

    /// <summary>Network used by Count participants of the round: this one and OtherParticipantIds.</summary>
    SharedNetwork,

    /// <summary>Count registrations from Network within Duration, this one's among them; OtherParticipantIds registered in that window too (in this round or not).</summary>
    RegistrationBurst,

    /// <summary>Count submits of the round from Network within Duration, this one's among them, with OtherParticipantIds.</summary>
    SubmitBurst,

    /// <summary>The same Count answers as OtherParticipantIds, every one first given within Duration (at most Threshold) of the same time after the start.</summary>
    SameAnswers,

    /// <summary>The participant's attempt was opened on Count devices, through OutOf networks (Network: them, comma-separated).</summary>
    SeveralDevices,
}

/// <summary>Facts behind a flag, rendered by the UI in the reader's language (no prose here).</summary>
public sealed record FlagFacts(
    int? Count = null, int? OutOf = null, TimeSpan? Duration = null, TimeSpan? Threshold = null,
    IReadOnlyList<int>? OtherParticipantIds = null, string? Network = null);

/// <summary>One flag of a participant; <see cref="Weight"/> is how strongly it suggests foul play (see docs/features.md).</summary>
public sealed record IntegrityFlag(FlagKind Kind, double Weight, FlagFacts Facts);

/// <summary>A participant whose evidence weighs at least <see cref="IntegritySettings.FlagThreshold"/>; <see cref="Weight"/> is the sum of the flags'.</summary>
public sealed record FlaggedParticipant(int ParticipantId, double Weight, IReadOnlyList<IntegrityFlag> Flags);

/// <summary>How evidence becomes flags; per round the organizer sets only on/off and the reading floor, the rest are defaults.</summary>
/// <param name="ReadingMsPerCharacter">Reading floor per character of the question and its options.</param>
/// <param name="ReadingMinimumMs">Reading floor of any question, however short.</param>
/// <param name="BurstWindow">Registrations or submits from one network this close together form a burst (default 2 minutes).</param>
/// <param name="BurstSize">How many make a burst.</param>
/// <param name="SameAnswerTolerance">Two attempts answered in near-identical timing when every common question was first answered within this of the same time after the start (default 2 s).</param>
/// <param name="SameAnswersMinimum">Identical answer sets shorter than this are too common to mean anything.</param>
/// <param name="SharedNetworkMax">A network seen with more participants than this is a public one (mobile carrier, school): not evidence of sharing.</param>
/// <param name="RevisionsNotable">Changed answers from this many on are worth showing.</param>
/// <param name="FlagThreshold">A participant whose flags weigh at least this goes to the review queue.</param>
public sealed record IntegritySettings(
    int ReadingMsPerCharacter = IntegritySettings.DefaultMsPerCharacter,
    int ReadingMinimumMs = IntegritySettings.DefaultMinimumMs,
    TimeSpan? BurstWindow = null,
    int BurstSize = 5,
    TimeSpan? SameAnswerTolerance = null,
    int SameAnswersMinimum = 5,
    int SharedNetworkMax = 8,
    int RevisionsNotable = 3,
    double FlagThreshold = 1.0)
{
    public const int DefaultMsPerCharacter = 20;
    public const int DefaultMinimumMs = 1500;
    public static readonly IntegritySettings Default = new();
    public TimeSpan Burst => BurstWindow ?? TimeSpan.FromMinutes(2);
    public TimeSpan SameTiming => SameAnswerTolerance ?? TimeSpan.FromSeconds(2);

    /// <summary>The least time a participant needs to read a question and its options.</summary>
    public TimeSpan ReadingFloor(string text, IEnumerable<string> options) =>
        TimeSpan.FromMilliseconds(Math.Max(ReadingMinimumMs, (long)ReadingMsPerCharacter * (text.Length + options.Sum(o => o.Length))));
}

/// <summary>
/// How much each kind of evidence weighs (docs/features.md, "Integrity evidence"). Alone, only a shared device, identical
/// answers in near-identical timing, or answers under the reading floor reach the threshold (1.0); a shared network,
/// bursts, hidden pages and changed answers are context that counts only together with something else.
/// </summary>
public static class FlagWeights
{
    public const double SharedDevice = 2.0;
    public const double SameAnswers = 1.5;

    /// <summary>Answers under the floor: this plus <see cref="TooFastPerShare"/> times the share of answers under it (1 of 10: 0.75; 2 of 10: 1.0; all: 3.0).</summary>
    public const double TooFastBase = 0.5;
    public const double TooFastPerShare = 2.5;
    public const double RegistrationBurst = 0.5;
    public const double SubmitBurst = 0.5;
    public const double SharedNetwork = 0.3;

    /// <summary>Hidden at least once; <see cref="PageHiddenLong"/> when hidden for a quarter of the attempt or more.</summary>
    public const double PageHidden = 0.3;
    public const double PageHiddenLong = 0.6;
    public const double Revisions = 0.2;

    /// <summary>Two devices for one account's attempt (a phone then a laptop is common: context only); three or more: flagged alone.</summary>
    public const double SeveralDevices = 0.5;
    public const double SeveralDevicesMany = 1.0;
}
