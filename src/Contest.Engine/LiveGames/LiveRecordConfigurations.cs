using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Contest.Engine.LiveGames;

public sealed class LiveGameRecordConfiguration : IEntityTypeConfiguration<LiveGameRecord>
{
    public void Configure(EntityTypeBuilder<LiveGameRecord> b)
    {
        b.ToTable("LiveGames");
        b.Property(x => x.Pin).HasMaxLength(6);
        b.Property(x => x.Title).HasMaxLength(300);
        b.Property(x => x.Host).HasMaxLength(256);
        b.HasIndex(x => x.CreatedAt);
        b.HasOne<Contest.Engine.Contests.ContestInfo>().WithMany().HasForeignKey(x => x.ContestId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany<LivePlayerRecord>().WithOne().HasForeignKey(x => x.GameId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany<LiveAnswerRecord>().WithOne().HasForeignKey(x => x.GameId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class LivePlayerRecordConfiguration : IEntityTypeConfiguration<LivePlayerRecord>
{
    public void Configure(EntityTypeBuilder<LivePlayerRecord> b)
    {
        b.ToTable("LivePlayers");
        b.Property(x => x.Nickname).HasMaxLength(NicknameRules.MaxLength);
        b.Property(x => x.UnitName).HasMaxLength(200);
        b.Property(x => x.ResumeTokenHash).HasMaxLength(64);
        b.HasIndex(x => new { x.GameId, x.ResumeTokenHash }).IsUnique();
    }
}

public sealed class LiveAnswerRecordConfiguration : IEntityTypeConfiguration<LiveAnswerRecord>
{
    public void Configure(EntityTypeBuilder<LiveAnswerRecord> b)
    {
        b.ToTable("LiveAnswers");
        b.Property(x => x.Answer).HasMaxLength(1000);
        // Exactly once per player per question, enforced by the database as well as in memory.
        b.HasIndex(x => new { x.GameId, x.PlayerId, x.QuestionIndex }).IsUnique();
        b.HasOne<LivePlayerRecord>().WithMany().HasForeignKey(x => x.PlayerId).OnDelete(DeleteBehavior.NoAction);
    }
}
