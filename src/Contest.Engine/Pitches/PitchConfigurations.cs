using Contest.Engine.Accounts;
using Contest.Engine.Contests;
using Contest.Engine.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Contest.Engine.Pitches;

internal sealed class PitchRoundConfiguration : IEntityTypeConfiguration<PitchRound>
{
    public void Configure(EntityTypeBuilder<PitchRound> b)
    {
        b.Property(x => x.Name).HasMaxLength(300);
        b.HasOne<ContestInfo>().WithMany().HasForeignKey(x => x.ContestId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Criteria).WithOne().HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Teams).WithOne().HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RubricCriterionConfiguration : IEntityTypeConfiguration<RubricCriterion>
{
    public void Configure(EntityTypeBuilder<RubricCriterion> b)
    {
        b.Property(x => x.Name).HasMaxLength(300);
        b.Property(x => x.Weight).HasPrecision(9, 4);
    }
}

internal sealed class PitchTeamConfiguration : IEntityTypeConfiguration<PitchTeam>
{
    public void Configure(EntityTypeBuilder<PitchTeam> b)
    {
        b.Property(x => x.Name).HasMaxLength(300);
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class PitchJudgeConfiguration : IEntityTypeConfiguration<PitchJudge>
{
    public void Configure(EntityTypeBuilder<PitchJudge> b)
    {
        b.HasOne<PitchRound>().WithMany().HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.RoundId, x.UserId }).IsUnique();
    }
}

internal sealed class PitchConflictConfiguration : IEntityTypeConfiguration<PitchConflict>
{
    public void Configure(EntityTypeBuilder<PitchConflict> b)
    {
        b.Property(x => x.Reason).HasMaxLength(500);
        b.HasOne<PitchTeam>().WithMany().HasForeignKey(x => x.TeamId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.TeamId, x.UserId }).IsUnique();
    }
}

internal sealed class PitchScoreConfiguration : IEntityTypeConfiguration<PitchScore>
{
    public void Configure(EntityTypeBuilder<PitchScore> b)
    {
        b.Property(x => x.Score).HasPrecision(6, 2);
        b.Property(x => x.Comment).HasMaxLength(PitchRules.MaxCommentLength);
        b.HasOne<PitchTeam>().WithMany().HasForeignKey(x => x.TeamId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<RubricCriterion>().WithMany().HasForeignKey(x => x.CriterionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.JudgeId).OnDelete(DeleteBehavior.Restrict);
        // One score per judge, team and criterion: a re-save updates it, a race cannot duplicate it.
        b.HasIndex(x => new { x.TeamId, x.JudgeId, x.CriterionId }).IsUnique();
    }
}

internal sealed class PitchScoreChangeConfiguration : IEntityTypeConfiguration<PitchScoreChange>
{
    public void Configure(EntityTypeBuilder<PitchScoreChange> b)
    {
        b.Property(x => x.OldScore).HasPrecision(6, 2);
        b.Property(x => x.NewScore).HasPrecision(6, 2);
        b.Property(x => x.OldComment).HasMaxLength(PitchRules.MaxCommentLength);
        b.Property(x => x.NewComment).HasMaxLength(PitchRules.MaxCommentLength);
        b.HasIndex(x => new { x.TeamId, x.JudgeId });
    }
}
