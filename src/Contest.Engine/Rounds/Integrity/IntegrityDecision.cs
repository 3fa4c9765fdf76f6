using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Contest.Engine.Rounds.Integrity;

public enum DecisionOutcome
{
    /// <summary>The organizer looked at the flags and let the entry stand.</summary>
    Cleared = 0,

    /// <summary>The entry is left out of this round's ranking and prizes; its attempts stay for audit.</summary>
    Voided = 1,
}

/// <summary>
/// An organizer's decision on one flagged participant of one round, made after close and before publish. Kept with who
/// and when, and with the flags as they stood (<see cref="Flags"/>), because the evidence could be recomputed differently later.
/// </summary>
public sealed class IntegrityDecision
{
    public const int MaxReasonLength = 1000;

    public long Id { get; set; }
    public int RoundId { get; set; }
    public int ParticipantId { get; set; }
    public DecisionOutcome Outcome { get; set; }
    public string Reason { get; set; } = "";
    public required string DecidedBy { get; set; }
    public DateTimeOffset DecidedAt { get; set; }

    /// <summary>The flag kinds decided on and the evidence's weight, e.g. "TooFast, SharedDevice (2.5)": the audit trail, not for display.</summary>
    public string Flags { get; set; } = "";

    /// <summary>Who took the decision back (before publish) and when; the row stays for the audit and a new decision may follow.</summary>
    public string? UndoneBy { get; set; }
    public DateTimeOffset? UndoneAt { get; set; }

    public bool Undone => UndoneAt is not null;
}

/// <summary>The organizer chose to publish without deciding every flag; one row per round, kept for audit.</summary>
public sealed class ReviewSkip
{
    public long Id { get; set; }
    public int RoundId { get; set; }
    public string Reason { get; set; } = "";
    public required string SkippedBy { get; set; }
    public DateTimeOffset SkippedAt { get; set; }

    /// <summary>How many flagged entries were left undecided.</summary>
    public int Undecided { get; set; }
}

internal sealed class IntegrityDecisionConfiguration : IEntityTypeConfiguration<IntegrityDecision>
{
    public void Configure(EntityTypeBuilder<IntegrityDecision> d)
    {
        d.ToTable("RoundIntegrityDecisions");
        d.Property(x => x.Reason).HasMaxLength(IntegrityDecision.MaxReasonLength);
        d.Property(x => x.DecidedBy).HasMaxLength(256);
        d.Property(x => x.Flags).HasMaxLength(1000);
        d.Property(x => x.UndoneBy).HasMaxLength(256);
        d.HasOne<ContestRound>().WithMany().HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.Cascade);
        d.HasOne<RoundParticipant>().WithMany().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        // One standing decision per entry and round: two organizers deciding at once cannot both write one; undone ones stay beside it.
        d.HasIndex(x => new { x.RoundId, x.ParticipantId }).IsUnique().HasFilter("\"UndoneAt\" IS NULL");
    }
}

internal sealed class ReviewSkipConfiguration : IEntityTypeConfiguration<ReviewSkip>
{
    public void Configure(EntityTypeBuilder<ReviewSkip> s)
    {
        s.ToTable("RoundReviewSkips");
        s.Property(x => x.Reason).HasMaxLength(IntegrityDecision.MaxReasonLength);
        s.Property(x => x.SkippedBy).HasMaxLength(256);
        s.HasOne<ContestRound>().WithMany().HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.Cascade);
        s.HasIndex(x => x.RoundId).IsUnique();
    }
}
