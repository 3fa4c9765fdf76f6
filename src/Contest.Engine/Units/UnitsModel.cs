using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Contest.Engine.Units;

internal sealed class UnitConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> u)
    {
        u.Property(x => x.Name).HasMaxLength(Unit.NameMaxLength);
        u.Property(x => x.Code).HasMaxLength(Unit.CodeMaxLength);
        u.HasOne(x => x.Parent).WithMany(x => x.Children).HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
        u.HasIndex(x => new { x.ParentId, x.Name }).IsUnique();
        // Both providers let several rows leave a unique column NULL, so "optional, unique when set" needs no filter.
        u.HasIndex(x => x.Code).IsUnique();
    }
}

internal sealed class RosterEntryConfiguration : IEntityTypeConfiguration<RosterEntry>
{
    public void Configure(EntityTypeBuilder<RosterEntry> r)
    {
        r.ToTable("RosterEntries");
        r.Property(x => x.FullName).HasMaxLength(Text.PersonName.MaxLength);
        // The setter also derives NameKey; loading goes through the field so a stored key is kept as stored.
        r.Property(x => x.FullName).HasField("_fullName").UsePropertyAccessMode(PropertyAccessMode.PreferField);
        r.Property(x => x.NameKey).HasMaxLength(Text.PersonName.MaxLength);
        r.Property(x => x.MemberId).HasMaxLength(RosterEntry.MemberIdMaxLength);
        r.HasOne<Unit>().WithMany(x => x.Roster).HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Cascade);
        r.HasIndex(x => new { x.UnitId, x.MemberId }).IsUnique();
        r.HasIndex(x => new { x.UnitId, x.NameKey, x.DateOfBirth });
    }
}
