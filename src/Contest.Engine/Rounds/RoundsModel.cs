using Contest.Engine.Accounts;
using Contest.Engine.Contests;
using Contest.Engine.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Contest.Engine.Rounds;

internal sealed class ContestRoundConfiguration : IEntityTypeConfiguration<ContestRound>
{
    public void Configure(EntityTypeBuilder<ContestRound> r)
    {
        r.ToTable("Rounds");
        r.Property(x => x.Name).HasMaxLength(300);
        r.Property(x => x.Language).HasMaxLength(5);
        r.Property(x => x.PredictionQuestion).HasMaxLength(1000);
        r.Property(x => x.OpenJobId).HasMaxLength(100);
        r.Property(x => x.CloseJobId).HasMaxLength(100);
        r.Property(x => x.PublishJobId).HasMaxLength(100);
        r.HasOne<ContestInfo>().WithMany().HasForeignKey(x => x.ContestId).OnDelete(DeleteBehavior.Cascade);
        r.HasMany(x => x.Prizes).WithOne().HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.Cascade);
        r.HasIndex(x => new { x.ContestId, x.OpensAt });
    }
}

internal sealed class PrizeRuleConfiguration : IEntityTypeConfiguration<PrizeRule>
{
    public void Configure(EntityTypeBuilder<PrizeRule> p)
    {
        p.ToTable("RoundPrizeRules");
        p.Property(x => x.Name).HasMaxLength(200);
    }
}

internal sealed class RoundParticipantConfiguration : IEntityTypeConfiguration<RoundParticipant>
{
    public void Configure(EntityTypeBuilder<RoundParticipant> p)
    {
        p.ToTable("RoundParticipants");
        p.Property(x => x.UserId).HasMaxLength(450);
        p.Property(x => x.FullName).HasMaxLength(200);
        p.Property(x => x.Phone).HasMaxLength(20);
        p.Property(x => x.Email).HasMaxLength(256);
        p.Property(x => x.IdNumber).HasMaxLength(20);
        p.Property(x => x.MemberId).HasMaxLength(RosterEntry.MemberIdMaxLength);
        p.HasOne<RosterEntry>().WithMany().HasForeignKey(x => x.RosterEntryId).OnDelete(DeleteBehavior.SetNull);
        // One roster entry, one participant: a member cannot register again under another phone number.
        p.HasIndex(x => x.RosterEntryId).IsUnique();
        p.Property(x => x.VoidReason).HasMaxLength(1000);
        p.Property(x => x.VoidedBy).HasMaxLength(256);
        p.Property(x => x.RegisteredDevice).HasMaxLength(Integrity.ClientOrigin.DeviceMaxLength);
        p.Property(x => x.RegisteredNetwork).HasMaxLength(Integrity.ClientOrigin.NetworkMaxLength);
        p.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        p.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.SetNull);
        p.HasIndex(x => x.UserId).IsUnique();
        // One person, one entry: the database refuses a second registration even when two race.
        p.HasIndex(x => x.Phone).IsUnique();
        p.HasIndex(x => x.IdNumber).IsUnique();
        p.HasIndex(x => x.UnitId);
    }
}

internal sealed class RegistrationSettingsConfiguration : IEntityTypeConfiguration<RegistrationSettings>
{
    public void Configure(EntityTypeBuilder<RegistrationSettings> s) => s.ToTable("RoundRegistrationSettings");
}

internal sealed class RoundAttemptConfiguration : IEntityTypeConfiguration<RoundAttempt>
{
    public void Configure(EntityTypeBuilder<RoundAttempt> a)
    {
        a.ToTable("RoundAttempts");
        a.HasOne<ContestRound>().WithMany().HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.Cascade);
        a.HasOne<RoundParticipant>().WithMany().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        a.HasMany(x => x.Items).WithOne().HasForeignKey(x => x.AttemptId).OnDelete(DeleteBehavior.Cascade);
        a.HasIndex(x => new { x.RoundId, x.ParticipantId, x.Number }).IsUnique();
        a.HasIndex(x => new { x.RoundId, x.FinishedAt });
        a.Property(x => x.StartDevice).HasMaxLength(Integrity.ClientOrigin.DeviceMaxLength);
        a.Property(x => x.SubmitDevice).HasMaxLength(Integrity.ClientOrigin.DeviceMaxLength);
        a.Property(x => x.StartNetwork).HasMaxLength(Integrity.ClientOrigin.NetworkMaxLength);
        a.Property(x => x.SubmitNetwork).HasMaxLength(Integrity.ClientOrigin.NetworkMaxLength);
    }
}

internal sealed class AttemptItemConfiguration : IEntityTypeConfiguration<AttemptItem>
{
    public void Configure(EntityTypeBuilder<AttemptItem> i)
    {
        i.ToTable("RoundAttemptItems");
        i.Property(x => x.AnswerText).HasMaxLength(400);
        i.HasIndex(x => new { x.AttemptId, x.Position }).IsUnique();
    }
}

internal sealed class RoundResultConfiguration : IEntityTypeConfiguration<RoundResult>
{
    public void Configure(EntityTypeBuilder<RoundResult> r)
    {
        r.ToTable("RoundResults");
        r.HasOne<ContestRound>().WithMany().HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.Cascade);
        r.HasIndex(x => new { x.RoundId, x.ParticipantId }).IsUnique();
        r.HasIndex(x => new { x.RoundId, x.Rank });
    }
}

internal sealed class RoundPrizeConfiguration : IEntityTypeConfiguration<RoundPrize>
{
    public void Configure(EntityTypeBuilder<RoundPrize> p)
    {
        p.ToTable("RoundPrizes");
        p.Property(x => x.Name).HasMaxLength(200);
        p.HasOne<ContestRound>().WithMany().HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.Cascade);
        p.HasIndex(x => x.RoundId);
    }
}

internal sealed class RoundEventConfiguration : IEntityTypeConfiguration<RoundEvent>
{
    public void Configure(EntityTypeBuilder<RoundEvent> e)
    {
        e.ToTable("RoundEvents");
        e.Property(x => x.Kind).HasMaxLength(50);
        e.Property(x => x.Detail).HasMaxLength(1000);
        e.HasOne<ContestRound>().WithMany().HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => x.RoundId);
    }
}
