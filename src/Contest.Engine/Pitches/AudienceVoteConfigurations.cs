using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Contest.Engine.Pitches;

internal sealed class AudienceVoteConfiguration : IEntityTypeConfiguration<AudienceVote>
{
    public void Configure(EntityTypeBuilder<AudienceVote> b)
    {
        b.Property(x => x.DeviceId).HasMaxLength(64);
        b.Property(x => x.Address).HasMaxLength(64);
        b.Property(x => x.VoidReason).HasMaxLength(AudienceVoteRules.MaxReasonLength);
        b.Property(x => x.VoidedBy).HasMaxLength(256);
        b.HasOne<PitchRound>().WithMany().HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<PitchTeam>().WithMany().HasForeignKey(x => x.TeamId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AudienceTicket>().WithMany().HasForeignKey(x => x.TicketId).OnDelete(DeleteBehavior.Restrict);
        // The database, not the handler, guarantees one vote per phone and one vote per ticket.
        b.HasIndex(x => new { x.RoundId, x.DeviceId }).IsUnique();
        b.HasIndex(x => x.TicketId).IsUnique();
        b.HasIndex(x => new { x.RoundId, x.Address });
    }
}

internal sealed class AudienceVoteRefusalConfiguration : IEntityTypeConfiguration<AudienceVoteRefusal>
{
    public void Configure(EntityTypeBuilder<AudienceVoteRefusal> b)
    {
        b.Property(x => x.DeviceId).HasMaxLength(64);
        b.Property(x => x.Address).HasMaxLength(64);
        b.Property(x => x.Reason).HasMaxLength(32);
        b.HasOne<PitchRound>().WithMany().HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.RoundId, x.At });
    }
}

internal sealed class AudienceTicketConfiguration : IEntityTypeConfiguration<AudienceTicket>
{
    public void Configure(EntityTypeBuilder<AudienceTicket> b)
    {
        b.Property(x => x.Code).HasMaxLength(16);
        b.HasOne<PitchRound>().WithMany().HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.RoundId, x.Code }).IsUnique();
    }
}
