using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Contest.Engine.Demo;

/// <summary>
/// A row the demo seeding put in (its table and key), so "start clean" removes exactly the demo and never what the
/// organizers made. A side table rather than a flag on each entity: features keep their entities, and a row an
/// organizer creates can never carry the mark by mistake.
/// </summary>
public sealed class DemoRow
{
    public const string Contest = "Contest";
    public const string Unit = "Unit";
    public const string Bank = "QuestionBank";
    public const string PitchRound = "PitchRound";
    public const string User = "User";
    public const string Round = "Round";
    public const string LiveGame = "LiveGame";
    public const string Event = "Event";

    public required string Table { get; set; }
    public required string Key { get; set; }
}

internal sealed class DemoRowConfiguration : IEntityTypeConfiguration<DemoRow>
{
    public void Configure(EntityTypeBuilder<DemoRow> d)
    {
        d.ToTable("DemoRows");
        d.HasKey(x => new { x.Table, x.Key });
        d.Property(x => x.Table).HasMaxLength(40);
        d.Property(x => x.Key).HasMaxLength(64);
    }
}
