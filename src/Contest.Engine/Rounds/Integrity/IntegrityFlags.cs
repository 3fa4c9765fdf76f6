using Contest.Engine.Storage;

namespace Contest.Engine.Rounds.Integrity;

/// <summary>What a piece of integrity evidence says about a participant of an online round.</summary>
public enum FlagKind { TooFast, PageHidden, Revisions, SharedDevice, SharedNetwork, RegistrationBurst, SubmitBurst, SameAnswers }

/// <summary>Facts behind a flag, rendered by the UI in the reader's language (no prose here).</summary>
public sealed record FlagFacts(
    int? Count = null, int? OutOf = null, TimeSpan? Duration = null, TimeSpan? Threshold = null,
    IReadOnlyList<int>? OtherParticipantIds = null, string? Network = null);

/// <summary>One flag of a participant; <see cref="Weight"/> is how strongly it suggests foul play (see docs/features.md).</summary>
public sealed record IntegrityFlag(FlagKind Kind, double Weight, FlagFacts Facts);

/// <summary>A participant whose evidence weighs at least <see cref="IntegritySettings.FlagThreshold"/>; <see cref="Weight"/> is the sum of the flags'.</summary>
public sealed record FlaggedParticipant(int ParticipantId, double Weight, IReadOnlyList<IntegrityFlag> Flags);

/// <summary>How evidence becomes flags; per round the organizer sets only on/off and the reading floor, the rest are defaults.</summary>
public sealed record IntegritySettings(
    int ReadingMsPerCharacter = IntegritySettings.DefaultMsPerCharacter,
    int ReadingMinimumMs = IntegritySettings.DefaultMinimumMs,
    TimeSpan? BurstWindow = null,
    int BurstSize = 5,
    TimeSpan? SameAnswerTolerance = null,
    double FlagThreshold = 1.0)
{
    public const int DefaultMsPerCharacter = 20;
    public const int DefaultMinimumMs = 1500;
    public static readonly IntegritySettings Default = new();
    public TimeSpan Burst => BurstWindow ?? TimeSpan.FromMinutes(2);
    public TimeSpan SameTiming => SameAnswerTolerance ?? TimeSpan.FromSeconds(2);
}

/// <summary>Computes the flags of a round from the evidence stored with its attempts.</summary>
public sealed class RoundIntegrity(ContestDb db, TimeProvider time)
{
    /// <summary>Flagged participants, heaviest evidence first.</summary>
    public Task<IReadOnlyList<FlaggedParticipant>> FlagsAsync(int roundId, CancellationToken ct = default)
    {
        // STUB (first commit, contract only): returns no flags; the evidence and the rules follow on this branch.
        _ = (db, time, roundId, ct);
        return Task.FromResult<IReadOnlyList<FlaggedParticipant>>([]);
    }
}
