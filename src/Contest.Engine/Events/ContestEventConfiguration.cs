using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Contest.Engine.Events;

internal sealed class ContestEventConfiguration : IEntityTypeConfiguration<ContestEvent>
{
    public void Configure(EntityTypeBuilder<ContestEvent> e)
    {
        e.ToTable("Events");
        e.Property(x => x.Title).HasMaxLength(EventBranding.MaxTitle);
        e.Property(x => x.Subtitle).HasMaxLength(300);
        e.Property(x => x.LogoUrl).HasMaxLength(500);
        e.Property(x => x.PrimaryColor).HasMaxLength(7);
        e.Property(x => x.AccentColor).HasMaxLength(7);
        e.Property(x => x.Language).HasMaxLength(5);
        e.Property(x => x.ProjectorToken).HasMaxLength(64);
        e.HasIndex(x => x.ProjectorToken).IsUnique();
        // The screen is one small value that is always read and written whole: a JSON column keeps it one row.
        e.Property(x => x.Screen).HasConversion(
            v => JsonSerializer.Serialize(v, ScreenJson),
            v => JsonSerializer.Deserialize<ScreenChoice>(v, ScreenJson) ?? ScreenChoice.Welcome).HasMaxLength(4000);
    }

    // Letters kept as letters: escaped, each Vietnamese letter took 6 characters, so a 1,500-character slide text
    // overflowed the 4,000-character column on PostgreSQL. The column is data, never HTML, so no escaping is needed.
    private static readonly JsonSerializerOptions ScreenJson = new(JsonSerializerOptions.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
