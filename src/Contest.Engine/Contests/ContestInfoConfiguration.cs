using Contest.Engine.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Contest.Engine.Contests;

internal sealed class ContestInfoConfiguration : IEntityTypeConfiguration<ContestInfo>
{
    public void Configure(EntityTypeBuilder<ContestInfo> c)
    {
        c.ToTable("Contests");
        c.Property(x => x.Name).HasMaxLength(ContestInfo.MaxName);
        c.Property(x => x.Description).HasMaxLength(ContestInfo.MaxDescription);
        c.Property(x => x.Language).HasMaxLength(5);
        // Deleting an event leaves its contests standing, just no longer in that event.
        c.HasOne<ContestEvent>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.SetNull);
    }
}
